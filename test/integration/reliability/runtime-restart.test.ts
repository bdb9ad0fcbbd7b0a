import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verdictCaseId } from '#core/review/case-id';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import type { Submission } from '#schemas/submission';
import { FakeTime } from '#test/helpers/fake-time';
import {
  BLOCK_AND_REVIEW_PACK,
  blockedAndBorderline,
  expectDecidedOnce,
  PipelineRecords,
} from '#test/helpers/pipeline-records';
import { platformSqsClient, queueDepth, sendBodies } from '#test/helpers/platform-queue';
import { type RuntimeFolders, runtimeFolders } from '#test/helpers/runtime-folders';
import { waitFor } from '#test/helpers/wait-for';

const MINUTE = 60_000;
const REPO = fileURLToPath(new URL('../../..', import.meta.url));

describe('patrol dev restarted on its data folder', () => {
  let folders: RuntimeFolders;
  const time = new FakeTime('2026-11-20T01:00:00.000Z');
  const notices: string[] = [];
  let runtime: DevRuntime | undefined;

  beforeAll(async () => {
    folders = await runtimeFolders({ 'block-and-review.yaml': BLOCK_AND_REVIEW_PACK });
  });

  afterAll(async () => {
    await runtime?.stop();
    await folders?.remove();
  });

  function start(): Promise<DevRuntime> {
    return startDevRuntime({
      dataDir: folders.dataDir,
      port: 0,
      sqsPort: 0,
      policiesDir: folders.policiesDir,
      clock: time,
      visibilityTimeoutSeconds: 3,
      logLevel: 'SILENT',
      onNotice: (line) => notices.push(line),
      drainTimeoutMs: 10_000,
    });
  }

  it('keeps every verdict, event, case, strike and rejection, fires pending timers once and decides nothing twice', async () => {
    const submissions = blockedAndBorderline('kept', 8);
    const bodies = submissions.map((submission) => JSON.stringify(submission));
    runtime = await start();
    let platform = platformSqsClient(runtime.endpoints.sqs);
    let records = new PipelineRecords(runtime.endpoints);
    const [refusedId = ''] = await sendBodies(platform, runtime.queues.ingest?.url ?? '', [
      '{"schemaVersion":1,"tenant":"acme-market"}',
    ]);
    await sendBodies(platform, runtime.queues.ingest?.url ?? '', bodies);
    await waitFor('every item decided and the refusal recorded', async () => {
      const decided = await records.of(submissions);
      const refused = await records.rejections.get(refusedId);
      return decided.every((record) => record.verdicts === 1) && refused !== undefined ? true : undefined;
    });
    await waitFor('the review cases', async () =>
      (await records.of(submissions)).every((record) => record.blocked || record.caseOpenings === 1)
        ? true
        : undefined,
    );
    const before = {
      records: await records.of(submissions),
      verdicts: await Promise.all(
        submissions.map((item) => records.verdicts.get(item.tenant, item.contentId)),
      ),
      events: await records.verdictEvents(),
      cases: await Promise.all(submissions.map((item) => records.cases.get(item.tenant, caseIdOf(item)))),
      rejection: await records.rejections.get(refusedId),
    };
    expect(before.cases.filter((reviewCase) => reviewCase?.status === 'open')).toHaveLength(4);
    platform.destroy();
    records.close();
    await runtime.stop();
    runtime = undefined;

    // The cases' breach is due an hour after they opened; it falls due while patrol dev is down.
    time.advance(61 * MINUTE);
    runtime = await start();
    platform = platformSqsClient(runtime.endpoints.sqs);
    records = new PipelineRecords(runtime.endpoints);
    try {
      expect(await records.of(submissions)).toEqual(before.records);
      expect(
        await Promise.all(submissions.map((item) => records.verdicts.get(item.tenant, item.contentId))),
      ).toEqual(before.verdicts);
      expect(await records.verdictEvents()).toEqual(before.events);
      expect(await records.rejections.get(refusedId)).toEqual(before.rejection);

      const borderline = submissions.filter((item) => !item.body?.includes('LINE'));
      await waitFor('every pending breach to fire after the restart', () =>
        borderline.every((item) =>
          notices.some((line) => line.startsWith('sla.breached') && line.includes(caseIdOf(item))),
        )
          ? true
          : undefined,
      );
      // Sent again after the restart, under new message ids: still decided once.
      await sendBodies(platform, runtime.queues.ingest?.url ?? '', bodies);
      await waitFor('the copies to be handled', async () =>
        (await queueDepth(platform, runtime?.queues.ingest?.url ?? '')) === 0 ? true : undefined,
      );
      expectDecidedOnce(await records.of(submissions));
      for (const item of borderline) {
        const breaches = notices.filter(
          (line) => line.startsWith('sla.breached') && line.includes(caseIdOf(item)),
        );
        expect(breaches, caseIdOf(item)).toHaveLength(1);
      }
    } finally {
      platform.destroy();
      records.close();
    }
  }, 180_000);
});

function caseIdOf(item: Submission): string {
  return verdictCaseId(item.tenant, item.contentId, item.version);
}

describe('patrol dev killed with SIGKILL', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'patrol-killed-'));
  });

  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Starts `patrol dev` on the data folder and resolves with the endpoints it prints. */
  async function startCommand(): Promise<{
    process: ChildProcess;
    sqs: string;
    dynamodb: string;
    api: string;
    queueUrl: string;
  }> {
    const started = spawn(
      process.execPath,
      ['local/bin/patrol.js', 'dev', '--data', dataDir, '--port', '0', '--sqs-port', '0'],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    const lines: string[] = [];
    started.stdout?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n')));
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n')));
    await waitFor(
      'patrol dev to be ready',
      () => {
        if (started.exitCode !== null) throw new Error(`patrol dev exited:\n${lines.join('\n')}`);
        return lines.some((line) => line.startsWith('ready')) ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
    const printed = (label: string) =>
      (lines.find((line) => line.startsWith(`${label}: `)) ?? '').slice(label.length + 2);
    return {
      process: started,
      sqs: printed('sqs'),
      dynamodb: printed('dynamodb'),
      api: printed('api'),
      queueUrl: printed('queue patrol-ingest'),
    };
  }

  it('keeps every stored verdict when the process is killed without a chance to stop', async () => {
    const submissions = blockedAndBorderline('killed', 6);
    const first = await startCommand();
    const platform = platformSqsClient(first.sqs);
    let records = new PipelineRecords(first);
    try {
      for (const submission of submissions) {
        await platform.send(
          new SendMessageCommand({ QueueUrl: first.queueUrl, MessageBody: JSON.stringify(submission) }),
        );
      }
      await waitFor(
        'every verdict',
        async () =>
          (await records.of(submissions)).every((record) => record.verdicts === 1) ? true : undefined,
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      const before = await Promise.all(
        submissions.map((item) => records.verdicts.get(item.tenant, item.contentId)),
      );
      records.close();
      first.process.kill('SIGKILL');
      await new Promise((resolve) => first.process.once('exit', resolve));

      const second = await startCommand();
      records = new PipelineRecords(second);
      expect(
        await Promise.all(submissions.map((item) => records.verdicts.get(item.tenant, item.contentId))),
      ).toEqual(before);
      second.process.kill('SIGINT');
      await new Promise((resolve) => second.process.once('exit', resolve));
    } finally {
      platform.destroy();
      records.close();
    }
  }, 240_000);
});
