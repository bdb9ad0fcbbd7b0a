import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { CaseAuditTable, CasesTable, localTableName } from '#adapters/dynamodb/table-definitions';
import { FileReviewPolicySource } from '#adapters/files/file-review-policy-source';
import { decisionExample, toComprehendCsv, toTrainerJsonl } from '#core/ml/decision-examples';
import type { LabelledExample } from '#schemas/labelled-example';
import { TenantSchema } from '#schemas/submission';
import { startDynamoDbLocal } from '../dynamodb-local.ts';
import { describeError } from '../ml/cli-options.ts';
import { DEFAULT_POLICIES_DIR } from './rules.ts';

const FORMATS = ['patrol', 'comprehend'] as const;
type ExportFormat = (typeof FORMATS)[number];
const DAY_MS = 86_400_000;

interface ExportDecisionsOptions {
  format: ExportFormat;
  tenant: string;
  days: number;
  data: string;
  policies: string;
  out?: string;
}

/**
 * `patrol export decisions`: the cases moderators decided in patrol dev's data folder, as training data for
 * `patrol train` (JSON Lines) or for a Comprehend custom classifier (CSV).
 */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export data kept by patrol dev')
    .command('decisions')
    .description(
      "moderators' decided cases as labelled examples: approved is clean, removed carries its queue's label",
    )
    .addOption(
      new Option('--format <format>', 'patrol: JSON Lines for patrol train; comprehend: label,text CSV')
        .choices(FORMATS)
        .default('patrol'),
    )
    .requiredOption('--tenant <tenant>', 'the tenant whose decisions to export', parseTenant)
    .option('--days <n>', 'decisions of the last n days', parseDays, 30)
    .option(
      '--data <dir>',
      "patrol dev's data folder (stop patrol dev first: one process opens it)",
      '.patrol',
    )
    .option('--policies <dir>', 'the review policies naming the queues', join(DEFAULT_POLICIES_DIR, 'review'))
    .option('--out <file>', 'write here instead of standard output')
    .action(async (options: ExportDecisionsOptions) => {
      try {
        const examples = await decidedExamples(options);
        const content = options.format === 'patrol' ? toTrainerJsonl(examples) : toComprehendCsv(examples);
        if (options.out === undefined) process.stdout.write(content);
        else await writeFile(options.out, content);
        process.stderr.write(`exported ${examples.length} decisions of ${options.tenant}\n`);
      } catch (error) {
        process.stderr.write(`patrol export decisions: ${describeError(error)}\n`);
        process.exitCode = 1;
      }
    });
}

/** Reads the tenant's decided cases, queue by queue, oldest decision first. */
async function decidedExamples(options: ExportDecisionsOptions): Promise<LabelledExample[]> {
  const policy = await new FileReviewPolicySource(resolve(options.policies)).policyFor(options.tenant);
  const dynamo = await startDynamoDbLocal({ path: resolve(options.data) });
  try {
    const cases = new DynamoDbCaseStore(dynamo.documentClient, {
      cases: localTableName(CasesTable),
      audit: localTableName(CaseAuditTable),
    });
    const now = new Date();
    const since = new Date(now.getTime() - options.days * DAY_MS);
    const decided = [];
    for (const queue of policy.queues) {
      decided.push(...(await cases.decidedSince(options.tenant, queue.name, since, now)));
    }
    decided.sort((a, b) => (a.outcome?.decidedAt ?? '').localeCompare(b.outcome?.decidedAt ?? ''));
    return decided.flatMap((reviewCase) => decisionExample(reviewCase) ?? []);
  } finally {
    await dynamo.stop();
  }
}

function parseTenant(value: string): string {
  const parsed = TenantSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'not a tenant id');
  return value;
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) throw new InvalidArgumentError('expected a whole number of days');
  return days;
}
