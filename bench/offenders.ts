import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { localTableName, OffendersTable } from '#adapters/dynamodb/table-definitions';
import { FileOffenderPolicySource } from '#adapters/files/file-offender-policy-source';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import { observeAuthorFacts, recordAuthorOutcome } from '#core/decide/author-steps';
import { buildAutoVerdict } from '#core/decide/build-verdict';
import { hmacSignal } from '#core/identity/hash-signals';
import { evaluate } from '#core/rules/evaluate';
import { startDynamoDbLocal } from '#local/dynamodb-local';
import type { Submission } from '#schemas/submission';
import type { BenchSection, Figures } from './section.ts';

const TENANT = 'acme-market';
const USERS = 300;
const WARM_ITEMS = 1_500;
const MEASURED_ITEMS = 1_500;
const START = Date.parse('2026-11-20T00:00:00.000Z');
const POLICIES = new URL('../policies', import.meta.url).pathname;
const KEY = new Uint8Array(32).fill(9);

/** Words honest listings are written from; each listing draws its own sentence, so no two read alike. */
const WORDS = (
  'camera bicycle lamp cooker guitar jacket tent bookshelf sofa kettle helmet monitor keyboard speaker ' +
  'blender stroller printer drone watch scarf boots backpack mirror heater fan vacuum tripod lens ' +
  'vintage sturdy compact wooden leather steel ceramic wireless folding electric manual spare original ' +
  'works perfectly barely used small dent scratch on the side includes charger manual box cable strap ' +
  'pick up near station weekend evenings only shipping available price firm offers welcome moving sale ' +
  'bought last spring gift never opened cleaned serviced new battery fits most models colour black white ' +
  'red navy green grey light heavy quiet fast reliable smoke free home pet free collection from'
).split(' ');
const SCAM =
  'Brand new PlayStation 5 bundle, sealed box, only 150 dollars because I am moving abroad next week. ' +
  'Payment first, I ship the same day. Many buyers already, first come first served.';
const COUNTERFEIT =
  'Super copy designer bag, looks exactly like the real one. Ships tomorrow, limited stock.';

/** Ordinary listings, each its own text; one in ten a ring's scam copy and one in twenty a counterfeit. */
function textOf(index: number): { title: string; body: string } {
  if (index % 10 === 3) return { title: 'PS5 bundle, sealed', body: SCAM };
  if (index % 20 === 7) return { title: 'Designer bag', body: COUNTERFEIT };
  let state = index * 2_654_435_761;
  const word = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return WORDS[state % WORDS.length] as string;
  };
  const sentence = (length: number) => Array.from({ length }, word).join(' ');
  return { title: `${sentence(3)} ${index}`, body: `${sentence(24)}.` };
}

/** A post of the bench's mix: one of 300 users with their e-mail, device and IP prefix. */
function aPost(index: number, minuteOffset: number): Submission {
  const user = (index * 7919) % USERS;
  const text = textOf(index);
  return {
    schemaVersion: 1,
    tenant: TENANT,
    contentId: `bench-${index}`,
    version: 1,
    kind: 'listing',
    author: {
      userId: `user-${user}`,
      accountCreatedAt: new Date(START - (user % 60) * 86_400_000).toISOString(),
      signals: {
        email: hmacSignal(KEY, `user${user}@example.jp`),
        device: hmacSignal(KEY, `device-${user % 250}`),
        ipPrefix: hmacSignal(KEY, `203.0.${user % 40}.0/24`),
      },
    },
    locale: 'en',
    title: text.title,
    body: text.body,
    postedAt: new Date(START + minuteOffset * 60_000).toISOString(),
  };
}

/** The DynamoDB capacity units every request reports, split into reads and writes. */
interface CapacityCount {
  read: number;
  write: number;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number;
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Offenders: the time ingest adds per item for the author (the post, its text fingerprint, identity
 * links and the ledger read before the rules; links and any strike with the ladder after the verdict),
 * p50 and p99 against dynalite one item at a time, and the DynamoDB read and write units per item as
 * the SDK reports them (ReturnConsumedCapacity TOTAL), over 300 users who already have history.
 */
export const offenders: BenchSection = {
  name: 'offenders',
  baselines: {
    'addedMs.p99': { value: 50, higherIsBetter: false, note: 'target: under 50 ms on dynalite' },
  },
  async run(progress) {
    const dynamo = await startDynamoDbLocal({ tables: [OffendersTable] });
    try {
      const counted: CapacityCount = { read: 0, write: 0 };
      dynamo.client.middlewareStack.add(
        (next, context) => async (args) => {
          (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
          const result = await next(args);
          const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
            .ConsumedCapacity;
          const units = [consumed ?? []]
            .flat()
            .reduce((total, entry) => total + (entry.CapacityUnits ?? 0), 0);
          if (WRITES.has(context.commandName ?? '')) counted.write += units;
          else counted.read += units;
          return result;
        },
        { step: 'initialize', name: 'countConsumedCapacity' },
      );
      const offenders = {
        store: new DynamoDbOffenderStore(dynamo.documentClient, localTableName(OffendersTable)),
        policies: new FileOffenderPolicySource(`${POLICIES}/tenants`),
      };
      const ruleSet = await new FileRuleSetSource(POLICIES).active();
      const decideOne = async (submission: Submission) => {
        const now = new Date(Date.parse(submission.postedAt) + 1_000);
        const observedAt = performance.now();
        const observed = await observeAuthorFacts(submission, now, offenders);
        const observeMs = performance.now() - observedAt;
        const evaluation = evaluate(ruleSet, submission, now, { facts: observed.facts });
        const verdict = buildAutoVerdict(submission, evaluation, ruleSet.version, now);
        const recordedAt = performance.now();
        await recordAuthorOutcome(submission, verdict, observed, offenders, now);
        return { observeMs, recordMs: performance.now() - recordedAt, decision: verdict.decision };
      };

      for (let index = 0; index < WARM_ITEMS; index++) {
        await decideOne(aPost(index, Math.floor(index / 10)));
        if ((index + 1) % 500 === 0) progress(`history: ${index + 1} of ${WARM_ITEMS} items`);
      }
      const observeMs: number[] = [];
      const recordMs: number[] = [];
      const addedMs: number[] = [];
      const reads: number[] = [];
      const writes: number[] = [];
      const decisions = { allow: 0, review: 0, block: 0 };
      for (let index = WARM_ITEMS; index < WARM_ITEMS + MEASURED_ITEMS; index++) {
        counted.read = 0;
        counted.write = 0;
        const timed = await decideOne(aPost(index, Math.floor(index / 10)));
        observeMs.push(timed.observeMs);
        recordMs.push(timed.recordMs);
        addedMs.push(timed.observeMs + timed.recordMs);
        reads.push(counted.read);
        writes.push(counted.write);
        decisions[timed.decision] += 1;
        if ((index + 1 - WARM_ITEMS) % 500 === 0)
          progress(`measured ${index + 1 - WARM_ITEMS} of ${MEASURED_ITEMS} items`);
      }
      const summary = (values: number[]): Figures => {
        const sorted = [...values].sort((left, right) => left - right);
        return {
          p50: round(percentile(sorted, 0.5)),
          p99: round(percentile(sorted, 0.99)),
          mean: round(values.reduce((total, value) => total + value, 0) / values.length),
        };
      };
      return {
        items: MEASURED_ITEMS,
        users: USERS,
        blockedShare: round(decisions.block / MEASURED_ITEMS, 3),
        reviewShare: round(decisions.review / MEASURED_ITEMS, 3),
        addedMs: summary(addedMs),
        beforeRulesMs: summary(observeMs),
        afterVerdictMs: summary(recordMs),
        readUnitsPerItem: summary(reads),
        writeUnitsPerItem: summary(writes),
      };
    } finally {
      await dynamo.stop();
    }
  },
};
