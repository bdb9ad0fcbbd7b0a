import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPatrol } from '#test/helpers/run-patrol';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patrol-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONTACT = [
  'LINEで連絡ください ID {}',
  'add me on whatsapp {}',
  'ライン交換しよ、{}です',
  'text me on telegram: {}',
];
const CLEAN = [
  'ご購入ありがとうございます',
  'selling my sofa, barely used',
  '明日発送します',
  'received it, thanks!',
];

/** A small labelled file: contact offers in both languages with a handle filled in, and clean chat. */
function jsonl(count: number, offset = 0): string {
  return Array.from({ length: count }, (_, index) => {
    const handle = `user_${index + offset}`;
    return index % 2 === 0
      ? JSON.stringify({ text: (CONTACT[index % 4] as string).replace('{}', handle), labels: ['contact'] })
      : JSON.stringify({ text: `${CLEAN[index % 4]} ${index + offset}`, labels: [] });
  }).join('\n');
}

async function fileWith(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('patrol train and patrol eval', () => {
  it('trains a model from JSON Lines, showing progress on stderr, and evaluates it as JSON', async () => {
    const input = await fileWith('train.jsonl', jsonl(300));
    const model = join(dir, 'contact.model');
    const train = await runPatrol(['train', '--input', input, '--out', model, '--seed', '5']);
    expect(train.code).toBe(0);
    expect(train.stderr).toMatch(/read 300 examples/);
    expect(train.stderr).toMatch(/epoch 1\/4: mean loss/);
    expect(train.stdout).toMatch(/wrote .*contact\.model: patrol-embedded [0-9a-f]{16}/);

    const heldOut = await fileWith('eval.jsonl', jsonl(60, 1_000));
    const evaluation = await runPatrol(['eval', '--input', heldOut, '--model', model, '--json']);
    expect(evaluation.code).toBe(0);
    const report = JSON.parse(evaluation.stdout);
    expect(report).toMatchObject({ mode: 'multi-label', examples: 60, labels: { contact: { support: 30 } } });
    expect(report.macroF1).toBeGreaterThan(0.9);
    expect(report.weightedF1).toBeGreaterThan(0.9);
    expect(report.mcc).toBeGreaterThan(0.8);
  });

  it('writes the same bytes for the same input and seed', async () => {
    const input = await fileWith('same.jsonl', jsonl(120));
    const first = join(dir, 'first.model');
    const second = join(dir, 'second.model');
    await runPatrol(['train', '--input', input, '--out', first, '--seed', '9']);
    await runPatrol(['train', '--input', input, '--out', second, '--seed', '9']);
    expect((await readFile(second)).equals(await readFile(first))).toBe(true);
  });

  it('trains from CSV with named columns and prints per-class tables with a confusion matrix', async () => {
    const rows = Array.from({ length: 200 }, (_, index) =>
      index % 2
        ? `${index},"WIN a ""free"" prize, call 0800 ${index}",spam`
        : `${index},"lunch at ${index}, ok?",ham`,
    );
    const input = await fileWith('sms.csv', ['id,body,kind', ...rows].join('\n'));
    const model = join(dir, 'sms.model');
    const train = await runPatrol([
      'train',
      '--input',
      input,
      '--out',
      model,
      '--text-col',
      'body',
      '--label-col',
      'kind',
    ]);
    expect(train.code).toBe(0);
    const evaluation = await runPatrol([
      'eval',
      '--input',
      input,
      '--model',
      model,
      '--text-col',
      'body',
      '--label-col',
      'kind',
    ]);
    expect(evaluation.code).toBe(0);
    expect(evaluation.stdout).toMatch(/multi-class/);
    expect(evaluation.stdout).toMatch(/label\s+precision\s+recall\s+f1\s+support\s+roc-auc/);
    expect(evaluation.stdout).toMatch(/confusion matrix \(rows: actual, columns: predicted\)/);
    expect(evaluation.stdout).toMatch(/MCC 1\.000/);
  });

  it('continues from a model with --from, keeping its labels and adding new ones', async () => {
    const parent = join(dir, 'parent.model');
    await runPatrol(['train', '--input', await fileWith('p.jsonl', jsonl(200)), '--out', parent]);
    const payments = Array.from({ length: 100 }, (_, index) =>
      JSON.stringify(
        index % 2
          ? { text: `振込でお願いします ${index}`, labels: ['payment'] }
          : { text: `アプリで購入 ${index}`, labels: [] },
      ),
    ).join('\n');
    const child = join(dir, 'child.model');
    const train = await runPatrol([
      'train',
      '--input',
      await fileWith('c.jsonl', payments),
      '--out',
      child,
      '--from',
      parent,
    ]);
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/2 labels \(contact, payment\)/);
  });

  it('exits non-zero naming the line of a malformed example, a missing column or an empty file', async () => {
    const malformed = await fileWith('bad.jsonl', `${jsonl(3)}\n{"text": "no labels"}\n`);
    const bad = await runPatrol(['train', '--input', malformed, '--out', join(dir, 'bad.model')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`error: ${malformed}:4: labels:`);

    const noColumn = await fileWith('cols.csv', 'tweet,class\nhi,1\n');
    const missing = await runPatrol(['eval', '--input', noColumn, '--model', join(dir, 'contact.model')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no column "text" in the header (columns: tweet, class)');

    const empty = await runPatrol([
      'train',
      '--input',
      await fileWith('empty.tsv', ''),
      '--out',
      join(dir, 'e.model'),
    ]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty\.tsv: no examples in it/);
  });
});
