import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { localTableName, RejectionsTable } from '#adapters/dynamodb/table-definitions';
import {
  IngestQueue,
  localQueueNames,
  type QueueDefinition,
  QueueDefinitions,
} from '#adapters/sqs/queue-definitions';
import { SqsDeadLetterQueue } from '#adapters/sqs/sqs-dead-letter-queue';
import { SqsSubmissionQueue } from '#adapters/sqs/sqs-submission-queue';
import { hopLimited } from '#core/resend/hop-limited-queue';
import type { RejectionLog } from '#ports/rejection-log';
import type { SubmissionQueue } from '#ports/submission-queue';
import {
  deadLetterQueueUrlOutput,
  queueUrlOutput,
  statefulStackName,
  tableNameOutput,
} from '../../infra/stack-outputs.ts';
import { LOCAL_REGION } from '../sqs-local.ts';
import { readStackOutputs } from './cloudformation-stack-outputs.ts';
import { DlqTargetError } from './errors.ts';

/** Where `patrol dlq` reads: `patrol dev` by its endpoints, or a stage on AWS by its outputs or by flags. */
export interface DlqTargetOptions {
  /** The queue definition id: `ingest`. */
  queue: string;
  /** `patrol dev`'s SQS endpoint; the queues are found by their local names. */
  endpoint?: string;
  /** `patrol dev`'s DynamoDB endpoint, for the reasons. */
  dynamodbEndpoint?: string;
  /** A deployed stage: the stateful stack's outputs name the queues and the table. */
  stage?: string;
  region?: string;
  queueUrl?: string;
  dlqUrl?: string;
  rejectionsTable?: string;
}

/** The queues and the rejection log `patrol dlq` works on, with the clients to close afterwards. */
export interface DlqTarget {
  queueUrl: string;
  dlqUrl: string;
  deadLetters: SqsDeadLetterQueue;
  /** Counts each replay in the message's hops and refuses one already replayed too often. */
  source: SubmissionQueue;
  rejections: RejectionLog | undefined;
  /** Why the reasons are missing, when they are. */
  reasonsNote?: string;
  close(): void;
}

// The local emulators check no signature, but the SDK insists on signing with something.
const LOCAL_CREDENTIALS = { accessKeyId: 'patrol-local', secretAccessKey: 'patrol-local' };
const LOCAL_DYNAMODB = { region: 'local', credentials: LOCAL_CREDENTIALS };

/** Builds the clients and finds the queue URLs and table for the options, failing with what to give. */
export async function resolveDlqTarget(options: DlqTargetOptions): Promise<DlqTarget> {
  const definition = QueueDefinitions.find((candidate) => candidate.id === options.queue);
  if (definition === undefined) {
    throw new DlqTargetError(
      `no queue ${options.queue}; known: ${QueueDefinitions.map((known) => known.id).join(', ')}`,
    );
  }
  return options.endpoint === undefined
    ? awsTarget(definition, options)
    : localTarget(definition, options.endpoint, options);
}

async function localTarget(
  definition: QueueDefinition,
  endpoint: string,
  options: DlqTargetOptions,
): Promise<DlqTarget> {
  const sqs = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const names = localQueueNames(definition);
  const urlOf = async (name: string) => {
    try {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
      if (QueueUrl !== undefined) return QueueUrl;
    } catch (error) {
      sqs.destroy();
      throw new DlqTargetError(`no queue ${name} at ${endpoint}: is patrol dev running there?`, {
        cause: error,
      });
    }
    sqs.destroy();
    throw new DlqTargetError(`no queue ${name} at ${endpoint}`);
  };
  const queueUrl = options.queueUrl ?? (await urlOf(names.queue));
  const dlqUrl = options.dlqUrl ?? (await urlOf(names.dlq));
  if (definition !== IngestQueue || options.dynamodbEndpoint === undefined) {
    return target(sqs, queueUrl, dlqUrl, undefined, [], reasonsNote(definition, '--dynamodb-endpoint'));
  }
  const dynamodb = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, ...LOCAL_DYNAMODB });
  const tableName = options.rejectionsTable ?? localTableName(RejectionsTable);
  return target(sqs, queueUrl, dlqUrl, rejectionLog(dynamodb, tableName), [dynamodb]);
}

async function awsTarget(definition: QueueDefinition, options: DlqTargetOptions): Promise<DlqTarget> {
  const region = options.region ?? regionOfQueueUrl(options.queueUrl ?? options.dlqUrl);
  const clientConfig = region === undefined ? {} : { region };
  let { queueUrl, dlqUrl, rejectionsTable } = options;
  if (
    options.stage !== undefined &&
    (queueUrl === undefined || dlqUrl === undefined || rejectionsTable === undefined)
  ) {
    const stackName = statefulStackName(options.stage);
    const cloudFormation = new CloudFormationClient(clientConfig);
    let outputs: Record<string, string>;
    try {
      outputs = await readStackOutputs(cloudFormation, stackName);
    } finally {
      cloudFormation.destroy();
    }
    const output = (name: string) => {
      const value = outputs[name];
      if (value === undefined) {
        throw new DlqTargetError(
          `stack ${stackName} has no output ${name}: deploy the stage with this version`,
        );
      }
      return value;
    };
    queueUrl ??= output(queueUrlOutput(definition));
    dlqUrl ??= output(deadLetterQueueUrlOutput(definition));
    if (definition === IngestQueue) rejectionsTable ??= output(tableNameOutput(RejectionsTable));
  }
  if (queueUrl === undefined || dlqUrl === undefined) {
    throw new DlqTargetError(
      'say which queues to read: --endpoint <url> for patrol dev, --stage <name> for a deployed stage ' +
        '(its stack outputs name them), or --queue-url and --dlq-url',
    );
  }
  // The client's endpoint (from its region, or AWS_ENDPOINT_URL_SQS) is where requests go; the queue URL
  // only names the queue, which is what the SDK does by default when they agree.
  const sqs = new SQSClient({ ...clientConfig, useQueueUrlAsEndpoint: false });
  if (rejectionsTable === undefined || definition !== IngestQueue) {
    return target(
      sqs,
      queueUrl,
      dlqUrl,
      undefined,
      [],
      reasonsNote(definition, '--rejections-table or --stage'),
    );
  }
  const dynamodb = new DynamoDBClient(clientConfig);
  return target(sqs, queueUrl, dlqUrl, rejectionLog(dynamodb, rejectionsTable), [dynamodb]);
}

function target(
  sqs: SQSClient,
  queueUrl: string,
  dlqUrl: string,
  rejections: RejectionLog | undefined,
  others: readonly { destroy(): void }[],
  note?: string,
): DlqTarget {
  return {
    queueUrl,
    dlqUrl,
    deadLetters: new SqsDeadLetterQueue(sqs, dlqUrl),
    source: hopLimited(new SqsSubmissionQueue(sqs, queueUrl)),
    rejections,
    ...(note === undefined ? {} : { reasonsNote: note }),
    close() {
      sqs.destroy();
      for (const client of others) client.destroy();
    },
  };
}

function rejectionLog(client: DynamoDBClient, tableName: string): RejectionLog {
  return new DynamoDbRejectionLog(DynamoDBDocumentClient.from(client), tableName);
}

function reasonsNote(definition: QueueDefinition, flag: string): string {
  return definition === IngestQueue
    ? `reasons are not shown: give ${flag} to read them from the rejections table`
    : `the ${definition.id} queue keeps no rejection reasons`;
}

/** The region in an SQS queue URL (`https://sqs.<region>.amazonaws.com/...`), when it has one. */
export function regionOfQueueUrl(queueUrl: string | undefined): string | undefined {
  if (queueUrl === undefined) return undefined;
  let host: string;
  try {
    host = new URL(queueUrl).hostname;
  } catch {
    throw new DlqTargetError(`${queueUrl} is not a queue URL`);
  }
  return /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(host)?.[1];
}
