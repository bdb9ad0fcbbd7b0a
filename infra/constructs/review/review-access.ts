import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { CaseAuditTable, CasesTable, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { SLA_TOPIC_ARN } from '#shared/review-dependencies';

/** The tables and topic every review function uses. */
export interface ReviewStores {
  casesTable: ITable;
  caseAuditTable: ITable;
  verdictsTable: ITable;
  slaTopic: ITopic;
  /** The key the SLA topic is encrypted with. */
  key: IKey;
}

/** The case store: conditional puts and reads of projections, pointers, mutes and idempotency records, index queries. */
const CASES_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'];
/** The audit log: conditional appends, reads of one case's entries. */
const AUDIT_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'];
/** The verdict store, as the ingest function uses it. */
const VERDICTS_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'];

/** The environment through which a review function finds its tables and topic. */
export function reviewEnvironment(stores: ReviewStores): Record<string, string> {
  return {
    [CasesTable.envVar]: stores.casesTable.tableName,
    [CaseAuditTable.envVar]: stores.caseAuditTable.tableName,
    [VerdictsTable.envVar]: stores.verdictsTable.tableName,
    [SLA_TOPIC_ARN]: stores.slaTopic.topicArn,
  };
}

/** Grants a review function exactly what the case store, audit log, verdict store and notifier do. */
export function grantReviewStores(role: IRole, stores: ReviewStores): void {
  // Stated here rather than with table.grant, which would also allow every index (`index/*`).
  role.addToPrincipalPolicy(
    new PolicyStatement({ actions: CASES_ACTIONS, resources: [stores.casesTable.tableArn] }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: (CasesTable.indexes ?? []).map(
        (index) => `${stores.casesTable.tableArn}/index/${index.name}`,
      ),
    }),
  );
  stores.caseAuditTable.grant(role, ...AUDIT_ACTIONS);
  stores.verdictsTable.grant(role, ...VERDICTS_ACTIONS);
  role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['sns:Publish'], resources: [stores.slaTopic.topicArn] }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [stores.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(role).region}.amazonaws.com` } },
    }),
  );
}
