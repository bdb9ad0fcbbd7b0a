/** A global secondary index; its keys are strings and it projects every attribute. */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

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
  /** Global secondary indexes; sparse where an item leaves out an index's keys. */
  indexes?: readonly IndexDefinition[];
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

/** The index `next` reads: undecided cases per tenant, queue and shard, most urgent first. */
export const CasesByUrgencyIndex: IndexDefinition = {
  name: 'by-urgency',
  partitionKey: 'queueShard',
  sortKey: 'urgency',
};

/** The index the SLA sweep and the timer rebuild read: cases with a pending timer, by its time, sharded. */
export const CasesByTimerIndex: IndexDefinition = {
  name: 'by-timer',
  partitionKey: 'timerShard',
  sortKey: 'nextTimerAt',
};

/** The index queue stats read: decided cases per tenant, queue and UTC day, by decision time. */
export const CasesByClosedDayIndex: IndexDefinition = {
  name: 'by-closed-day',
  partitionKey: 'closedDay',
  sortKey: 'closedAt',
};

/**
 * Review cases (`CASE#<tenant>#<caseId>` / `CASE`, the projection of the case's events), subject
 * pointers, muted reporters and Idempotency-Key records, with the three sparse indexes above.
 */
export const CasesTable: TableDefinition = {
  id: 'cases',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: false,
  envVar: 'CASES_TABLE',
  indexes: [CasesByUrgencyIndex, CasesByTimerIndex, CasesByClosedDayIndex],
};

/**
 * The append-only audit log: each case's events (`E#<seq>`, written conditionally, so also what makes
 * two writers of one case version impossible), content views (`V#...`) and reports per subject.
 */
export const CaseAuditTable: TableDefinition = {
  id: 'case-audit',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: false,
  envVar: 'CASE_AUDIT_TABLE',
};

/**
 * What Patrol keeps about authors (docs/offenders.md): per user (`U#<tenant>#<user>`) enforcement
 * events (`E#<sequence>`, streamed to platforms), posts, strikes and the `STATUS` projection; identity
 * signal links (`L#`), text fingerprint bands (`T#`) and daily caps (`C#`). Posts, fingerprints and
 * caps expire; strikes and enforcement events are the audit log and stay.
 */
export const OffendersTable: TableDefinition = {
  id: 'offenders',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  stream: true,
  envVar: 'OFFENDERS_TABLE',
};

/**
 * Rule-set versions (`V#<number>`, written once, with their packs), the pointer to the live version
 * (`ACTIVE`, moved conditionally by publish and rollback) and the rules audit log (`A#<at>#<id>`).
 */
export const RuleSetsTable: TableDefinition = {
  id: 'rule-sets',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: false,
  envVar: 'RULE_SETS_TABLE',
};

/**
 * Content as posted (`D#<tenant>#<day>#<shard>` / `<recordedAt>#<contentId>#<version>`), for back-tests
 * and re-patrols, since verdicts keep no text; each item expires 30 days after it was recorded.
 */
export const ContentTable: TableDefinition = {
  id: 'content',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  stream: false,
  envVar: 'CONTENT_TABLE',
};

export const TableDefinitions: readonly TableDefinition[] = [
  VerdictsTable,
  RejectionsTable,
  MlBudgetTable,
  CasesTable,
  CaseAuditTable,
  OffendersTable,
  RuleSetsTable,
  ContentTable,
];

/** The local table name for a definition. */
export function localTableName(table: TableDefinition): string {
  return `patrol-${table.id}`;
}
