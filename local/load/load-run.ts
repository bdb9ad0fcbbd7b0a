import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { localTableName, RejectionsTable, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { IngestQueue, localQueueNames } from '#adapters/sqs/queue-definitions';
import { SystemClock } from '#adapters/system/system-clock';
import { seededRandom } from '#core/ml/seeded-random';
import type { RejectionLog } from '#ports/rejection-log';
import type { VerdictStore } from '#ports/verdict-store';
import { startDevRuntime } from '../dev-runtime.ts';
import { type FaultCounts, type FaultPlan, formatFaultPlan, noFaultCounts } from '../faults/fault-plan.ts';
import { createWorkerFaults } from '../faults/worker-faults.ts';
import { queuedMessages } from '../queue-drain.ts';
import { LOCAL_REGION } from '../sqs-local.ts';
import { censusDlq } from './dlq-census.ts';
import { LoadOptionError, LoadQueueNotFoundError } from './errors.ts';
import { type EventFollower, followEvents } from './event-follower.ts';
import { createLoadMix, itemKeyOf } from './load-mix.ts';
import { sendPaced } from './paced-sender.ts';
import type { LoadStatus } from './progress-bar.ts';
import { type LoadLedger, type LoadReport, reconcile } from './reconcile.ts';
import { censusVerdicts } from './verdict-census.ts';

export interface LoadOptions {
  ratePerSecond: number;
  durationSeconds: number;
  /** Faults for the runtime the run starts; refused with `endpoint`, whose runtime is not the run's. */
  faults: FaultPlan;
  seed: number;
  /** The SQS endpoint of a running `patrol dev`; without it the run starts its own runtime in memory. */
  endpoint?: string;
  /** That runtime's API; http://127.0.0.1:8787 by default. */
  api?: string;
  /** That runtime's DynamoDB, where the run reads the verdicts and the DLQ messages' reasons. */
  dynamodb?: string;
  /** How long to wait once nothing changes, for retries and redrives; enough for a full redrive by default. */
  waitSeconds?: number;
  /** The visibility timeout of the runtime the run starts; 10 s by default. */
  visibilityTimeoutSeconds?: number;
  /** Concurrent pollers of the runtime the run starts; 4 by default. */
  pollers?: number;
  onStatus?(status: LoadStatus): void;
  /** How often `onStatus` is called; every 250 ms by default. */
  statusIntervalMs?: number;
}

/** The report, with what produced it, so the run can be repeated. */
export interface LoadResult extends LoadReport {
  rate: number;
  duration: number;
  seed: number;
  faults: string;
  /** The faults actually injected, by kind. */
  injected: FaultCounts;
  elapsedS: number;
}

/** Where the run sends and what it reads back. */
interface LoadTarget {
  sqs: SQSClient;
  queueUrl: string;
  dlqUrl: string;
  api: string;
  verdicts: Pick<VerdictStore, 'get'>;
  rejections: RejectionLog;
  /** Verdicts stored so far, when the runtime can tell. */
  decided?(): number;
  /** A count that moves whenever the worker handles a message, when the runtime can tell. */
  activity?(): number;
  restartWorker?(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_API = 'http://127.0.0.1:8787';
/** The run sends as a platform would; the local endpoints check no signature. */
const CREDENTIALS = { accessKeyId: 'patrol-load', secretAccessKey: 'patrol-load' };
const OWN_VISIBILITY_TIMEOUT_SECONDS = 10;

/**
 * Sends `rate` messages a second for `duration` seconds of realistic content (with malformed and
 * repeated messages) through the SQS endpoint, waits for the pipeline to settle, then reconciles: every
 * valid item has exactly one verdict, every malformed message is in the DLQ with its reason.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  checkOptions(options);
  const started = performance.now();
  const injected = noFaultCounts();
  const status: LoadStatus = {
    phase: 'starting',
    total: Math.round(options.ratePerSecond * options.durationSeconds),
    sent: 0,
    decided: 0,
    valid: 0,
    deadLettered: 0,
    restarts: 0,
    elapsedMs: 0,
  };
  const report = () => options.onStatus?.({ ...status, elapsedMs: performance.now() - started });
  const reporting = setInterval(report, options.statusIntervalMs ?? 250);
  let target: LoadTarget | undefined;
  try {
    target =
      options.endpoint === undefined ? await startOwnRuntime(options, injected) : await connect(options);
    const result = await load(options, target, status, injected);
    return { ...result, elapsedS: Math.round((performance.now() - started) / 1_000) };
  } finally {
    status.phase = 'stopping';
    report();
    clearInterval(reporting);
    await target?.stop();
  }
}

async function load(
  options: LoadOptions,
  target: LoadTarget,
  status: LoadStatus,
  injected: FaultCounts,
): Promise<Omit<LoadResult, 'elapsedS'>> {
  const ledger: LoadLedger = {
    sent: 0,
    repeats: 0,
    items: new Map(),
    malformed: new Map(),
    validMessageIds: new Set(),
  };
  const events = { seen: 0, repeated: 0, ids: new Set<string>() };
  // A platform's view of the verdicts, for progress and repeated events; the run does without it.
  const follower: EventFollower | undefined = await followEvents({
    api: target.api,
    onEvent: (event) => {
      if (!ledger.items.has(itemKeyOf(event))) return;
      events.seen += 1;
      if (events.ids.has(event.eventId)) events.repeated += 1;
      else events.ids.add(event.eventId);
    },
  }).catch(() => undefined);
  const dlqAtStart = await queuedMessages(target.sqs, target.dlqUrl);
  const watch = async () => {
    status.decided = target.decided?.() ?? events.ids.size;
    status.deadLettered = Math.max(0, (await queuedMessages(target.sqs, target.dlqUrl)) - dlqAtStart);
  };
  const watching = setInterval(() => void watch().catch(() => undefined), 1_000);

  status.phase = 'sending';
  const nextMessage = createLoadMix(seededRandom(options.seed), new Date());
  const restarting = restartDuring(options, target, status, injected);
  try {
    await sendPaced({
      client: target.sqs,
      queueUrl: target.queueUrl,
      ratePerSecond: options.ratePerSecond,
      total: status.total,
      next: () => {
        const message = nextMessage();
        return {
          body: message.body,
          onAccepted: (messageId, sentAtMs) => {
            ledger.sent += 1;
            if (message.kind === 'malformed') {
              ledger.malformed.set(messageId, sentAtMs);
              return;
            }
            ledger.validMessageIds.add(messageId);
            if (message.kind === 'repeat') ledger.repeats += 1;
            else ledger.items.set(itemKeyOf(message.item), { item: message.item, firstSentAtMs: sentAtMs });
            status.valid = ledger.items.size;
          },
        };
      },
      onProgress: (sent) => {
        status.sent = sent;
      },
    });
    await restarting;

    status.phase = 'settling';
    await settle(options, target, watch, () => events.seen);
  } finally {
    clearInterval(watching);
    await follower?.stop();
  }

  status.phase = 'reconciling';
  const verdicts = await censusVerdicts(
    target.verdicts,
    [...ledger.items.values()].map(({ item }) => item),
  );
  const deadLettered = await censusDlq(target.sqs, target.dlqUrl, target.rejections);
  return {
    ...reconcile(ledger, {
      verdicts,
      deadLettered,
      ...(follower === undefined ? {} : { events: { seen: events.seen, repeated: events.repeated } }),
    }),
    rate: options.ratePerSecond,
    duration: options.durationSeconds,
    seed: options.seed,
    faults: formatFaultPlan(options.faults),
    injected,
  };
}

/** Kills and restarts the worker `faults.restart` times, evenly spread over the sending. */
async function restartDuring(
  options: LoadOptions,
  target: LoadTarget,
  status: LoadStatus,
  injected: FaultCounts,
): Promise<void> {
  const restarts = options.faults.restart;
  if (restarts === 0 || target.restartWorker === undefined) return;
  const spacingMs = (options.durationSeconds * 1_000) / (restarts + 1);
  for (let restart = 1; restart <= restarts; restart++) {
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
    await target.restartWorker();
    status.restarts = restart;
    injected.restart = restart;
  }
}

/**
 * Waits until the ingest queue is empty (every message decided or dead-lettered), or until nothing
 * has changed for the wait: long enough by default for a failing message to reach the DLQ.
 */
async function settle(
  options: LoadOptions,
  target: LoadTarget,
  watch: () => Promise<void>,
  eventsSeen: () => number,
): Promise<void> {
  const visibility =
    options.endpoint === undefined
      ? (options.visibilityTimeoutSeconds ?? OWN_VISIBILITY_TIMEOUT_SECONDS)
      : IngestQueue.visibilityTimeoutSeconds;
  const waitMs = (options.waitSeconds ?? visibility * (IngestQueue.maxReceiveCount + 1)) * 1_000;
  let last = '';
  let lastChangeAt = performance.now();
  for (;;) {
    await watch();
    const queued = await queuedMessages(target.sqs, target.queueUrl);
    // A slow worker may hold the queue's count still while it works; any handled message is progress.
    const state = `${queued} ${target.activity?.() ?? 0} ${eventsSeen()}`;
    if (state !== last) lastChangeAt = performance.now();
    last = state;
    if (queued === 0 || performance.now() - lastChangeAt > waitMs) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function startOwnRuntime(options: LoadOptions, injected: FaultCounts): Promise<LoadTarget> {
  const runtime = await startDevRuntime({
    port: 0,
    sqsPort: 0,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? OWN_VISIBILITY_TIMEOUT_SECONDS,
    pollers: options.pollers ?? 4,
    workerFaults: createWorkerFaults(options.faults, seededRandom(options.seed + 1), injected),
    // The run reports what became of every message itself; the handlers' own logs would only repeat it.
    logLevel: 'SILENT',
    drainTimeoutMs: 0,
  });
  const queues = runtime.queues[IngestQueue.id];
  const sqs = new SQSClient({
    endpoint: runtime.endpoints.sqs,
    region: LOCAL_REGION,
    credentials: CREDENTIALS,
  });
  const dynamo = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: 'local',
    credentials: CREDENTIALS,
  });
  const { verdicts } = runtime.progress();
  const decidedBefore = verdicts.allow + verdicts.review + verdicts.block;
  return {
    sqs,
    queueUrl: queues?.url ?? '',
    dlqUrl: queues?.dlqUrl ?? '',
    api: runtime.endpoints.api,
    ...storesOn(dynamo),
    decided: () => {
      const { allow, review, block } = runtime.progress().verdicts;
      return allow + review + block - decidedBefore;
    },
    activity: () => {
      const { verdicts: decisions, redelivered, rejected } = runtime.progress();
      return decisions.allow + decisions.review + decisions.block + redelivered + rejected;
    },
    restartWorker: () => runtime.restartWorker(),
    async stop() {
      sqs.destroy();
      dynamo.destroy();
      await runtime.stop();
    },
  };
}

async function connect(options: LoadOptions): Promise<LoadTarget> {
  const endpoint = options.endpoint as string;
  const sqs = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: CREDENTIALS });
  const dynamo = new DynamoDBClient({
    endpoint: options.dynamodb,
    region: 'local',
    credentials: CREDENTIALS,
  });
  const names = localQueueNames(IngestQueue);
  try {
    return {
      sqs,
      queueUrl: await queueUrl(sqs, names.queue, endpoint),
      dlqUrl: await queueUrl(sqs, names.dlq, endpoint),
      api: options.api ?? DEFAULT_API,
      ...storesOn(dynamo),
      async stop() {
        sqs.destroy();
        dynamo.destroy();
      },
    };
  } catch (error) {
    sqs.destroy();
    dynamo.destroy();
    throw error;
  }
}

async function queueUrl(sqs: SQSClient, name: string, endpoint: string): Promise<string> {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl === undefined) throw new LoadQueueNotFoundError(name, endpoint);
    return QueueUrl;
  } catch (error) {
    if (error instanceof LoadQueueNotFoundError) throw error;
    throw new LoadQueueNotFoundError(name, endpoint, { cause: error });
  }
}

/** The verdict store and rejection log the reconciliation reads, on a runtime's DynamoDB. */
function storesOn(dynamo: DynamoDBClient): Pick<LoadTarget, 'verdicts' | 'rejections'> {
  const documents = DynamoDBDocumentClient.from(dynamo);
  return {
    verdicts: new DynamoDbVerdictStore(documents, localTableName(VerdictsTable)),
    rejections: new DynamoDbRejectionLog(documents, localTableName(RejectionsTable), new SystemClock()),
  };
}

function checkOptions(options: LoadOptions): void {
  if (!(options.ratePerSecond > 0))
    throw new LoadOptionError('--rate', 'expected messages per second above 0');
  if (!(options.durationSeconds > 0)) throw new LoadOptionError('--duration', 'expected seconds above 0');
  if (options.endpoint !== undefined && options.dynamodb === undefined) {
    throw new LoadOptionError(
      '--dynamodb',
      'with --endpoint, give the DynamoDB endpoint patrol dev prints, where the run reads the verdicts',
    );
  }
  const injects = Object.values(options.faults).some((value) => value > 0);
  if (options.endpoint !== undefined && injects) {
    throw new LoadOptionError(
      '--faults',
      'faults go into the runtime patrol load starts itself; leave out --endpoint to use them',
    );
  }
}
