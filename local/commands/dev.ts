import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { type DevRuntime, startDevRuntime } from '../dev-runtime.ts';
import { describeWithCause, parseHttpUrl } from './cli-options.ts';

interface DevCommandOptions {
  demo?: boolean;
  memory?: boolean;
  data: string;
  port: number;
  host: string;
  sqsPort: number;
  webhook?: string;
}

/** `patrol dev`: runs the whole pipeline on this machine until Ctrl-C. */
export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('run the pipeline on this machine: SQS endpoint, DynamoDB, ingest worker, API')
    .option('--demo', 'post demo content (Japanese and English) to the ingest queue, 2 messages a second')
    .option('--memory', 'keep nothing on disk: tables and signal keys live in memory')
    .option('--data <dir>', 'where tables and signal keys are kept across restarts', '.patrol')
    .option('--port <port>', 'API port (0 picks a free one)', parsePort, 8787)
    .option('--host <host>', 'address the API listens on', '127.0.0.1')
    .option('--sqs-port <port>', 'SQS endpoint port (0 picks a free one)', parsePort, 8788)
    .option('--webhook <url>', 'POST every verdict event to this URL (at least once, in order)', (value) =>
      parseHttpUrl(value).toString(),
    )
    .action(async (options: DevCommandOptions) => {
      // The machines run Node 20 on purpose (docs/decisions/0001); the SDK's notice about it is noise here.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      let runtime: DevRuntime;
      try {
        runtime = await startDevRuntime({
          ...(options.memory ? {} : { dataDir: resolve(options.data) }),
          port: options.port,
          host: options.host,
          sqsPort: options.sqsPort,
          ...(options.webhook === undefined ? {} : { webhookUrl: options.webhook }),
          demo: options.demo === true,
          onProgress: (line) => console.log(line),
          onNotice: (line) => console.log(line),
          onError: (error) => console.error(`warning: ${describeWithCause(error)}`),
        });
      } catch (error) {
        console.error(`error: patrol dev could not start: ${describeWithCause(error)}`);
        process.exitCode = 1;
        return;
      }
      printEndpoints(runtime, options);
      await stopOnSignal(runtime);
    });
}

function printEndpoints(runtime: DevRuntime, options: DevCommandOptions): void {
  const lines = [
    `api: ${runtime.endpoints.api}`,
    `console: ${runtime.endpoints.api}/ (sign in with a token below)`,
    `sqs: ${runtime.endpoints.sqs}`,
  ];
  for (const queue of Object.values(runtime.queues)) {
    lines.push(`queue ${queue.name}: ${queue.url}`, `queue ${queue.dlqName}: ${queue.dlqUrl}`);
  }
  lines.push(
    `dynamodb: ${runtime.endpoints.dynamodb}`,
    `data: ${options.memory ? 'in memory (--memory)' : resolve(options.data)}; queued messages live in memory only`,
  );
  if (options.webhook) lines.push(`webhook: ${options.webhook}`);
  if (options.demo) lines.push('demo: posting demo content, 2 messages a second');
  for (const [role, token] of Object.entries(runtime.tokens)) lines.push(`token ${role}: ${token}`);
  lines.push('ready; Ctrl-C to stop');
  console.log(lines.join('\n'));
}

/** Waits for SIGINT or SIGTERM, then stops cleanly; a second signal exits at once. */
function stopOnSignal(runtime: DevRuntime): Promise<void> {
  return new Promise((resolveStopped) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      console.log(
        `${signal}: stopping (draining the queue for up to 30 s, finishing batches in flight, flushing events; again to exit at once)...`,
      );
      runtime.stop().then(
        () => {
          console.log('stopped');
          resolveStopped();
        },
        (error: unknown) => {
          console.error(`error: patrol dev did not stop cleanly: ${describeWithCause(error)}`);
          process.exitCode = 1;
          resolveStopped();
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function parsePort(value: string): number {
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return port;
}
