import { describe, expect, it } from 'vitest';
import { createScorer } from '#core/ml/classifier-model';
import { ModelFormatError } from '#core/ml/errors';
import { decodeModel, encodeModel } from '#core/ml/model-format';
import { trainClassifier } from '#core/ml/train';

const model = trainClassifier(
  Array.from({ length: 200 }, (_, index) =>
    index % 2 === 0
      ? { text: `PayPayで直接払います ${index}`, labels: ['payment'] }
      : { text: `アプリで購入します ${index}`, labels: [] },
  ),
  { seed: 2, features: { charNgrams: [1, 3], wordNgrams: [1, 1], bucketBits: 14 } },
);
const bytes = encodeModel(model);

describe('encodeModel and decodeModel', () => {
  it('read back a model that scores exactly as the one written', () => {
    const read = createScorer(decodeModel(bytes));
    const written = createScorer(model);
    for (const text of ['PayPayでお願いします', 'アプリで買います', '']) {
      expect(Array.from(read.scores(text))).toEqual(Array.from(written.scores(text)));
    }
    expect(decodeModel(bytes).header).toEqual(model.header);
  });

  it('refuses a file whose weights were changed after it was written', () => {
    const damaged = bytes.slice();
    damaged[damaged.length - 1] = ((damaged[damaged.length - 1] as number) + 1) & 0xff;
    expect(() => decodeModel(damaged)).toThrow(/damaged/);
  });

  it('refuses bytes that are not a model, or a model cut short, saying which', () => {
    expect(() => decodeModel(new TextEncoder().encode('{"labels": []}'))).toThrow(/PATROLML/);
    expect(() => decodeModel(bytes.subarray(0, 40))).toThrow(ModelFormatError);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 3))).toThrow(/weight bytes/);
  });

  it('names the header field that is wrong', () => {
    const text = new TextDecoder().decode(bytes);
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
    const header = JSON.parse(text.slice(12, 12 + headerLength));
    const broken = new TextEncoder().encode(JSON.stringify({ ...header, labels: ['ok', 'not ok'] }));
    const file = new Uint8Array(12 + broken.length);
    file.set(bytes.subarray(0, 8));
    new DataView(file.buffer).setUint32(8, broken.length, true);
    file.set(broken, 12);
    expect(() => decodeModel(file)).toThrow(/header\.labels\.1/);
  });
});
