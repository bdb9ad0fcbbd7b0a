import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbContentStore } from '#adapters/dynamodb/dynamodb-content-store';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { DynamoDbRuleSetSource } from '#adapters/dynamodb/dynamodb-rule-set-source';
import { DynamoDbRuleSetStore } from '#adapters/dynamodb/dynamodb-rule-set-store';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import {
  ContentTable,
  localTableName,
  OffendersTable,
  RejectionsTable,
  RuleSetsTable,
  TableDefinitions,
  VerdictsTable,
} from '#adapters/dynamodb/table-definitions';
import { EmbeddedClassifier } from '#adapters/embedded/embedded-classifier';
import { FileOffenderPolicySource } from '#adapters/files/file-offender-policy-source';
import { readRulePackFiles } from '#adapters/files/read-rule-pack-files';
import { MemoryRepatrolJobStore } from '#adapters/memory/memory-repatrol-job-store';
import { IngestQueue } from '#adapters/sqs/queue-definitions';
import { SystemClock } from '#adapters/system/system-clock';
import { seedRuleSets } from '#core/rule-sets/manage-rule-sets';
import { createIngestHandler } from '#handlers/sqs-ingest-submission';
import type { Clock } from '#ports/clock';
import type { Role } from '#schemas/principal';
import { offenderStrikeLedger } from '#shared/offender-strike-ledger';
import { reviewRoutes } from '#shared/review-routes';
import { rulesRoutes } from '#shared/rules-routes';
import { getHealthRoute } from './api/get-health.ts';
import { getUserRoute } from './api/get-user.ts';
import { getVerdictRoute } from './api/get-verdict.ts';
import { listEventsRoute } from './api/list-events.ts';
import { postUserEnforcementRoute } from './api/post-user-enforcement.ts';
import { startApiServer } from './api-server.ts';
import { bundleConsole, consoleSite, isLoopback } from './console-site.ts';
import { CountingMetrics } from './counting-metrics.ts';
import { type DemoFeed, startDemoFeed } from './demo-feed.ts';
import { DEV_PRINCIPALS, devTokenAuthenticator, loadDevTokenKey, signDevToken } from './dev-tokens.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { DynamoDbOutbox } from './dynamodb-outbox.ts';
import { QueuedMessagesDroppedError } from './errors.ts';
import { killable } from './faults/killable-handler.ts';
import type { WorkerFaults } from './faults/worker-faults.ts';
import { FileTenantSecrets } from './file-tenant-secrets.ts';
import { type OutboxDispatcher, startOutboxDispatcher } from './outbox-dispatcher.ts';
import { OutboxOffenderStore } from './outbox-offender-store.ts';
import { OutboxTable } from './outbox-table.ts';
import { OutboxVerdictStore } from './outbox-verdict-store.ts';
import { drainQueue, queuedMessages } from './queue-drain.ts';
import { startLocalReview } from './review-runtime.ts';
import { LOCAL_REGION, type LocalSqs, startLocalSqs } from './sqs-local.ts';
import { startSqsPoller } from './sqs-poller.ts';
import { WebhookEventPublisher } from './webhook-event-publisher.ts';

/** The rule packs shipped with the repository. */
export const DEFAULT_POLICIES_DIR = fileURLToPath(new URL('../policies', import.meta.url));
/** The embedded classifier's model shipped with the repository. */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../models/starter.model', import.meta.url));

export interface DevRuntimeOptions {
  /** Where tables and signal keys are kept across restarts; everything stays in memory when absent. */
  dataDir?: string;
  /** The API port; 8787 by default, 0 for a free one. */
  port?: number;
  /** The address the API listens on; 127.0.0.1 by default. */
  host?: string;
  /** The SQS endpoint's port; a free one by default. */
  sqsPort?: number;
  /** A platform endpoint that receives every verdict event as a JSON POST. */
  webhookUrl?: string;
  /** Post demo content at this many messages a second (2 with `true`). */
  demo?: boolean | { ratePerSecond: number };
  policiesDir?: string;
  /** The embedded classifier's model; models/starter.model by default. */
  modelFile?: string;
  /** Overrides the queues' visibility timeout, so tests see redrive to the DLQ in seconds. */
  visibilityTimeoutSeconds?: number;
  /** Concurrent pollers of the ingest queue; 2 by default. */
  pollers?: number;
  /** Receives a progress line now and then; nothing is printed when absent. */
  onProgress?: (line: string) => void;
  progressIntervalMs?: number;
  /** Receives errors of the background work (receives, deliveries, the demo feed). */
  onError?: (error: unknown) => void;
  /** The level of the handlers' structured logs; ERROR by default. */
  logLevel?: LogLevel;
  /** The clock cases, leases and SLA timers run on; the system clock by default (tests pass a fast one). */
  clock?: Clock;
  /** The review policies folder (`default.yaml`, `<tenant>.yaml`); policies/review by default. */
  reviewPoliciesDir?: string;
  /** The tenants' offender policies (ladder, caps, decay); policies/tenants by default. */
  offenderPoliciesDir?: string;
  /** Receives a line for each SLA warning and breach. */
  onNotice?: (line: string) => void;
  /** A URL that receives every SLA warning and breach as a JSON POST. */
  caseWebhookUrl?: string;
  /** Faults let into the ingest worker only (its SDK clients and its handler); the API and the feed stay sound. */
  workerFaults?: WorkerFaults;
  /** How long `stop()` waits for the ingest queue to empty before it stops the worker; 30 s by default. */
  drainTimeoutMs?: number;
}

/** A queue's local URLs. */
export interface DevQueue {
  name: string;
  url: string;
  dlqName: string;
  dlqUrl: string;
}

/** Counts since start, for progress lines and tests. */
export interface DevProgress {
  verdicts: { allow: number; review: number; block: number };
  redelivered: number;
  rejected: number;
  eventsDelivered: number;
}

/** A running `patrol dev`: where to reach it, and `stop()`. */
export interface DevRuntime {
  endpoints: { api: string; sqs: string; dynamodb: string };
  /** A signed dev token per role for the moderation API (`Authorization: Bearer <token>`). */
  tokens: Readonly<Record<Role, string>>;
  /** Every route the API serves, by method and path pattern, so tests can cover each one. */
  routes: readonly { method: string; path: string }[];
  /** The queues by definition id (`ingest`). */
  queues: Readonly<Record<string, DevQueue>>;
  progress(): DevProgress;
  /**
   * Kills the ingest worker (its poller and handler) as a Lambda dies, while the queue keeps its
   * messages: batches in flight are never acknowledged and come back after the visibility timeout.
   * Then starts a fresh worker, cold, as Lambda would.
   */
  restartWorker(): Promise<void>;
  /**
   * Stops the demo feed, lets the worker drain the ingest queue (up to `drainTimeoutMs`), finishes the
   * batches in flight, flushes events and closes the stores. Messages still queued are reported, since
   * the SQS emulator keeps them in memory only.
   */
  stop(): Promise<void>;
}

const WEBHOOK_READER = 'webhook';
const FLUSH_TIMEOUT_MS = 5_000;
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * Starts the whole pipeline on this machine: DynamoDB (dynalite), the SQS emulator with the
 * deployment's queues, the ingest handler behind a poller with Lambda's semantics, the verdict
 * event outbox (and webhook), the API and, if asked, the demo feed.
 */
export async function startDevRuntime(options: DevRuntimeOptions = {}): Promise<DevRuntime> {
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    return await start(options, cleanups, stopAll);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function start(
  options: DevRuntimeOptions,
  cleanups: (() => Promise<void>)[],
  stopAll: () => Promise<void>,
): Promise<DevRuntime> {
  const { dataDir, onError } = options;
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });

  const dynamo = await startDynamoDbLocal({
    ...(dataDir === undefined ? {} : { path: join(dataDir, 'dynamodb') }),
    tables: [...TableDefinitions, OutboxTable],
  });
  cleanups.push(() => dynamo.stop());
  const sqs = await startLocalSqs({
    port: options.sqsPort ?? 0,
    ...(options.visibilityTimeoutSeconds === undefined
      ? {}
      : { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds }),
  });
  cleanups.push(() => sqs.stop());

  const documents = dynamo.documentClient;
  const clock = options.clock ?? new SystemClock();
  const outbox = new DynamoDbOutbox(documents, localTableName(OutboxTable));
  let dispatcher: OutboxDispatcher | undefined;
  let eventsDelivered = 0;
  if (options.webhookUrl !== undefined) {
    const running = startOutboxDispatcher({
      outbox,
      publisher: new WebhookEventPublisher({ url: options.webhookUrl }),
      reader: WEBHOOK_READER,
      onDelivered: () => {
        eventsDelivered += 1;
      },
      ...(onError ? { onError } : {}),
    });
    dispatcher = running;
    cleanups.push(() => running.stop({ flushTimeoutMs: FLUSH_TIMEOUT_MS }));
  }
  // The worker has its own clients, as a Lambda does, so faults let into them never reach the API.
  const workerDynamo = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  options.workerFaults?.instrumentClient(workerDynamo);
  cleanups.push(async () => workerDynamo.destroy());
  const workerDocuments = DynamoDBDocumentClient.from(workerDynamo, {
    marshallOptions: { removeUndefinedValues: true },
  });
  // One appending outbox for the runtime, standing in for the streams: it outlives worker restarts,
  // and verdict and enforcement events share it, since only one writer may number its log.
  const workerOutbox = new DynamoDbOutbox(workerDocuments, localTableName(OutboxTable));
  const wakeDispatcher = () => dispatcher?.wake();
  const verdicts = new OutboxVerdictStore(
    new DynamoDbVerdictStore(workerDocuments, localTableName(VerdictsTable)),
    workerOutbox,
    wakeDispatcher,
  );
  const offenders = {
    store: new OutboxOffenderStore(
      new DynamoDbOffenderStore(workerDocuments, localTableName(OffendersTable)),
      workerOutbox,
      wakeDispatcher,
    ),
    policies: new FileOffenderPolicySource(
      options.offenderPoliciesDir ?? join(DEFAULT_POLICIES_DIR, 'tenants'),
    ),
  };

  const metrics = new CountingMetrics();
  const logger = new Logger({ serviceName: 'patrol-dev', logLevel: options.logLevel ?? 'ERROR' });
  const review = await startLocalReview({
    documents,
    sqs,
    verdicts,
    strikes: offenderStrikeLedger({ ...offenders, clock }),
    clock,
    policiesDir: options.reviewPoliciesDir ?? join(DEFAULT_POLICIES_DIR, 'review'),
    logger,
    metrics,
    log: options.onNotice ?? (() => {}),
    ...(options.caseWebhookUrl === undefined ? {} : { caseWebhookUrl: options.caseWebhookUrl }),
    ...(onError ? { onError } : {}),
  });
  // Stopped after the API and the ingest worker, which use it.
  cleanups.push(() => review.stop());
  const tokenKey = await loadDevTokenKey(dataDir);
  const authenticate = devTokenAuthenticator(tokenKey);
  const tokens = {
    moderator: await signDevToken(tokenKey, DEV_PRINCIPALS.moderator),
    lead: await signDevToken(tokenKey, DEV_PRINCIPALS.lead),
    admin: await signDevToken(tokenKey, DEV_PRINCIPALS.admin),
  };
  const host = options.host ?? '127.0.0.1';
  // The sign-in page offers the dev tokens only to this machine; elsewhere a token is pasted.
  const site = consoleSite(await bundleConsole(), {
    apiBase: '',
    auth: { mode: 'dev', tokens: isLoopback(host) ? tokens : {} },
  });

  // Rule sets live versioned in DynamoDB; the shipped packs become version 1 at first start.
  const ruleSets = new DynamoDbRuleSetStore(documents, localTableName(RuleSetsTable));
  const shippedPacks = await readRulePackFiles(options.policiesDir ?? DEFAULT_POLICIES_DIR);
  await seedRuleSets(Object.fromEntries(shippedPacks.map((pack) => [pack.fileName, pack.yamlText])), {
    store: ruleSets,
    clock,
  });

  const routes = [
    getHealthRoute(),
    getVerdictRoute(new DynamoDbVerdictStore(documents, localTableName(VerdictsTable)), authenticate),
    listEventsRoute(outbox),
    ...[getUserRoute, postUserEnforcementRoute].map((route) =>
      route({
        store: new OutboxOffenderStore(
          new DynamoDbOffenderStore(documents, localTableName(OffendersTable)),
          workerOutbox,
          wakeDispatcher,
        ),
        policies: offenders.policies,
        verdicts: new DynamoDbVerdictStore(documents, localTableName(VerdictsTable)),
        clock,
        authenticate,
      }),
    ),
    ...reviewRoutes({ dependencies: review.dependencies, authenticate, ...(onError ? { onError } : {}) }),
    ...rulesRoutes({
      store: ruleSets,
      cases: review.dependencies.cases,
      policies: review.dependencies.policies,
      clock,
      authenticate,
      repatrol: {
        content: new DynamoDbContentStore(documents, localTableName(ContentTable)),
        reviews: review.reviewRequests,
        jobs: new MemoryRepatrolJobStore(),
      },
      ...(onError ? { onError } : {}),
    }),
  ];
  const api = await startApiServer({
    routes,
    port: options.port ?? 8787,
    host,
    site,
    ...(onError ? { onError } : {}),
  });
  // Started before the work and so stopped after it: it answers while the batches in flight drain.
  cleanups.push(() => api.stop());

  const secrets = new FileTenantSecrets(dataDir);
  const rejections = new DynamoDbRejectionLog(workerDocuments, localTableName(RejectionsTable), clock);
  const ingest = sqs.queue(IngestQueue.id);
  const embedded = await EmbeddedClassifier.fromFile(options.modelFile ?? DEFAULT_MODEL_FILE);
  const startWorker = (): IngestWorker => {
    const handler = createIngestHandler({
      ruleSets: new DynamoDbRuleSetSource(
        new DynamoDbRuleSetStore(workerDocuments, localTableName(RuleSetsTable)),
        clock,
      ),
      secrets,
      verdicts,
      rejections,
      clock,
      reviews: review.reviewRequests,
      offenders,
      ml: { embedded },
      content: new DynamoDbContentStore(workerDocuments, localTableName(ContentTable)),
      observability: { logger, metrics },
    });
    const switchable = killable(options.workerFaults?.wrapHandler(handler) ?? handler);
    const pollerClient = sqs.createClient();
    options.workerFaults?.instrumentClient(pollerClient);
    const poller = startSqsPoller({
      client: pollerClient,
      queue: ingest,
      region: LOCAL_REGION,
      handler: switchable.handler,
      concurrency: options.pollers ?? 2,
      functionName: 'patrol-ingest-submission',
      ...(onError ? { onError } : {}),
    });
    return {
      async stop() {
        await poller.stop();
        pollerClient.destroy();
      },
      async kill() {
        switchable.kill();
        await poller.stop();
        pollerClient.destroy();
      },
    };
  };
  let worker = startWorker();
  cleanups.push(async () => {
    await drainBeforeStop(sqs, options);
    await worker.stop();
  });

  if (options.demo) {
    const demoClient = sqs.createClient();
    const feed: DemoFeed = startDemoFeed({
      client: demoClient,
      queueUrl: ingest.queueUrl,
      ratePerSecond: options.demo === true ? 2 : options.demo.ratePerSecond,
      ...(onError ? { onError } : {}),
    });
    cleanups.push(async () => {
      await feed.stop();
      demoClient.destroy();
    });
  }

  const progress = (): DevProgress => ({
    verdicts: {
      allow: metrics.total('DecisionAllow'),
      review: metrics.total('DecisionReview'),
      block: metrics.total('DecisionBlock'),
    },
    redelivered: metrics.total('Redelivered'),
    rejected: metrics.total('Rejected'),
    eventsDelivered,
  });
  if (options.onProgress) {
    const report = options.onProgress;
    let last = progressLine(progress(), dispatcher !== undefined);
    const timer = setInterval(() => {
      const line = progressLine(progress(), dispatcher !== undefined);
      if (line !== last) report(line);
      last = line;
    }, options.progressIntervalMs ?? 10_000);
    timer.unref();
    cleanups.push(async () => clearInterval(timer));
  }

  const queue = (id: string): DevQueue => {
    const local = sqs.queue(id);
    return {
      name: queueName(local.queueUrl),
      url: local.queueUrl,
      dlqName: queueName(local.dlqUrl),
      dlqUrl: local.dlqUrl,
    };
  };
  return {
    endpoints: { api: api.url, sqs: sqs.endpoint, dynamodb: dynamo.endpoint },
    routes: routes.map(({ method, path }) => ({ method, path })),
    tokens,
    queues: Object.fromEntries(sqs.queues.map((local) => [local.definition.id, queue(local.definition.id)])),
    progress,
    async restartWorker() {
      await worker.kill();
      worker = startWorker();
    },
    stop: stopAll,
  };
}

/** The ingest worker: the poller and the handler behind it. */
interface IngestWorker {
  /** Stops receiving and finishes the batches in flight. */
  stop(): Promise<void>;
  /** Stops at once: batches in flight are abandoned unacknowledged. */
  kill(): Promise<void>;
}

/** Lets the worker empty the queues before a clean stop, then reports what the stop drops. */
async function drainBeforeStop(sqs: LocalSqs, options: DevRuntimeOptions): Promise<void> {
  const client = sqs.createClient();
  try {
    for (const queue of sqs.queues) {
      const left = await drainQueue(client, queue.queueUrl, {
        timeoutMs: options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS,
      });
      if (left > 0) options.onError?.(new QueuedMessagesDroppedError(queueName(queue.queueUrl), left, ''));
      const dead = await queuedMessages(client, queue.dlqUrl);
      if (dead > 0) {
        options.onError?.(
          new QueuedMessagesDroppedError(
            queueName(queue.dlqUrl),
            dead,
            '; their reasons stay in the rejections table',
          ),
        );
      }
    }
  } catch (error) {
    options.onError?.(error);
  } finally {
    client.destroy();
  }
}

/** One line of progress: verdicts by decision, redeliveries, refusals and delivered events. */
function progressLine(progress: DevProgress, hasWebhook: boolean): string {
  const { allow, review, block } = progress.verdicts;
  const parts = [
    `verdicts ${allow + review + block} (allow ${allow}, review ${review}, block ${block})`,
    `redelivered ${progress.redelivered}`,
    `rejected attempts ${progress.rejected}`,
  ];
  if (hasWebhook) parts.push(`events delivered ${progress.eventsDelivered}`);
  return `progress: ${parts.join(', ')}`;
}

function queueName(queueUrl: string): string {
  return queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
}
