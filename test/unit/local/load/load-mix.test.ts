import { describe, expect, it } from 'vitest';
import { parseSubmission } from '#core/decide/parse-submission';
import { seededRandom } from '#core/ml/seeded-random';
import { createLoadMix, itemKeyOf, type LoadMessage } from '#local/load/load-mix';

function draw(count: number, seed = 3): LoadMessage[] {
  const next = createLoadMix(seededRandom(seed), new Date('2026-11-20T00:00:00Z'));
  return Array.from({ length: count }, () => next());
}

describe('createLoadMix', () => {
  it('mixes valid items, repeats of earlier items and malformed messages in realistic shares', () => {
    const messages = draw(4_000);
    const share = (kind: LoadMessage['kind']) =>
      messages.filter((message) => message.kind === kind).length / 4_000;
    expect(share('repeat')).toBeGreaterThan(0.03);
    expect(share('repeat')).toBeLessThan(0.07);
    expect(share('malformed')).toBeGreaterThan(0.015);
    expect(share('malformed')).toBeLessThan(0.045);
  });

  it('sends only items the contract accepts as valid, and only messages it refuses as malformed', () => {
    for (const message of draw(1_000)) {
      if (message.kind === 'malformed') expect(() => parseSubmission(message.body)).toThrow();
      else expect(itemKeyOf(parseSubmission(message.body))).toBe(itemKeyOf(message.item));
    }
  });

  it('repeats only items already sent, each time under the same item key', () => {
    const sent = new Set<string>();
    for (const message of draw(2_000)) {
      if (message.kind === 'malformed') continue;
      const key = itemKeyOf(message.item);
      if (message.kind === 'repeat') expect(sent.has(key)).toBe(true);
      else {
        expect(sent.has(key)).toBe(false);
        sent.add(key);
      }
    }
  });

  it('draws the same messages from the same seed, so a run can be repeated', () => {
    const shape = (message: LoadMessage) =>
      message.kind === 'malformed' ? 'malformed' : `${message.kind} ${itemKeyOf(message.item)}`;
    expect(draw(200, 9).map(shape)).toEqual(draw(200, 9).map(shape));
    expect(draw(200, 9).map(shape)).not.toEqual(draw(200, 10).map(shape));
  });
});
