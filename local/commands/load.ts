import { type Command, InvalidArgumentError } from 'commander';
import { type FaultPlan, NO_FAULTS, parseFaultPlan } from '../faults/fault-plan.ts';
import { type LoadResult, runLoad } from '../load/load-run.ts';
import { type LoadStatus, renderProgress } from '../load/progress-bar.ts';
import { describeWithCause, parseHttpUrl } from './cli-options.ts';

interface LoadCommandOptions {
  rate: number;
  duration: number;
  faults?: string;
  endpoint?: string;
  api: string;
  dynamodb?: string;
  seed?: number;
  wait?: number;
  visibilityTimeout?: number;
}

/** How often a progress line is written when stderr is not a terminal. */
const LOG_EVERY_MS = 10_000;

/** `patrol load`: load through the SQS endpoint, then reconcile; the last line of stdout is the report. */
export function registerLoad(program: Command): void {
  program
    .command('load')
    .description(
      'send realistic content (with malformed and repeated messages) through the SQS endpoint, then check that nothing was lost or decided twice',
    )
    .requiredOption('--rate <n>', 'messages per second', positiveNumber)
    .requiredOption('--duration <seconds>', 'how long to send', positiveNumber)
    .option(
      '--faults <list>',
      'faults for the runtime patrol load starts: throttle=0.02,5xx=0.01,timeout=0.01,crash=0.01,restart=1 (restart=1 unless given)',
    )
    .option(
      '--endpoint <url>',
      'the SQS endpoint of a running patrol dev (default: start one in memory)',
      httpUrl,
    )
    .option('--api <url>', "with --endpoint: that patrol dev's API", httpUrl, 'http://127.0.0.1:8787')
    .option(
      '--dynamodb <url>',
      'with --endpoint: its DynamoDB, where the verdicts and DLQ reasons are read',
      httpUrl,
    )
    .option('--seed <n>', 'seed of the content mix and the faults, to repeat a run', wholeNumber)
    .option('--wait <seconds>', 'how long to wait for stragglers once nothing changes', positiveNumber)
    .option(
      '--visibility-timeout <seconds>',
      'the queue visibility timeout of the runtime patrol load starts (default 10; shorter redrives sooner)',
      wholeNumber,
    )
    .action(async (options: LoadCommandOptions) => {
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      let faults: FaultPlan;
      try {
        faults = parseFaultPlan(
          options.faults ?? '',
          options.endpoint === undefined ? { ...NO_FAULTS, restart: 1 } : NO_FAULTS,
        );
      } catch (error) {
        console.error(`error: ${(error as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const progress = progressWriter();
      let result: LoadResult;
      try {
        result = await runLoad({
          ratePerSecond: options.rate,
          durationSeconds: options.duration,
          faults,
          seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
          ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint, api: options.api }),
          ...(options.dynamodb === undefined ? {} : { dynamodb: options.dynamodb }),
          ...(options.wait === undefined ? {} : { waitSeconds: options.wait }),
          ...(options.visibilityTimeout === undefined
            ? {}
            : { visibilityTimeoutSeconds: options.visibilityTimeout }),
          onStatus: progress.update,
        });
      } catch (error) {
        progress.end();
        console.error(`error: patrol load failed: ${describeWithCause(error)}`);
        process.exitCode = 2;
        return;
      }
      progress.end();
      if (result.lost > 0 || result.duplicates > 0) {
        console.error(`FAILED: ${result.lost} lost, ${result.duplicates} decided more than once`);
        process.exitCode = 1;
      }
      console.log(JSON.stringify(result));
    });
}

/** A progress bar redrawn in place on a terminal, and a line now and then (and per phase) otherwise. */
function progressWriter(): { update(status: LoadStatus): void; end(): void } {
  const terminal = process.stderr.isTTY === true;
  let lastPhase = '';
  let lastLineAt = 0;
  let drawn = false;
  return {
    update(status) {
      const line = renderProgress(status);
      if (terminal) {
        process.stderr.write(`\r${line}\u001b[K`);
        drawn = true;
      } else if (status.phase !== lastPhase || Date.now() - lastLineAt >= LOG_EVERY_MS) {
        process.stderr.write(`${line}\n`);
        lastLineAt = Date.now();
      }
      lastPhase = status.phase;
    },
    end() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!(Number.isFinite(number) && number > 0)) throw new InvalidArgumentError('expected a number above 0.');
  return number;
}

function wholeNumber(value: string): number {
  if (!/^[0-9]{1,10}$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/** An endpoint without the trailing slash, so paths join onto it. */
function httpUrl(value: string): string {
  parseHttpUrl(value);
  return value.replace(/\/+$/, '');
}
