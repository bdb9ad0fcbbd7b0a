import {
  CHARACTERS_PER_UNIT,
  PRICES_CHECKED_ON as COMPREHEND_PRICES_CHECKED_ON,
  USD_PER_UNIT as COMPREHEND_USD_PER_UNIT,
  MIN_UNITS_PER_REQUEST,
} from '#adapters/comprehend/pricing';

/**
 * Every AWS price the cost model uses, in US dollars: on-demand list prices of US East (N. Virginia), the
 * first tier of each, without the free tier. Other regions cost more for some services (Tokyo's DynamoDB
 * and CloudWatch Logs, for example); check the sources before relying on a figure.
 */
export const PRICES_REGION = 'us-east-1';
export const PRICES_RECORDED_ON = '2026-11-25';
export const PRICE_SOURCES = [
  'https://aws.amazon.com/lambda/pricing/',
  'https://aws.amazon.com/sqs/pricing/',
  'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  'https://aws.amazon.com/eventbridge/pricing/',
  'https://aws.amazon.com/cloudwatch/pricing/',
  'https://aws.amazon.com/xray/pricing/',
  'https://aws.amazon.com/comprehend/pricing/',
] as const;

export const LAMBDA = {
  /** Arm64 compute, per GB-second (first 7.5 billion GB-s a month). */
  usdPerGbSecondArm64: 0.000_013_333_4,
  usdPerMillionRequests: 0.2,
} as const;

export const SQS = {
  /** Standard queue, per million requests; each 64 KB of a message is one request. */
  usdPerMillionRequests: 0.4,
} as const;

export const DYNAMODB = {
  /** On-demand, per million write request units (1 KB each) and read request units (4 KB each, strongly consistent). */
  usdPerMillionWriteUnits: 0.625,
  usdPerMillionReadUnits: 0.125,
  usdPerGbMonthStorage: 0.25,
  usdPerGbMonthPointInTimeRecovery: 0.2,
} as const;

export const EVENTBRIDGE = {
  /** Custom events put on a bus, per million (each 64 KB is one event). */
  usdPerMillionEvents: 1,
  usdPerGbArchived: 0.1,
  usdPerGbMonthArchive: 0.023,
} as const;

export const CLOUDWATCH = {
  usdPerGbLogsIngested: 0.5,
  usdPerGbMonthLogsStored: 0.03,
  usdPerAlarmMetricMonth: 0.1,
  usdPerCustomMetricMonth: 0.3,
  usdPerDashboardMonth: 3,
} as const;

export const XRAY = {
  usdPerMillionTracesRecorded: 5,
} as const;

/** Comprehend's prices are the classifier's own (functions/adapters/comprehend/pricing.ts), so both agree. */
export const COMPREHEND = {
  usdPerUnit: COMPREHEND_USD_PER_UNIT,
  charactersPerUnit: CHARACTERS_PER_UNIT,
  minUnitsPerRequest: MIN_UNITS_PER_REQUEST,
  checkedOn: COMPREHEND_PRICES_CHECKED_ON,
} as const;

export const KMS = { usdPerKeyMonth: 1 } as const;
export const SECRETS_MANAGER = { usdPerSecretMonth: 0.4 } as const;
