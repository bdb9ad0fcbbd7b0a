import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '#local/dynamodb-local';
import { parseLabelledExamples } from '#local/ml/labelled-examples-file';
import type { CaseOpening } from '#schemas/review-case';
import { aCaseOpening } from '#test/helpers/review-cases';
import { caseStoreOn, openCaseIn } from '#test/helpers/review-store';
import { runPatrol } from '#test/helpers/run-patrol';

/** Decided cases in patrol dev's data folder: one per queue and outcome the export treats differently. */
const decided: { opening: Partial<CaseOpening>; action: 'approve' | 'remove' }[] = [
  {
    opening: {
      caseId: 'c-1',
      queue: 'contact-exchange',
      snapshot: { kind: 'message', version: 1, body: '詳しくはLINEで。ID: yuki_0821' },
    },
    action: 'remove',
  },
  {
    opening: {
      caseId: 'c-2',
      queue: 'counterfeit',
      snapshot: {
        kind: 'listing',
        version: 1,
        title: 'Replica jersey',
        body: 'Officially licensed, "home" kit.',
      },
    },
    action: 'approve',
  },
  {
    opening: {
      caseId: 'c-3',
      queue: 'spam',
      snapshot: { kind: 'comment', version: 1, body: 'Cheap followers, DM me' },
    },
    action: 'remove',
  },
];

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'patrol-export-'));
  const dynamo = await startDynamoDbLocal({ path: dataDir });
  const cases = caseStoreOn(dynamo);
  const decidedAt = new Date(Date.now() - 3_600_000);
  for (const [index, { opening, action }] of decided.entries()) {
    const at = new Date(decidedAt.getTime() + index * 1_000).toISOString();
    const opened = await openCaseIn(cases, { ...opening, createdAt: at });
    await cases.append(opened, {
      tenant: opened.tenant,
      caseId: opened.caseId,
      type: 'case.decided',
      at,
      actor: { type: 'moderator', moderatorId: 'mod-aiko' },
      outcome: { action, moderatorId: 'mod-aiko', reasonCode: 'guidelines 3.2', decidedAt: at },
    });
  }
  await cases.append(undefined, {
    tenant: 'acme-market',
    caseId: 'c-open',
    type: 'case.opened',
    at: decidedAt.toISOString(),
    actor: { type: 'system' },
    opening: aCaseOpening({ caseId: 'c-open', createdAt: decidedAt.toISOString() }),
  });
  await dynamo.stop();
}, 60_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('patrol export decisions', () => {
  it('writes decided cases as training examples patrol train reads, leaving open cases out', async () => {
    const run = await runPatrol(['export', 'decisions', '--tenant', 'acme-market', '--data', dataDir]);

    expect(run.code, run.stderr).toBe(0);
    const examples = parseLabelledExamples(run.stdout, 'decisions.jsonl');
    expect(examples.map(({ text, labels }) => ({ text, labels }))).toEqual([
      { text: '詳しくはLINEで。ID: yuki_0821', labels: ['contact-exchange'] },
      { text: 'Replica jersey\nOfficially licensed, "home" kit.', labels: [] },
      { text: 'Cheap followers, DM me', labels: ['spam'] },
    ]);
  });

  it('writes Comprehend custom classification CSV, approved content as clean', async () => {
    const run = await runPatrol([
      'export',
      'decisions',
      '--tenant',
      'acme-market',
      '--data',
      dataDir,
      '--format',
      'comprehend',
    ]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'contact-exchange,"詳しくはLINEで。ID: yuki_0821"',
      'clean,"Replica jersey Officially licensed, ""home"" kit."',
      'spam,"Cheap followers, DM me"',
      '',
    ]);
  });

  it('refuses an unknown format, naming the choices', async () => {
    const run = await runPatrol(['export', 'decisions', '--tenant', 'acme-market', '--format', 'xml']);

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('patrol, comprehend');
  });
});
