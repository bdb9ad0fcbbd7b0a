import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { OffendersTable, RejectionsTable, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { FileOffenderPolicySource } from '#adapters/files/file-offender-policy-source';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import { SecretsManagerTenantSecrets } from '#adapters/secrets-manager/secrets-manager-tenant-secrets';
import { SqsReviewRequestSender } from '#adapters/sqs/sqs-review-request-sender';
import { SystemClock } from '#adapters/system/system-clock';
import type { IngestDependencies } from '#core/decide/ingest-submission';
import type { RejectionLog } from '#ports/rejection-log';
import { ConfigurationError } from './errors.ts';

/** The environment variable holding the ARN of the secret with every tenant's signal key. */
export const SIGNAL_KEYS_SECRET_ARN = 'SIGNAL_KEYS_SECRET_ARN';
/** The environment variable holding the review queue's URL; without it nothing is sent to review. */
export const REVIEW_QUEUE_URL = 'REVIEW_QUEUE_URL';
/** The environment variable naming the rule packs folder; `policies` beside the bundle by default. */
export const POLICIES_DIR = 'POLICIES_DIR';

/**
 * The ingest function's dependencies on AWS, from its environment: the tables named by the table
 * definitions' variables, the signal-keys secret, and the bundled rule packs and offender policies
 * (`policies/tenants/`).
 */
export function createIngestDependencies(
  env: NodeJS.ProcessEnv = process.env,
): IngestDependencies & { rejections: RejectionLog } {
  const required = [
    VerdictsTable.envVar,
    RejectionsTable.envVar,
    SIGNAL_KEYS_SECRET_ARN,
    OffendersTable.envVar,
  ];
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigurationError(missing);
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const clock = new SystemClock();
  const policies = env[POLICIES_DIR] || join(dirname(fileURLToPath(import.meta.url)), 'policies');
  return {
    ruleSets: new FileRuleSetSource(policies),
    secrets: new SecretsManagerTenantSecrets(
      new SecretsManagerClient({}),
      env[SIGNAL_KEYS_SECRET_ARN] as string,
    ),
    verdicts: new DynamoDbVerdictStore(documents, env[VerdictsTable.envVar] as string),
    rejections: new DynamoDbRejectionLog(documents, env[RejectionsTable.envVar] as string, clock),
    clock,
    ...(env[REVIEW_QUEUE_URL]
      ? { reviews: new SqsReviewRequestSender(new SQSClient({}), env[REVIEW_QUEUE_URL]) }
      : {}),
    offenders: {
      store: new DynamoDbOffenderStore(documents, env[OffendersTable.envVar] as string),
      policies: new FileOffenderPolicySource(join(policies, 'tenants')),
    },
  };
}
