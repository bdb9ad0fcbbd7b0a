import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbIdempotencyStore } from '#adapters/dynamodb/dynamodb-idempotency-store';
import { DynamoDbReporterMutes } from '#adapters/dynamodb/dynamodb-reporter-mutes';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { CasesTable, localTableName, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { intakeReviewRequest } from '#core/review/intake-review-request';
import { getVerdictRoute } from '#local/api/get-verdict';
import { type ApiServer, startApiServer } from '#local/api-server';
import { DEV_PRINCIPALS, devTokenAuthenticator, loadDevTokenKey, signDevToken } from '#local/dev-tokens';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import type { Principal } from '#schemas/principal';
import type { ReviewDependencies } from '#shared/review-dependencies';
import { reviewRoutes } from '#shared/review-routes';
import { FakeTime } from '#test/helpers/fake-time';
import { aPolicySource, caseStoreOn, RecordingNotifier, RecordingTimers } from '#test/helpers/review-store';
import { aVerdict } from '#test/helpers/verdicts';

/** A JSON answer, read loosely: the assertions say what each field must hold. */
// biome-ignore lint/suspicious/noExplicitAny: the tests reach into answers of many shapes.
type AnswerBody = Record<string, any>;

interface Answer {
  status: number;
  body: AnswerBody;
}

describe('the moderation API', () => {
  let dynamo: DynamoDbLocal;
  let api: ApiServer;
  let dependencies: ReviewDependencies;
  const time = new FakeTime('2026-11-20T01:00:00.000Z');
  const tokens: Record<string, string> = {};
  let sequence = 0;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    const key = await loadDevTokenKey(undefined);
    const principals: Record<string, Principal> = {
      aiko: DEV_PRINCIPALS.moderator,
      ken: { userId: 'mod-ken', tenant: 'acme-market', role: 'moderator' },
      sam: { userId: 'mod-sam', tenant: 'acme-market', role: 'moderator' },
      lead: DEV_PRINCIPALS.lead,
      otherTenantLead: { userId: 'lead-jo', tenant: 'gig-board', role: 'lead' },
    };
    for (const [name, principal] of Object.entries(principals))
      tokens[name] = await signDevToken(key, principal);
    tokens.forged = await signDevToken(await loadDevTokenKey(undefined), DEV_PRINCIPALS.admin);
    const verdicts = new DynamoDbVerdictStore(dynamo.documentClient, localTableName(VerdictsTable));
    dependencies = {
      cases: caseStoreOn(dynamo),
      policies: aPolicySource(),
      mutes: new DynamoDbReporterMutes(dynamo.documentClient, localTableName(CasesTable)),
      idempotency: new DynamoDbIdempotencyStore(dynamo.documentClient, localTableName(CasesTable)),
      verdicts,
      timers: new RecordingTimers(),
      notifier: new RecordingNotifier(),
      strikes: { recordModeratorVerdict: async () => {} },
      clock: time,
    };
    const authenticate = devTokenAuthenticator(key);
    api = await startApiServer({
      routes: [
        getVerdictRoute(verdicts, authenticate),
        ...reviewRoutes({ dependencies, authenticate, onError: (error) => console.error(error) }),
      ],
    });
  });

  afterAll(async () => {
    await api.stop();
    await dynamo.stop();
  });

  async function call(
    method: string,
    path: string,
    as?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        ...(as === undefined ? {} : { authorization: `Bearer ${tokens[as]}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as AnswerBody };
  }

  /** A borderline listing in `queue` (payments: aiko and sam; harassment: aiko and sam; scams: sam and ken). */
  async function aCase(queue = 'payments'): Promise<{ caseId: string; contentId: string }> {
    sequence += 1;
    const contentId = `listing-api-${sequence}`;
    const verdict = aVerdict({
      contentId,
      decidedAt: time.now().toISOString(),
      review: { queue, priority: 'P2' },
    });
    await dependencies.verdicts.record(verdict);
    time.advance(1_000);
    const result = await intakeReviewRequest(
      {
        type: 'verdict',
        verdict,
        snapshot: { kind: 'listing', version: 1, body: 'LINE: yuki_0821' },
        author: { userId: 'user-31337' },
      },
      dependencies,
    );
    if (result.outcome === 'muted') throw new Error('unexpected');
    return { caseId: result.reviewCase.caseId, contentId };
  }

  describe('authentication', () => {
    const routes: [string, string][] = [
      ['GET', '/v1/cases?queue=payments'],
      ['GET', '/v1/cases/c1'],
      ['POST', '/v1/cases/next'],
      ['POST', '/v1/cases/c1/claim'],
      ['POST', '/v1/cases/c1/renew'],
      ['POST', '/v1/cases/c1/release'],
      ['POST', '/v1/cases/c1/decision'],
      ['POST', '/v1/cases/bulk-decision'],
      ['GET', '/v1/cases/c1/audit'],
      ['GET', '/v1/queues'],
      ['GET', '/v1/queues/payments/stats'],
      ['POST', '/v1/appeals'],
      ['POST', '/v1/reporters/user-1/mute'],
      ['GET', '/v1/verdicts/acme-market/listing-1'],
    ];

    it.each(routes)(
      'answers %s %s with 401 without a token or with one signed by another key',
      async (method, path) => {
        expect((await call(method, path)).status).toBe(401);
        expect(await call(method, path, 'forged')).toMatchObject({
          status: 401,
          body: { error: 'the token does not verify' },
        });
      },
    );
  });

  describe('cases', () => {
    it('lists a queue’s cases most urgent first, names a missing queue, refuses a queue not assigned and an unknown one', async () => {
      const { caseId } = await aCase('payments');

      const listed = await call('GET', '/v1/cases?queue=payments&status=open', 'aiko');
      expect(listed.status).toBe(200);
      expect(listed.body.cases.map((item: { caseId: string }) => item.caseId)).toContain(caseId);
      expect(await call('GET', '/v1/cases', 'aiko')).toMatchObject({
        status: 400,
        body: { error: 'query.queue: Invalid input: expected string, received undefined' },
      });
      expect((await call('GET', '/v1/cases?queue=payments&status=lost', 'aiko')).body.error).toMatch(
        /^query\.status:/,
      );
      expect((await call('GET', '/v1/cases?queue=payments', 'ken')).status).toBe(403);
      expect((await call('GET', '/v1/cases?queue=nowhere', 'lead')).status).toBe(404);
    });

    it('shows a case with its highlights once the view is audited, and hides other queues and tenants', async () => {
      const { caseId } = await aCase('payments');

      const shown = await call('GET', `/v1/cases/${caseId}`, 'aiko');
      expect(shown).toMatchObject({
        status: 200,
        body: { case: { caseId, snapshot: { body: 'LINE: yuki_0821' } } },
      });
      expect(shown.body.highlights).toEqual([
        expect.objectContaining({ field: 'body', ruleId: 'off-platform-contact' }),
      ]);
      expect((await call('GET', `/v1/cases/${caseId}`, 'ken')).status).toBe(403);
      expect((await call('GET', `/v1/cases/${caseId}`, 'otherTenantLead')).status).toBe(404);
      expect((await call('GET', '/v1/cases/c-none', 'aiko')).status).toBe(404);
      const audit = await call('GET', `/v1/cases/${caseId}/audit`, 'lead');
      expect(audit.body.entries).toContainEqual(
        expect.objectContaining({ kind: 'view', viewerId: 'mod-aiko' }),
      );
      expect((await call('GET', `/v1/cases/${caseId}/audit`, 'ken')).status).toBe(403);
      expect((await call('GET', '/v1/cases/c-none/audit', 'lead')).status).toBe(404);
    });
  });

  describe('claims', () => {
    it('claims, renews and releases; another moderator gets 409 naming the holder', async () => {
      const { caseId } = await aCase('payments');

      const claimed = await call('POST', `/v1/cases/${caseId}/claim`, 'aiko');
      expect(claimed).toMatchObject({
        status: 200,
        body: { case: { status: 'claimed', claim: { moderatorId: 'mod-aiko' } } },
      });
      const refused = await call('POST', `/v1/cases/${caseId}/claim`, 'sam');
      expect(refused).toMatchObject({ status: 409, body: { holder: 'mod-aiko' } });
      expect(refused.body.error).toMatch(/claimed by mod-aiko/);
      expect((await call('POST', `/v1/cases/${caseId}/renew`, 'sam')).body).toMatchObject({
        holder: 'mod-aiko',
      });
      expect(
        (await call('POST', `/v1/cases/${caseId}/renew`, 'aiko', { claimVersion: 'two' })).body.error,
      ).toMatch(/^body\.claimVersion:/);
      expect(
        (
          await call('POST', `/v1/cases/${caseId}/renew`, 'aiko', {
            claimVersion: claimed.body.case.claim.version,
          })
        ).status,
      ).toBe(200);
      expect((await call('POST', `/v1/cases/${caseId}/release`, 'sam')).status).toBe(409);
      expect((await call('POST', `/v1/cases/${caseId}/release`, 'aiko', '{not json')).body).toEqual({
        error: 'body: not valid JSON',
      });
      expect((await call('POST', `/v1/cases/${caseId}/release`, 'aiko')).body.case.status).toBe('open');
      expect((await call('POST', `/v1/cases/${caseId}/claim`, 'ken')).status).toBe(403);
      expect((await call('POST', '/v1/cases/c-none/claim', 'aiko')).status).toBe(404);
      expect((await call('POST', '/v1/cases/c-none/renew', 'aiko')).status).toBe(404);
      expect((await call('POST', '/v1/cases/c-none/release', 'aiko')).status).toBe(404);
    });

    it('hands out the next case of the caller’s own queues only', async () => {
      await aCase('harassment');

      expect((await call('POST', '/v1/cases/next', 'ken', { queue: 'harassment' })).status).toBe(403);
      expect((await call('POST', '/v1/cases/next', 'ken', { queue: 'nowhere' })).status).toBe(404);
      expect((await call('POST', '/v1/cases/next', 'ken', { queue: 7 })).body.error).toMatch(/^body\.queue:/);
      const next = await call('POST', '/v1/cases/next', 'sam', { queue: 'harassment' });
      expect(next).toMatchObject({
        status: 200,
        body: { case: { queue: 'harassment', claim: { moderatorId: 'mod-sam' } } },
      });
    });
  });

  describe('decisions', () => {
    it('decides with an Idempotency-Key once, replays it, and refuses the key with another body', async () => {
      const { caseId, contentId } = await aCase('payments');
      const claimed = await call('POST', `/v1/cases/${caseId}/claim`, 'aiko');
      const decision = {
        action: 'remove',
        reasonCode: 'guidelines 3.2',
        claimVersion: claimed.body.case.claim.version,
      };
      time.advance(1_000);

      expect(
        (await call('POST', `/v1/cases/${caseId}/decision`, 'aiko', { action: 'remove', claimVersion: 2 }))
          .body.error,
      ).toMatch(/^body\.reasonCode:/);
      expect((await call('POST', `/v1/cases/${caseId}/decision`, 'sam', decision)).body).toMatchObject({
        holder: 'mod-aiko',
      });
      const first = await call('POST', `/v1/cases/${caseId}/decision`, 'aiko', decision, {
        'idempotency-key': 'click-1',
      });
      const again = await call('POST', `/v1/cases/${caseId}/decision`, 'aiko', decision, {
        'idempotency-key': 'click-1',
      });
      const other = await call(
        'POST',
        `/v1/cases/${caseId}/decision`,
        'aiko',
        { ...decision, action: 'approve' },
        { 'idempotency-key': 'click-1' },
      );

      expect(first).toMatchObject({
        status: 200,
        body: { case: { status: 'decided' }, verdict: { decision: 'block' } },
      });
      expect(again).toEqual(first);
      expect(other.status).toBe(422);
      expect(
        (await call('POST', `/v1/cases/${caseId}/decision`, 'aiko', { ...decision, action: 'approve' }))
          .status,
      ).toBe(409);
      expect((await call('POST', `/v1/cases/c-none/decision`, 'aiko', decision)).status).toBe(404);
      const verdict = await call('GET', `/v1/verdicts/acme-market/${contentId}`, 'lead');
      expect(verdict.body.latest).toMatchObject({
        decision: 'block',
        decidedBy: { moderatorId: 'mod-aiko' },
      });
    });

    it('refuses a decision on another queue’s case and a bulk decision outside the caller’s queues', async () => {
      const { caseId } = await aCase('scams');
      const decision = { action: 'approve', reasonCode: 'ok', claimVersion: 2 };

      expect((await call('POST', `/v1/cases/${caseId}/decision`, 'aiko', decision)).status).toBe(403);
      expect(
        (
          await call('POST', '/v1/cases/bulk-decision', 'aiko', {
            queue: 'scams',
            caseIds: [caseId],
            action: 'approve',
            reasonCode: 'ok',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call('POST', '/v1/cases/bulk-decision', 'aiko', {
            queue: 'payments',
            caseIds: [],
            action: 'approve',
            reasonCode: 'ok',
          })
        ).body.error,
      ).toMatch(/^body\.caseIds:/);
      expect(
        (
          await call('POST', '/v1/cases/bulk-decision', 'lead', {
            queue: 'nowhere',
            caseIds: [caseId],
            action: 'approve',
            reasonCode: 'ok',
          })
        ).status,
      ).toBe(404);
      const bulk = await call('POST', '/v1/cases/bulk-decision', 'lead', {
        queue: 'payments',
        caseIds: [caseId],
        action: 'approve',
        reasonCode: 'ok',
      });
      expect(bulk.body.results).toEqual([expect.objectContaining({ caseId, status: 'refused' })]);
    });
  });

  describe('queues, appeals and reporters', () => {
    it('lists only the queues a moderator works, and gives stats to leads only', async () => {
      const queues = await call('GET', '/v1/queues', 'ken');
      expect(queues.body.queues.map((queue: { name: string }) => queue.name)).not.toContain('payments');
      expect(
        (await call('GET', '/v1/queues', 'lead')).body.queues.map((queue: { name: string }) => queue.name),
      ).toContain('payments');
      expect((await call('GET', '/v1/queues/payments/stats', 'aiko')).status).toBe(403);
      expect((await call('GET', '/v1/queues/nowhere/stats', 'lead')).status).toBe(404);
      const stats = await call('GET', '/v1/queues/payments/stats', 'lead');
      expect(stats).toMatchObject({
        status: 200,
        body: { queue: 'payments', last24Hours: { decided: expect.any(Number) } },
      });
      expect(stats.body.backlog).toBeGreaterThan(0);
    });

    it('opens an appeal for a lead, refuses moderators, unknown content and content still in review', async () => {
      const { contentId } = await aCase('payments');
      await dependencies.verdicts.record(
        aVerdict({ contentId: 'listing-appealed', decision: 'block', decidedAt: time.now().toISOString() }),
      );

      expect((await call('POST', '/v1/appeals', 'lead', { statement: 'hi' })).body.error).toMatch(
        /^body\.contentId:/,
      );
      expect((await call('POST', '/v1/appeals', 'aiko', { contentId: 'listing-appealed' })).status).toBe(403);
      expect((await call('POST', '/v1/appeals', 'lead', { contentId: 'no-such-listing' })).status).toBe(404);
      expect((await call('POST', '/v1/appeals', 'lead', { contentId })).status).toBe(409);
      const opened = await call('POST', '/v1/appeals', 'lead', {
        contentId: 'listing-appealed',
        statement: 'Not a scam.',
      });
      expect(opened).toMatchObject({
        status: 201,
        body: { case: { queue: 'appeals', appeal: { appealedDecision: 'block' } } },
      });
      expect((await call('POST', '/v1/appeals', 'lead', { contentId: 'listing-appealed' })).status).toBe(200);
    });

    it('mutes a reporter for leads only', async () => {
      expect((await call('POST', '/v1/reporters/user-troll/mute', 'aiko')).status).toBe(403);
      expect(await call('POST', '/v1/reporters/user-troll/mute', 'lead')).toMatchObject({
        status: 200,
        body: { reporterId: 'user-troll', mutedBy: 'lead-mina' },
      });
      expect(await dependencies.mutes.isMuted('acme-market', 'user-troll')).toBe(true);
    });

    it('serves a verdict only to a token of the tenant in the path', async () => {
      await dependencies.verdicts.record(aVerdict({ contentId: 'listing-tenant' }));

      expect((await call('GET', '/v1/verdicts/acme-market/listing-tenant', 'aiko')).status).toBe(200);
      expect((await call('GET', '/v1/verdicts/acme-market/listing-tenant', 'otherTenantLead')).status).toBe(
        403,
      );
    });
  });
});
