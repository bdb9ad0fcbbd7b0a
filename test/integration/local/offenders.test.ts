import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import type { EnforcementEvent, PatrolEvent } from '#schemas/event';
import type { UserRecord } from '#schemas/offender';
import type { Submission } from '#schemas/submission';
import type { Verdict } from '#schemas/verdict';
import { runPatrol } from '#test/helpers/run-patrol';
import { aSubmission } from '#test/helpers/submissions';
import { waitFor } from '#test/helpers/wait-for';

const TENANT = 'acme-market';
const SCAM =
  'Brand new PlayStation 5 bundle, sealed box, only 150 dollars because I am moving abroad next week. ' +
  'Payment first, I ship the same day. Many buyers already, first come first served.';

describe('patrol dev with repeat offenders', () => {
  let dataDir: string;
  let runtime: DevRuntime;
  let platform: SQSClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'patrol-offenders-'));
    runtime = await startDevRuntime({ dataDir, port: 0, sqsPort: 0 });
    platform = new SQSClient({
      endpoint: runtime.endpoints.sqs,
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'platform', secretAccessKey: 'platform' },
    });
  });

  afterAll(async () => {
    platform?.destroy();
    await runtime?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${runtime.endpoints.api}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${runtime.tokens.lead}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  }

  /** Sends a submission as a platform would and waits for its verdict. */
  async function decide(submission: Submission): Promise<Verdict> {
    await platform.send(
      new SendMessageCommand({
        QueueUrl: runtime.queues.ingest?.url ?? '',
        MessageBody: JSON.stringify(submission),
      }),
    );
    return waitFor(`the verdict on ${submission.contentId}`, async () => {
      const response = await api(`/v1/verdicts/${TENANT}/${submission.contentId}`);
      return response.status === 200 ? ((await response.json()) as { latest: Verdict }).latest : undefined;
    });
  }

  function aListingBy(userId: string, overrides: Partial<Submission> & { signals?: Record<string, string> }) {
    const { signals, ...rest } = overrides;
    return aSubmission('listing', {
      locale: 'en-US',
      author: {
        userId,
        accountCreatedAt: new Date(Date.now() - 3_600_000).toISOString(),
        signals: signals ?? { email: `${userId}@example.com` },
      },
      postedAt: new Date().toISOString(),
      ...rest,
    } as Partial<Submission>) as Submission;
  }

  it("sends a new account's first ordinary listing to review as ban_evasion when it shares a banned user's device", async () => {
    const banned = 'user-relister';
    const first = await decide(
      aListingBy(banned, { signals: { email: 'relister@example.com', device: 'android-7f3a-99c1' } }),
    );
    expect(first.decision).toBe('allow');

    const ban = await api(`/v1/users/${TENANT}/${banned}/enforcements`, {
      method: 'POST',
      body: JSON.stringify({ action: 'ban', reason: 'relisted counterfeit goods after two removals' }),
    });
    expect(ban.status).toBe(201);
    const event = (await ban.json()) as EnforcementEvent;
    expect(event).toMatchObject({
      type: 'enforcement.applied',
      action: 'ban',
      decidedBy: { type: 'moderator', moderatorId: 'lead-mina' },
    });

    const verdict = await decide(
      aListingBy('user-fresh-start', {
        signals: { email: 'fresh.start@example.com', device: 'android-7f3a-99c1' },
      }),
    );

    expect(verdict.decision).toBe('review');
    expect(verdict.review).toEqual({ queue: 'ban-evasion', priority: 'P1' });
    expect(verdict.reasons.map((reason) => reason.ruleId)).toEqual(['ban_evasion']);
    // The new account's signals are linked just after its verdict is stored.
    const user = await waitFor('the new account linked', async () => {
      const record = (await (await api(`/v1/users/${TENANT}/user-fresh-start`)).json()) as UserRecord;
      return record.linkedAccounts.length > 0 ? record : undefined;
    });
    expect(user.linkedAccounts).toEqual([{ userId: banned, signals: ['device'], enforcement: 'ban' }]);
    expect(JSON.stringify(user)).not.toContain('android-7f3a-99c1');
    const events = await waitFor('the ban in the event log', async () => {
      const page = (await (await api('/v1/events?limit=1000')).json()) as { events: PatrolEvent[] };
      return page.events.some((candidate) => candidate.eventId === event.eventId) ? page.events : undefined;
    });
    expect(events.filter((candidate) => candidate.eventId === event.eventId)).toEqual([event]);
  });

  it('flags one scam text from five new accounts within ten minutes from the third post on', async () => {
    const start = Date.now();
    const decisions: string[] = [];
    for (let index = 0; index < 5; index++) {
      const verdict = await decide(
        aListingBy(`user-ring-${index}`, {
          title: 'PS5 bundle, sealed',
          body: SCAM,
          postedAt: new Date(start + index * 2 * 60_000).toISOString(),
        }),
      );
      decisions.push(`${verdict.decision}${verdict.reasons.map((reason) => ` ${reason.ruleId}`).join('')}`);
    }

    expect(decisions).toEqual([
      'allow',
      'allow',
      'review spam.duplicate-ring',
      'review spam.duplicate-ring',
      'review spam.duplicate-ring',
    ]);
  });

  it('shows a user and records a lead restriction through the patrol users command', async () => {
    await decide(aListingBy('user-cli', { title: 'Super copy handbag', body: 'Super copy, looks real.' }));
    const cli = ['--api', runtime.endpoints.api, '--data', dataDir, '--by', 'lead-kana'];

    const enforced = await runPatrol([
      'users',
      'enforce',
      TENANT,
      'user-cli',
      '--restrict',
      '7',
      '--reason',
      'counterfeit listing',
      ...cli,
    ]);
    const shown = await runPatrol(['users', 'show', TENANT, 'user-cli', '--json', ...cli]);

    expect(enforced.code, enforced.stderr).toBe(0);
    expect(enforced.stdout).toMatch(
      /^acme-market:user:user-cli:enforcement:1: restrict until \S+ by lead-kana: counterfeit listing/,
    );
    expect(shown.code, shown.stderr).toBe(0);
    const record = JSON.parse(shown.stdout) as UserRecord;
    expect(record.enforcement).toMatchObject({
      level: 'restrict',
      lastAction: 'restrict',
      reason: 'counterfeit listing',
    });
    expect(record.strikes.items.map((strike) => [strike.contentId, strike.active])).toHaveLength(1);
    expect(record.recentVerdicts.map((verdict) => verdict.decision)).toEqual(['block']);
  });

  it('refuses a moderator, and names the field of a request it cannot use', async () => {
    const asModerator = await api(`/v1/users/${TENANT}/user-cli/enforcements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runtime.tokens.moderator}` },
      body: JSON.stringify({ action: 'ban', reason: 'no' }),
    });
    const noDays = await api(`/v1/users/${TENANT}/user-cli/enforcements`, {
      method: 'POST',
      body: JSON.stringify({ action: 'restrict', reason: 'spam' }),
    });
    const liftNothing = await api(`/v1/users/${TENANT}/user-ring-0/enforcements`, {
      method: 'POST',
      body: JSON.stringify({ action: 'lift', reason: 'appeal granted' }),
    });

    expect(asModerator.status).toBe(403);
    expect([noDays.status, ((await noDays.json()) as { error: string }).error]).toEqual([
      400,
      'days: restrict needs days',
    ]);
    expect(liftNothing.status).toBe(409);
    expect((await api(`/v1/users/${TENANT}/user-never-seen`)).status).toBe(404);
  });
});
