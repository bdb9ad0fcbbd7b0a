import { requestUnits } from '#adapters/comprehend/pricing';
import { IngestQueue } from '#adapters/sqs/queue-definitions';
import {
  CLOUDWATCH,
  COMPREHEND,
  DYNAMODB,
  EVENTBRIDGE,
  KMS,
  LAMBDA,
  SECRETS_MANAGER,
  SQS,
  XRAY,
} from './aws-prices.ts';

/**
 * What the cost model assumes about the traffic and the functions. Each figure says where it comes from;
 * change one and `npm run cost` prices the pipeline again.
 */
export interface CostAssumptions {
  /** Characters of text per item: the rule-engine bench corpus averages 305 (bench/results.json). */
  charactersPerItem: number;
  /** SQS requests a platform makes per item: 1 with SendMessage, 0.1 with full SendMessageBatch calls. */
  sendRequestsPerItem: number;
  /** Items per ingest invocation: the queue's batch size, reached under steady traffic. */
  itemsPerBatch: number;
  /** Ingest function memory (infra/constructs/ingest/ingest-function.ts). */
  ingestMemoryMb: number;
  /** Rules and normalisation, CPU per item: the rule-engine bench does about 22,000 items a second on one core. */
  rulesMsPerItem: number;
  /** The embedded classifier, CPU per item: the classifier bench scores 55 characters in 30 µs. */
  embeddedModelMsPerItem: number;
  /** Round trip of one DynamoDB write from Lambda in the same region. */
  dynamoDbWriteMs: number;
  /** Fixed work per invocation: the handler's start, the batch response, the metrics flush. */
  invocationOverheadMs: number;
  /** Writes per decided item: the verdict event and the status projection, 1 KB or less each. */
  writeUnitsPerItem: number;
  /** Round trip of one Comprehend request (DetectToxicContent on one short item). */
  comprehendRequestMs: number;
  /** Comprehend requests per item that reaches ML: toxicity only, the locale given (docs/comprehend.md). */
  comprehendRequestsPerMlItem: number;
  /** The verdict publisher's memory and its PutEvents round trip per verdict. */
  publisherMemoryMb: number;
  putEventsMs: number;
  /** Bytes of a verdict event on the bus (the event JSON with its envelope). */
  eventBytes: number;
  /** Log bytes per item over both functions: one verdict line, its share of the metrics and REPORT lines. */
  logBytesPerItem: number;
  /** Lambda's X-Ray sampling past the first request each second. */
  traceSampleRate: number;
  /** Bytes stored per item in the verdicts table: the event and the status. */
  storedBytesPerItem: number;
}

/** The figures this version of Patrol works with; see each field for its source. */
export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  charactersPerItem: 305,
  sendRequestsPerItem: 1,
  itemsPerBatch: IngestQueue.batchSize,
  ingestMemoryMb: 1024,
  rulesMsPerItem: 0.05,
  embeddedModelMsPerItem: 0.2,
  dynamoDbWriteMs: 6,
  invocationOverheadMs: 20,
  writeUnitsPerItem: 2,
  comprehendRequestMs: 150,
  comprehendRequestsPerMlItem: 1,
  publisherMemoryMb: 256,
  putEventsMs: 15,
  eventBytes: 1_500,
  logBytesPerItem: 800,
  traceSampleRate: 0.05,
  storedBytesPerItem: 2_000,
};

/** One way of running the pipeline: whether the embedded model runs, and on what share of items Comprehend does. */
export interface CostScenario {
  name: string;
  embeddedModel: boolean;
  /** The share of items (0 to 1) that reach Comprehend: the rules left them undecided. */
  comprehendShare: number;
}

export const SCENARIOS: readonly CostScenario[] = [
  { name: 'rules only', embeddedModel: false, comprehendShare: 0 },
  { name: 'rules + embedded model', embeddedModel: true, comprehendShare: 0 },
  { name: 'rules + embedded + Comprehend on 10%', embeddedModel: true, comprehendShare: 0.1 },
  { name: 'rules + embedded + Comprehend on 30%', embeddedModel: true, comprehendShare: 0.3 },
];

/** US dollars per million items, by service. */
export interface CostPerMillion {
  lambda: number;
  sqs: number;
  dynamoDb: number;
  eventBridge: number;
  cloudWatchLogs: number;
  xRay: number;
  comprehend: number;
  total: number;
}

const MILLION = 1_000_000;
const GB = 1024 ** 3;

/** The Comprehend units one item is billed: the 3-unit minimum applies to each request. */
export function comprehendUnitsPerMlItem(assumptions: CostAssumptions): number {
  return assumptions.comprehendRequestsPerMlItem * requestUnits(assumptions.charactersPerItem);
}

/** What a million items cost, by service, in one scenario. */
export function costPerMillionItems(
  scenario: CostScenario,
  assumptions: CostAssumptions = DEFAULT_ASSUMPTIONS,
): CostPerMillion {
  const a = assumptions;
  const invocations = MILLION / a.itemsPerBatch;
  const mlItems = MILLION * scenario.comprehendShare;

  // Items in a batch are decided one after another, so the batch lasts the sum of their work.
  const cpuMsPerItem = a.rulesMsPerItem + (scenario.embeddedModel ? a.embeddedModelMsPerItem : 0);
  const ingestMs =
    invocations * a.invocationOverheadMs +
    MILLION * (cpuMsPerItem + a.writeUnitsPerItem * a.dynamoDbWriteMs) +
    mlItems * a.comprehendRequestsPerMlItem * a.comprehendRequestMs +
    mlItems * a.dynamoDbWriteMs;
  const publisherMs = invocations * a.invocationOverheadMs + MILLION * a.putEventsMs;
  const gbSeconds =
    (ingestMs / 1000) * (a.ingestMemoryMb / 1024) + (publisherMs / 1000) * (a.publisherMemoryMb / 1024);
  const lambda =
    gbSeconds * LAMBDA.usdPerGbSecondArm64 + ((2 * invocations) / MILLION) * LAMBDA.usdPerMillionRequests;

  // A send per item, then one receive and one delete batch per invocation.
  const sqsRequests = MILLION * a.sendRequestsPerItem + 2 * invocations;
  const sqs = (sqsRequests / MILLION) * SQS.usdPerMillionRequests;

  // Each reservation against the budget is one conditional add.
  const writeUnits = MILLION * a.writeUnitsPerItem + mlItems;
  const dynamoDb = (writeUnits / MILLION) * DYNAMODB.usdPerMillionWriteUnits;

  const eventBridge =
    EVENTBRIDGE.usdPerMillionEvents + ((MILLION * a.eventBytes) / GB) * EVENTBRIDGE.usdPerGbArchived;
  const cloudWatchLogs = ((MILLION * a.logBytesPerItem) / GB) * CLOUDWATCH.usdPerGbLogsIngested;
  const xRay = ((2 * invocations * a.traceSampleRate) / MILLION) * XRAY.usdPerMillionTracesRecorded;
  const comprehend = mlItems * comprehendUnitsPerMlItem(a) * COMPREHEND.usdPerUnit.DetectToxicContent;

  const parts = { lambda, sqs, dynamoDb, eventBridge, cloudWatchLogs, xRay, comprehend };
  return { ...parts, total: Object.values(parts).reduce((sum, part) => sum + part, 0) };
}

/** What keeping a million items costs per month: verdicts in DynamoDB with backups, events in the archive, logs. */
export function storagePerMillionItemsPerMonth(assumptions: CostAssumptions = DEFAULT_ASSUMPTIONS): number {
  const a = assumptions;
  const tableGb = (MILLION * a.storedBytesPerItem) / GB;
  return (
    tableGb * (DYNAMODB.usdPerGbMonthStorage + DYNAMODB.usdPerGbMonthPointInTimeRecovery) +
    ((MILLION * a.eventBytes) / GB) * EVENTBRIDGE.usdPerGbMonthArchive +
    ((MILLION * a.logBytesPerItem) / GB) * CLOUDWATCH.usdPerGbMonthLogsStored
  );
}

/** A stage's cost whatever its traffic, per month: key, secret, dashboard, alarms and custom metrics. */
export function fixedPerStagePerMonth(stage: { alarmMetrics: number; customMetrics: number }): number {
  return (
    KMS.usdPerKeyMonth +
    SECRETS_MANAGER.usdPerSecretMonth +
    CLOUDWATCH.usdPerDashboardMonth +
    stage.alarmMetrics * CLOUDWATCH.usdPerAlarmMetricMonth +
    stage.customMetrics * CLOUDWATCH.usdPerCustomMetricMonth
  );
}
