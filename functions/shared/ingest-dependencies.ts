import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ComprehendClassifier } from '#adapters/comprehend/comprehend-classifier';
import { createComprehendClient } from '#adapters/comprehend/comprehend-client';
import { DynamoDbMlBudget } from '#adapters/dynamodb/dynamodb-ml-budget';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { OffendersTable, RejectionsTable, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { EmbeddedClassifier } from '#adapters/embedded/embedded-classifier';
import { FileOffenderPolicySource } from '#adapters/files/file-offender-policy-source';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import { PowertoolsMlMetrics } from '#adapters/powertools/powertools-ml-metrics';
import { SecretsManagerTenantSecrets } from '#adapters/secrets-manager/secrets-manager-tenant-secrets';
import { SqsReviewRequestSender } from '#adapters/sqs/sqs-review-request-sender';
import { SystemClock } from '#adapters/system/system-clock';
import type { IngestDependencies } from '#core/decide/ingest-submission';
import type { RejectionLog } from '#ports/rejection-log';
import { type ComprehendEnvironment, comprehendFromEnvironment } from './comprehend-environment.ts';
import { ConfigurationError } from './errors.ts';
import { METRICS_NAMESPACE } from './observability.ts';

/** The environment variable holding the ARN of the secret with every tenant's signal key. */
export const SIGNAL_KEYS_SECRET_ARN = 'SIGNAL_KEYS_SECRET_ARN';
/** The environment variable holding the review queue's URL; without it nothing is sent to review. */
export const REVIEW_QUEUE_URL = 'REVIEW_QUEUE_URL';
/** The environment variable naming the rule packs folder; `policies` beside the bundle by default. */
export const POLICIES_DIR = 'POLICIES_DIR';
/** The environment variable naming the embedded classifier's model; `models/starter.model` beside the bundle by default. */
export const CLASSIFIER_MODEL = 'CLASSIFIER_MODEL';

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
  const bundleDir = dirname(fileURLToPath(import.meta.url));
  const policies = env[POLICIES_DIR] || join(bundleDir, 'policies');
  const comprehend = comprehendFromEnvironment(env);
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
    ml: {
      embedded: EmbeddedClassifier.loadingOnFirstUse(
        env[CLASSIFIER_MODEL] || join(bundleDir, 'models', 'starter.model'),
      ),
      ...(comprehend === undefined ? {} : { paid: comprehendClassifier(comprehend, documents, clock) }),
    },
  };
}

/** Comprehend behind the tenant's daily budget in DynamoDB, metered as Powertools metrics. */
function comprehendClassifier(
  comprehend: ComprehendEnvironment,
  documents: DynamoDBDocumentClient,
  clock: SystemClock,
): ComprehendClassifier {
  return new ComprehendClassifier(
    {
      client: createComprehendClient(),
      budget: new DynamoDbMlBudget(documents, comprehend.budgetTableName, comprehend.caps, clock),
      metrics: new PowertoolsMlMetrics({
        namespace: METRICS_NAMESPACE,
        serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'patrol',
      }),
      clock,
    },
    comprehend.settings,
  );
}
