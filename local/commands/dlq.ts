import { type Command, InvalidArgumentError } from 'commander';
import { SystemClock } from '#adapters/system/system-clock';
import { listDeadLetters } from '#core/dead-letters/list-dead-letters';
import { replayDeadLetters } from '#core/dead-letters/replay-dead-letters';
import type { DeadLetterSummary } from '#core/dead-letters/summarise-dead-letter';
import { type DlqTarget, type DlqTargetOptions, resolveDlqTarget } from '../dlq/dlq-target.ts';
import { DlqCommandError } from '../dlq/errors.ts';
import { describeWithCause } from './cli-options.ts';

/** Letters read at most per run; a DLQ fuller than this is an incident to look at in batches. */
const DEFAULT_MAX = 1_000;
/** How long listing hides the letters from other readers; they are released as soon as it is done. */
const LIST_HOLD_SECONDS = 30;
/** How long a replay holds the letters it works on; enough to send and delete a full run of them. */
const REPLAY_HOLD_SECONDS = 300;

interface TargetFlags {
  queue: string;
  endpoint?: string;
  dynamodbEndpoint?: string;
  stage?: string;
  region?: string;
  queueUrl?: string;
  dlqUrl?: string;
  rejectionsTable?: string;
  max: number;
}

interface ListFlags extends TargetFlags {
  json?: boolean;
}

interface ReplayFlags extends TargetFlags {
  messageId?: string[];
  dryRun?: boolean;
}

/** `patrol dlq list|replay`: the dead letters of a queue with their reasons, and putting them back. */
export function registerDlq(program: Command): void {
  const dlq = program
    .command('dlq')
    .description('list and replay dead-lettered messages, on patrol dev (--endpoint) or on AWS (--stage)');
  withTargetOptions(
    dlq
      .command('list')
      .description('list the DLQ with each message’s tenant, content id, reason, receive count and age')
      .option('--json', 'print the list as JSON'),
  ).action(async (flags: ListFlags) => {
    process.exitCode = await run(flags, (target) => list(target, flags));
  });
  withTargetOptions(
    dlq
      .command('replay')
      .description('send DLQ messages back to their queue, deleting each only once it is sent')
      .option('--message-id <id...>', 'replay only these messages (default: all)')
      .option('--dry-run', 'say what would be replayed; send and delete nothing'),
  ).action(async (flags: ReplayFlags) => {
    process.exitCode = await run(flags, (target) => replay(target, flags));
  });
}

function withTargetOptions(command: Command): Command {
  return command
    .option('--queue <id>', 'the queue whose DLQ to read', 'ingest')
    .option('--endpoint <url>', 'patrol dev: its SQS endpoint (printed as sqs: ...)', parseUrl)
    .option('--dynamodb-endpoint <url>', 'patrol dev: its DynamoDB endpoint, for the reasons', parseUrl)
    .option('--stage <name>', 'AWS: the stage whose stack outputs name the queues and table')
    .option('--region <region>', 'AWS: the region (default: from the environment or profile)')
    .option('--queue-url <url>', 'AWS: the source queue URL, instead of the stack output', parseUrl)
    .option('--dlq-url <url>', 'AWS: the DLQ URL, instead of the stack output', parseUrl)
    .option('--rejections-table <name>', 'AWS: the rejections table, instead of the stack output')
    .option('--max <count>', 'read at most this many messages', parseCount, DEFAULT_MAX);
}

async function run(flags: TargetFlags, work: (target: DlqTarget) => Promise<number>): Promise<number> {
  // The machines run Node 20 on purpose (docs/decisions/0001); the SDK's notice about it is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let target: DlqTarget;
  try {
    target = await resolveDlqTarget(targetOptions(flags));
  } catch (error) {
    console.error(`error: ${describeWithCause(error)}`);
    return error instanceof DlqCommandError ? 2 : 1;
  }
  try {
    return await work(target);
  } catch (error) {
    console.error(`error: ${describeWithCause(error)}`);
    return 1;
  } finally {
    target.close();
  }
}

async function list(target: DlqTarget, flags: ListFlags): Promise<number> {
  const summaries = await listDeadLetters(
    { deadLetters: target.deadLetters, rejections: target.rejections, clock: new SystemClock() },
    { max: flags.max, holdSeconds: LIST_HOLD_SECONDS },
  );
  if (target.reasonsNote !== undefined) console.error(`note: ${target.reasonsNote}`);
  if (flags.json) {
    console.log(JSON.stringify(summaries, null, 2));
    return 0;
  }
  console.log(
    `${target.dlqUrl}: ${summaries.length} message(s)${summaries.length === flags.max ? ' (--max reached)' : ''}`,
  );
  for (const summary of summaries) console.log(formatSummary(summary));
  return 0;
}

async function replay(target: DlqTarget, flags: ReplayFlags): Promise<number> {
  const outcome = await replayDeadLetters(
    { deadLetters: target.deadLetters, source: target.source },
    {
      max: flags.max,
      holdSeconds: REPLAY_HOLD_SECONDS,
      dryRun: flags.dryRun === true,
      ...(flags.messageId === undefined ? {} : { messageIds: flags.messageId }),
    },
  );
  for (const { messageId, newMessageId } of outcome.replayed) {
    console.log(
      outcome.dryRun
        ? `would replay ${messageId}`
        : `replayed ${messageId} as ${newMessageId} to ${target.queueUrl}`,
    );
  }
  for (const { messageId, reason } of outcome.failed) console.error(`failed ${messageId}: ${reason}`);
  for (const messageId of outcome.notFound) console.error(`not found ${messageId}: not in ${target.dlqUrl}`);
  const verb = outcome.dryRun ? 'would replay' : 'replayed';
  console.log(
    `${verb} ${outcome.replayed.length}, failed ${outcome.failed.length}, not found ${outcome.notFound.length}, ` +
      `left alone ${outcome.untouched}`,
  );
  return outcome.failed.length > 0 || outcome.notFound.length > 0 ? 1 : 0;
}

/** A letter as three or more lines: who and how often, the reason, then one line per issue. */
function formatSummary(summary: DeadLetterSummary): string {
  const subject = `${summary.tenant ?? '?'}/${summary.contentId ?? '?'}`;
  const lines = [
    '',
    `${summary.messageId}  ${subject}  ${summary.receiveCount} receives  ${formatAge(summary.ageSeconds)} old`,
    `  ${summary.reason}`,
    ...summary.issues.map((issue) => `    ${issue.path || '(body)'}: ${issue.message}`),
  ];
  return lines.join('\n');
}

function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h ${Math.floor((seconds % 3_600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3_600)}h`;
}

function targetOptions(flags: TargetFlags): DlqTargetOptions {
  const {
    json: _json,
    max: _max,
    messageId: _ids,
    dryRun: _dryRun,
    ...target
  } = flags as ListFlags & ReplayFlags;
  return target;
}

function parseUrl(value: string): string {
  try {
    new URL(value);
  } catch {
    throw new InvalidArgumentError('expected a URL such as http://127.0.0.1:8788.');
  }
  return value;
}

function parseCount(value: string): number {
  const count = /^[0-9]{1,7}$/.test(value) ? Number(value) : 0;
  if (count < 1) throw new InvalidArgumentError('expected a whole number from 1.');
  return count;
}
