import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { localQueueNames, type QueueDefinition, QueueDefinitions } from '#adapters/sqs/queue-definitions';
import { QueueSetupError } from './errors.ts';

/** The region the local queues live in; any region works for clients that use the printed queue URLs. */
export const LOCAL_REGION = 'ap-northeast-1';

/** Credentials the emulator accepts; it checks no signature, but the SDK insists on signing. */
const LOCAL_CREDENTIALS = { accessKeyId: 'patrol-local', secretAccessKey: 'patrol-local' };

/** One queue of a definition as created on the emulator, with its dead-letter queue. */
export interface LocalQueue {
  definition: QueueDefinition;
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
  dlqArn: string;
  visibilityTimeoutSeconds: number;
}

export interface LocalSqsOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Overrides every queue's visibility timeout, so tests see redelivery and redrive in seconds. */
  visibilityTimeoutSeconds?: number;
  definitions?: readonly QueueDefinition[];
}

/** The running SQS emulator: its endpoint, the created queues and a client configured for it. */
export interface LocalSqs {
  endpoint: string;
  queues: readonly LocalQueue[];
  queue(id: string): LocalQueue;
  /** A new `SQSClient` pointed at the emulator, as a platform would configure one. */
  createClient(): SQSClient;
  stop(): Promise<void>;
}

/** An `SQSClient` for a local endpoint, with the local region and credentials. */
function localSqsClient(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/**
 * Starts the SQS emulator (messages live in its memory only) and creates each defined queue and
 * its DLQ through the SQS API, with the redrive policy and visibility timeout a deployment has.
 */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  // The emulator builds queue URLs as http://sqs.<region>.<host>:<port>/...; the URL is only an
  // identifier, since clients send every request to the configured endpoint.
  const server = await startFauxqs({ port: options.port ?? 0, host: 'localhost', logger: false });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const client = localSqsClient(endpoint);
  try {
    const queues: LocalQueue[] = [];
    for (const definition of options.definitions ?? QueueDefinitions) {
      queues.push(await createQueueWithDlq(client, definition, options.visibilityTimeoutSeconds));
    }
    return {
      endpoint,
      queues,
      queue(id) {
        const found = queues.find((queue) => queue.definition.id === id);
        if (!found)
          throw new QueueSetupError(`patrol-${id}`, { cause: new Error('no such queue definition') });
        return found;
      },
      createClient: () => localSqsClient(endpoint),
      async stop() {
        client.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    client.destroy();
    await server.stop();
    throw error;
  }
}

async function createQueueWithDlq(
  client: SQSClient,
  definition: QueueDefinition,
  visibilityTimeoutOverride: number | undefined,
): Promise<LocalQueue> {
  const names = localQueueNames(definition);
  const visibilityTimeoutSeconds = visibilityTimeoutOverride ?? definition.visibilityTimeoutSeconds;
  try {
    const dlqUrl = await createQueue(client, names.dlq, {
      MessageRetentionPeriod: String(definition.dlqRetentionDays * 24 * 60 * 60),
    });
    const dlqArn = await queueArn(client, dlqUrl);
    const redrivePolicy = { deadLetterTargetArn: dlqArn, maxReceiveCount: definition.maxReceiveCount };
    const queueUrl = await createQueue(client, names.queue, {
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify(redrivePolicy),
    });
    return {
      definition,
      queueUrl,
      queueArn: await queueArn(client, queueUrl),
      dlqUrl,
      dlqArn,
      visibilityTimeoutSeconds,
    };
  } catch (error) {
    throw new QueueSetupError(names.queue, { cause: error });
  }
}

async function createQueue(
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<string> {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new QueueSetupError(name, { cause: new Error('CreateQueue returned no QueueUrl') });
  return QueueUrl;
}

async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn)
    throw new QueueSetupError(queueUrl, { cause: new Error('GetQueueAttributes returned no QueueArn') });
  return arn;
}
