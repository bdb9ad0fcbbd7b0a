import { describe, expect, it } from 'vitest';
import { type Highlight, segmentText } from '../../../console/src/highlight.ts';

const span = (start: number, end: number, ruleId = 'contact.line'): Highlight => ({
  field: 'body',
  start,
  end,
  ruleId,
  clause: 'guidelines 3.2',
});

describe('segmentText', () => {
  it('marks exactly the matched text when a span lies inside the field', () => {
    const text = '値下げ交渉はLINEでお願いします。ID: yuki_0821';
    const segments = segmentText(text, [span(18, 31)]);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(
      segments.filter((segment) => segment.highlights.length > 0).map((segment) => segment.text),
    ).toEqual(['ID: yuki_0821']);
  });

  it('keeps both rules visible when two matches overlap', () => {
    const segments = segmentText('call 090-1234-5678 now', [span(5, 18, 'phone'), span(9, 22, 'urgent')]);
    expect(segments.map((segment) => [segment.text, segment.highlights.map((h) => h.ruleId)])).toEqual([
      ['call ', []],
      ['090-', ['phone']],
      ['1234-5678', ['phone', 'urgent']],
      [' now', ['urgent']],
    ]);
  });

  it('clips spans past the end when the text is shorter than the match', () => {
    const segments = segmentText('short', [span(2, 40)]);
    expect(segments.map((segment) => segment.text)).toEqual(['sh', 'ort']);
    expect(segments[1]?.highlights).toHaveLength(1);
  });

  it('counts UTF-16 units when the text holds characters outside the BMP', () => {
    const text = '😀 LINE';
    const segments = segmentText(text, [span(3, 7)]);
    expect(segments.find((segment) => segment.highlights.length > 0)?.text).toBe('LINE');
  });
});
