/** A DynamoDB table as Patrol uses it, shared by the CDK stacks and the local runtime. */
export interface TableDefinition {
  /** Logical id, also the local table name suffix (`patrol-<id>`). */
  id: string;
  partitionKey: string;
  sortKey?: string;
  /** Attribute holding an epoch-seconds expiry; dynalite keeps expired items, readers filter them. */
  timeToLiveAttribute?: string;
  /** Whether changes feed a stream (the publisher reads verdict events from it on AWS). */
  stream: boolean;
  /** The environment variable through which functions learn the physical table name. */
  envVar: string;
}

/** Verdict events (`V#<version>#<decider>`) and the status projection (`STATUS`) per content item. */
export const VerdictsTable: TableDefinition = {
  id: 'verdicts',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: true,
  envVar: 'VERDICTS_TABLE',
};

/** Reasons for refused messages, keyed by SQS message id, kept for 14 days like the DLQ copy. */
export const RejectionsTable: TableDefinition = {
  id: 'rejections',
  partitionKey: 'pk',
  timeToLiveAttribute: 'expiresAt',
  stream: false,
  envVar: 'REJECTIONS_TABLE',
};

/**
 * Paid ML units spent per tenant and UTC day (`<tenant>#<yyyy-mm-dd>`), counted with conditional adds
 * so no tenant passes its daily cap; each day's counter expires a week after the day ends.
 */
export const MlBudgetTable: TableDefinition = {
  id: 'ml-budget',
  partitionKey: 'pk',
  timeToLiveAttribute: 'expiresAt',
  stream: false,
  envVar: 'ML_BUDGET_TABLE',
};

export const TableDefinitions: readonly TableDefinition[] = [VerdictsTable, RejectionsTable];

/** The local table name for a definition. */
export function localTableName(table: TableDefinition): string {
  return `patrol-${table.id}`;
}
