import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { casePartitionKey, indexAttributes } from '#adapters/dynamodb/case-keys';
import { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { CaseAuditTable, CasesTable, localTableName } from '#adapters/dynamodb/table-definitions';
import { FileReviewPolicySource } from '#adapters/files/file-review-policy-source';
import { InProcessTimerService } from '#adapters/memory/in-process-timer-service';
import { applyCaseEvent } from '#core/review/case-projection';
import { claimNextCase } from '#core/review/claim-case';
import { workableQueues } from '#core/review/queue-access';
import { pendingTimers, type SlaTimer } from '#core/review/sla-timers';
import { startDynamoDbLocal } from '#local/dynamodb-local';
import type { Clock } from '#ports/clock';
import type { ReviewCase } from '#schemas/review-case';
import type { Priority } from '#schemas/rule';
import type { BenchSection } from './section.ts';

const OPEN_CASES = 100_000;
const CLAIMS = 300;
const TIMERS = 10_000;
const TENANT = 'acme-market';
const QUEUES = ['payments', 'scams', 'harassment', 'contact-exchange', 'user-reports'];
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
const POLICIES = new URL('../policies/review', import.meta.url).pathname;
const NOW = Date.parse('2026-11-20T01:00:00.000Z');

/** A case opened `index` seconds before the bench's clock, spread over five queues and four priorities. */
function anOpenCase(index: number): ReviewCase {
  const createdAt = new Date(NOW - index * 1_000);
  const opening = {
    tenant: TENANT,
    caseId: `c${index.toString(16).padStart(31, '0')}`,
    source: 'verdict' as const,
    subject: { type: 'content' as const, contentId: `listing-${index}` },
    queue: QUEUES[index % QUEUES.length] as string,
    priority: PRIORITIES[index % PRIORITIES.length] as Priority,
    createdAt: createdAt.toISOString(),
    dueAt: new Date(createdAt.getTime() + 3_600_000).toISOString(),
    warningAt: new Date(createdAt.getTime() + 2_700_000).toISOString(),
    snapshot: { kind: 'listing', version: 1, body: 'お支払いはPayPayでお願いします。' },
    author: { userId: `user-${index % 5_000}` },
    reasons: [],
    reportCount: 0,
    reporters: [],
  };
  return applyCaseEvent(undefined, {
    tenant: TENANT,
    caseId: opening.caseId,
    seq: 1,
    at: opening.createdAt,
    type: 'case.opened',
    actor: { type: 'system' },
    opening,
  });
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number;
}

/**
 * Review: next-case claim latency with 100,000 open cases in dynalite (the claim reads the sharded
 * urgency index of each queue the caller works, then writes one conditional event and the projection),
 * and the time to arm 10,000 in-process SLA timers and to re-arm them from the open cases after a restart.
 */
export const review: BenchSection = {
  name: 'review',
  baselines: {
    'nextCaseClaim.p99Ms': {
      value: 100,
      higherIsBetter: false,
      note: 'target: a moderator waits under 0.1 s',
    },
  },
  async run(progress) {
    const dynamo = await startDynamoDbLocal();
    try {
      const documents = dynamo.documentClient;
      const cases = new DynamoDbCaseStore(documents, {
        cases: localTableName(CasesTable),
        audit: localTableName(CaseAuditTable),
      });
      const loadStarted = performance.now();
      const batch: ReviewCase[] = [];
      const flush = async () => {
        const items = batch.splice(0).map((reviewCase) => ({
          PutRequest: {
            Item: {
              pk: casePartitionKey(reviewCase.tenant, reviewCase.caseId),
              sk: 'CASE',
              version: reviewCase.version,
              case: JSON.parse(JSON.stringify(reviewCase)),
              ...indexAttributes(reviewCase),
            },
          },
        }));
        await documents.send(
          new BatchWriteCommand({ RequestItems: { [localTableName(CasesTable)]: items } }),
        );
      };
      const writes: Promise<void>[] = [];
      for (let index = 0; index < OPEN_CASES; index++) {
        batch.push(anOpenCase(index));
        if (batch.length === 25) writes.push(flush());
        if (writes.length === 8) await Promise.all(writes.splice(0));
        if (index % 20_000 === 0) progress(`loaded ${index} open cases`);
      }
      if (batch.length > 0) writes.push(flush());
      await Promise.all(writes);
      const loadSeconds = (performance.now() - loadStarted) / 1_000;
      // Each case projection holds its first event; the audit log is not needed to claim from the index.
      progress(`loaded ${OPEN_CASES} open cases in ${loadSeconds.toFixed(1)} s`);

      const clock: Clock = { now: () => new Date(NOW) };
      const dependencies = { cases, policies: new FileReviewPolicySource(POLICIES), clock };
      const lead = { userId: 'lead-bench', tenant: TENANT, role: 'lead' as const };
      const latencies: number[] = [];
      for (let claim = 0; claim < CLAIMS; claim++) {
        const started = performance.now();
        const claimed = await claimNextCase(lead, dependencies, QUEUES[claim % QUEUES.length]);
        latencies.push(performance.now() - started);
        if (claimed === undefined) throw new Error('no case to claim');
      }
      // mod-sam works several queues of the default policy: next reads every shard of each of them.
      const moderator = { ...lead, userId: 'mod-sam', role: 'moderator' as const };
      const queuesWorked = workableQueues(await dependencies.policies.policyFor(TENANT), moderator).length;
      const acrossQueues: number[] = [];
      for (let claim = 0; claim < CLAIMS / 3; claim++) {
        const started = performance.now();
        await claimNextCase(moderator, dependencies);
        acrossQueues.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      acrossQueues.sort((a, b) => a - b);
      progress(`claimed ${CLAIMS + CLAIMS / 3} cases`);

      const timers = new InProcessTimerService({ clock, onFire: async () => {} });
      const toArm: SlaTimer[] = [];
      for (let index = 0; index < TIMERS / 2; index++) toArm.push(...pendingTimers(anOpenCase(index)));
      const armStarted = performance.now();
      await timers.arm(toArm);
      const armMs = performance.now() - armStarted;

      const rebuilt = new InProcessTimerService({ clock, onFire: async () => {} });
      const rebuildStarted = performance.now();
      for await (const reviewCase of cases.withPendingTimers()) await rebuilt.arm(pendingTimers(reviewCase));
      const rebuildSeconds = (performance.now() - rebuildStarted) / 1_000;

      return {
        openCases: OPEN_CASES,
        loadCasesPerSec: Math.round(OPEN_CASES / loadSeconds),
        nextCaseClaim: {
          claims: CLAIMS,
          p50Ms: round(percentile(latencies, 0.5)),
          p99Ms: round(percentile(latencies, 0.99)),
        },
        nextCaseClaimAcrossQueues: {
          claims: CLAIMS / 3,
          queues: queuesWorked,
          p50Ms: round(percentile(acrossQueues, 0.5)),
          p99Ms: round(percentile(acrossQueues, 0.99)),
        },
        armTimers: { timers: toArm.length, ms: round(armMs) },
        rearmFromOpenCases: { timers: rebuilt.size, seconds: round(rebuildSeconds) },
      };
    } finally {
      await dynamo.stop();
    }
  },
};

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
