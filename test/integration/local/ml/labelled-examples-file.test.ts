import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamplesFileError } from '#local/ml/errors';
import { readLabelledExamples } from '#local/ml/labelled-examples-file';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patrol-examples-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('readLabelledExamples', () => {
  it('reads JSON Lines, skipping blank lines and keeping each example’s line as its origin', async () => {
    const file = await fileWith(
      'a.jsonl',
      [
        '{"text": "LINE交換しよ", "labels": ["contact-exchange"]}',
        '',
        '{"text": "ご購入ありがとうございます", "labels": []}',
      ].join('\n'),
    );
    expect(await readLabelledExamples(file)).toEqual([
      { text: 'LINE交換しよ', labels: ['contact-exchange'], origin: `${file}:1` },
      { text: 'ご購入ありがとうございます', labels: [], origin: `${file}:3` },
    ]);
  });

  it('reads CSV fields holding commas, doubled quotes and newlines, from the named columns', async () => {
    const file = await fileWith(
      'b.csv',
      'id,tweet,class\n1,"hello, ""friend""\nsecond line",2\n2,plain text,1|0\n3,no label,\n',
    );
    const examples = await readLabelledExamples(file, { textColumn: 'tweet', labelColumn: 'class' });
    expect(examples.map(({ text, labels }) => ({ text, labels }))).toEqual([
      { text: 'hello, "friend"\nsecond line', labels: ['2'] },
      { text: 'plain text', labels: ['1', '0'] },
      { text: 'no label', labels: [] },
    ]);
    expect(examples.map((example) => example.origin)).toEqual([`${file}:2`, `${file}:4`, `${file}:5`]);
  });

  it('reads TSV without quoting, so a quote inside a text stays part of it', async () => {
    const file = await fileWith('c.tsv', 'label\ttext\nham\tToday is "song day".. ok?\nspam\t"Win" now\n');
    expect((await readLabelledExamples(file)).map(({ text }) => text)).toEqual([
      'Today is "song day".. ok?',
      '"Win" now',
    ]);
  });

  it('names the file and line of a malformed JSON line, and the field of an invalid example', async () => {
    const broken = await fileWith('d.jsonl', '{"text": "ok", "labels": []}\n{"text": "oops", labels: []}\n');
    await expect(readLabelledExamples(broken)).rejects.toThrow(`${broken}:2: not JSON`);
    const invalid = await fileWith('e.jsonl', '{"text": "ok", "labels": "spam"}\n');
    await expect(readLabelledExamples(invalid)).rejects.toThrow(`${invalid}:1: labels:`);
  });

  it('names a missing column and lists the ones the header has', async () => {
    const file = await fileWith('f.csv', 'tweet,class\nhi,1\n');
    await expect(readLabelledExamples(file)).rejects.toThrow(
      `${file}:1: no column "text" in the header (columns: tweet, class); name another with --text-col`,
    );
  });

  it('refuses an empty file, an empty text, an unknown extension and a missing file', async () => {
    await expect(readLabelledExamples(await fileWith('g.jsonl', '\n\n'))).rejects.toThrow(
      'no examples in it',
    );
    await expect(readLabelledExamples(await fileWith('h.csv', 'text,label\n'))).rejects.toThrow(
      'no examples in it',
    );
    const emptyText = await fileWith('i.csv', 'text,label\n"",spam\n');
    await expect(readLabelledExamples(emptyText)).rejects.toThrow(
      `${emptyText}:2: text: expected a non-empty text`,
    );
    await expect(readLabelledExamples(await fileWith('j.txt', 'x'))).rejects.toThrow(
      /expected \.jsonl, \.csv or \.tsv/,
    );
    await expect(readLabelledExamples(join(dir, 'none.jsonl'))).rejects.toThrow(ExamplesFileError);
  });

  it('names the line of a CSV row with the wrong number of fields', async () => {
    const file = await fileWith('k.csv', 'text,label\nok,1\ntoo,many,fields\n');
    await expect(readLabelledExamples(file)).rejects.toThrow(new RegExp(`${file}:3: not valid CSV`));
  });
});
