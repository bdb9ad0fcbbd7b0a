import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '#schemas/verdict';
import { aSubmission } from '#test/helpers/submissions';
import { waitFor } from '#test/helpers/wait-for';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** The command's output so far, line by line, and its exit once it has one. */
interface RunningCommand {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runPatrol(args: string[]): RunningCommand {
  const child = spawn(process.execPath, ['local/bin/patrol.js', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.trimEnd().split('\n')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, exited };
}

function printed(lines: string[], label: string): string {
  const line = lines.find((candidate) => candidate.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}:" line in:\n${lines.join('\n')}`);
  return line.slice(label.length + 2);
}

describe('patrol dev', () => {
  let running: RunningCommand | undefined;

  afterEach(() => {
    if (running?.child.exitCode === null) running.child.kill('SIGKILL');
    running = undefined;
  });

  it('prints its endpoints, decides a message a platform sends and exits cleanly on Ctrl-C', async () => {
    const command = runPatrol(['dev', '--memory', '--port', '0', '--sqs-port', '0']);
    running = command;
    let exitedEarly = false;
    void command.exited.then(() => {
      exitedEarly = true;
    });
    await waitFor(
      'the ready line',
      () => {
        if (exitedEarly)
          throw new Error(`patrol dev exited before it was ready:\n${command.lines.join('\n')}`);
        return command.lines.some((line) => line.startsWith('ready')) ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
    const api = printed(command.lines, 'api');
    const queueUrl = printed(command.lines, 'queue patrol-ingest');
    const platform = new SQSClient({
      endpoint: printed(command.lines, 'sqs'),
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'platform', secretAccessKey: 'platform' },
    });
    const submission = aSubmission('listing', { contentId: `command-${Date.now()}` });

    try {
      await platform.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(submission) }),
      );
      const verdict = await waitFor(
        'the verdict from the API',
        async () => {
          const response = await fetch(`${api}/v1/verdicts/${submission.tenant}/${submission.contentId}`, {
            headers: { authorization: `Bearer ${printed(command.lines, 'token admin')}` },
          });
          return response.status === 200 ? ((await response.json()) as { latest: Verdict }) : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      expect(verdict.latest).toMatchObject({
        tenant: submission.tenant,
        contentId: submission.contentId,
        version: 1,
      });
    } finally {
      platform.destroy();
    }

    command.child.kill('SIGINT');
    const exit = await command.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(command.lines).toContain('stopped');
  }, 120_000);

  it('refuses an option value it cannot use, naming the option', async () => {
    const command = runPatrol(['dev', '--memory', '--port', 'eighty']);
    running = command;

    const exit = await command.exited;
    expect(exit.code).not.toBe(0);
    expect(command.lines.join('\n')).toMatch(/--port/);
  }, 60_000);
});
