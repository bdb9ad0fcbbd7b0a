import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedClassifier } from '#adapters/embedded/embedded-classifier';
import { ModelFileError } from '#adapters/embedded/errors';
import { readModelFile, writeModelFile } from '#adapters/embedded/model-file';

const STARTER = fileURLToPath(new URL('../../../../models/starter.model', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patrol-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EmbeddedClassifier', () => {
  it('loads the starter model from its file and scores every label it knows, at no cost', async () => {
    const classifier = await EmbeddedClassifier.fromFile(STARTER);
    const { header } = await readModelFile(STARTER);
    const result = await classifier.classify({
      tenant: 'acme-market',
      segments: ['iPhone 13 美品', '値段の相談はLINEでお願いします！ID: nana_1203 で追加してください'],
      locale: 'ja-JP',
    });
    expect(result).toMatchObject({
      modelId: header.modelId,
      modelVersion: header.modelVersion,
      costUsd: 0,
      language: 'ja',
    });
    expect(Object.keys(result.scores).sort()).toEqual([...header.labels].sort());
    expect(result.scores['contact-exchange']).toBeGreaterThan(0.5);
    for (const score of Object.values(result.scores)) expect(score >= 0 && score <= 1).toBe(true);
  });

  it('reports the language from the locale when the text has no kana, and none when there is no locale', async () => {
    const classifier = await EmbeddedClassifier.fromFile(STARTER);
    const english = await classifier.classify({
      tenant: 't',
      segments: ['Selling my bike'],
      locale: 'en-US',
    });
    const unknown = await classifier.classify({ tenant: 't', segments: ['Selling my bike'] });
    expect(english.language).toBe('en');
    expect(unknown.language).toBeUndefined();
  });

  it('names the file when it is missing or damaged', async () => {
    const missing = join(dir, 'missing.model');
    await expect(EmbeddedClassifier.fromFile(missing)).rejects.toThrow(ModelFileError);
    await expect(EmbeddedClassifier.fromFile(missing)).rejects.toThrow(`${missing}: cannot read the model`);

    const damaged = join(dir, 'damaged.model');
    const bytes = await readFile(STARTER);
    bytes[bytes.length - 10] = ((bytes[bytes.length - 10] as number) + 1) & 0xff;
    await writeFile(damaged, bytes);
    await expect(EmbeddedClassifier.fromFile(damaged)).rejects.toThrow(new RegExp(`${damaged}: .*damaged`));
  });

  it('writes a model that reads back identical, leaving no partial file behind', async () => {
    const model = await readModelFile(STARTER);
    const copy = join(dir, 'copy.model');
    const written = await writeModelFile(copy, model);
    expect(written).toBe((await readFile(STARTER)).length);
    expect((await readModelFile(copy)).header).toEqual(model.header);
    await expect(writeModelFile(join(dir, 'no-such-dir', 'x.model'), model)).rejects.toThrow(ModelFileError);
  });
});
