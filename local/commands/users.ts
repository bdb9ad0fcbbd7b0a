import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { OffenderPolicyDirectoryError } from '#adapters/files/errors';
import { FileOffenderPolicySource } from '#adapters/files/file-offender-policy-source';
import { InvalidOffenderPolicyError } from '#core/offenders/errors';
import type { EnforcementEvent } from '#schemas/event';
import type { EnforceUserRequest, UserRecord } from '#schemas/offender';
import { TenantSchema } from '#schemas/submission';
import { signDevToken } from '../dev-tokens.ts';
import { DEFAULT_POLICIES_DIR } from './rules.ts';

const DEFAULT_API = 'http://127.0.0.1:8787';
const TOKEN_KEY_FILE = 'dev-token-key';

interface ApiFlags {
  api: string;
  token?: string;
  data: string;
  by: string;
}

interface EnforceFlags extends ApiFlags {
  warn?: boolean;
  restrict?: number;
  suspend?: boolean;
  ban?: boolean;
  lift?: boolean;
  reason: string;
}

/**
 * `patrol users show|enforce|policy`: a user's strikes, enforcement, links and recent verdicts, and a
 * lead's manual action, through the API of a running `patrol dev`; the offender policy from files.
 */
export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description(
      "look at a user and act on them through a running patrol dev's API; check offender policies",
    );
  withApiOptions(
    users
      .command('show')
      .description(
        'strikes with their reasons, enforcement and its history, linked accounts, recent verdicts',
      )
      .argument('<tenant>', 'the tenant, e.g. acme-market', parseTenant)
      .argument('<user>', 'the user id')
      .option('--json', 'print the record as JSON'),
  ).action(async (tenant: string, user: string, flags: ApiFlags & { json?: boolean }) => {
    process.exitCode = await show(tenant, user, flags);
  });
  withApiOptions(
    users
      .command('enforce')
      .description('warn, restrict, suspend, ban or lift a user; recorded and sent as an enforcement event')
      .argument('<tenant>', 'the tenant, e.g. acme-market', parseTenant)
      .argument('<user>', 'the user id')
      .addOption(new Option('--warn', 'warn the user').conflicts(['restrict', 'suspend', 'ban', 'lift']))
      .addOption(
        new Option('--restrict <days>', 'restrict posting for this many days')
          .argParser(parseDays)
          .conflicts(['suspend', 'ban', 'lift']),
      )
      .addOption(new Option('--suspend', 'suspend the account').conflicts(['ban', 'lift']))
      .addOption(new Option('--ban', 'ban the account').conflicts(['lift']))
      .addOption(new Option('--lift', 'end whatever enforcement is in force'))
      .requiredOption('--reason <text>', 'why, as the user and the platform will see it'),
  ).action(async (tenant: string, user: string, flags: EnforceFlags) => {
    process.exitCode = await enforce(tenant, user, flags);
  });
  users
    .command('policy')
    .description('check the offender policies and print the one a tenant runs under')
    .argument('[tenant]', 'the tenant (default: the default policy)', parseTenant)
    .option('--policies <dir>', 'the folder of offender policies', join(DEFAULT_POLICIES_DIR, 'tenants'))
    .action(async (tenant: string | undefined, flags: { policies: string }) => {
      process.exitCode = await policy(tenant ?? 'default', flags.policies);
    });
}

function withApiOptions(command: Command): Command {
  return command
    .option('--api <url>', 'the API of patrol dev', DEFAULT_API)
    .option('--token <token>', 'a bearer token (patrol dev prints one per role); default: PATROL_TOKEN')
    .option(
      '--data <dir>',
      'without a token: sign a lead token with the key in this patrol dev data folder',
      '.patrol',
    )
    .option('--by <lead>', 'without a token: the lead the signed token names', defaultLead());
}

async function show(tenant: string, user: string, flags: ApiFlags & { json?: boolean }): Promise<number> {
  const answer = await call(flags, tenant, 'GET', userPath(tenant, user));
  if (answer === undefined) return 1;
  const record = answer as UserRecord;
  console.log(flags.json ? JSON.stringify(record, null, 2) : describeRecord(record));
  return 0;
}

async function enforce(tenant: string, user: string, flags: EnforceFlags): Promise<number> {
  const request = enforcementRequest(flags);
  if (request === undefined) {
    console.error('error: give one of --warn, --restrict DAYS, --suspend, --ban or --lift');
    return 2;
  }
  const answer = await call(flags, tenant, 'POST', `${userPath(tenant, user)}/enforcements`, request);
  if (answer === undefined) return 1;
  const event = answer as EnforcementEvent;
  console.log(`${event.eventId}: ${describeEvent(event)}`);
  return 0;
}

async function policy(tenant: string, directory: string): Promise<number> {
  try {
    console.log(JSON.stringify(await new FileOffenderPolicySource(directory).forTenant(tenant), null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof InvalidOffenderPolicyError || error instanceof OffenderPolicyDirectoryError))
      throw error;
    console.error(error.message);
    return 1;
  }
}

function enforcementRequest(flags: EnforceFlags): EnforceUserRequest | undefined {
  const { reason } = flags;
  if (flags.restrict !== undefined) return { action: 'restrict', days: flags.restrict, reason };
  if (flags.warn) return { action: 'warn', reason };
  if (flags.suspend) return { action: 'suspend', reason };
  if (flags.ban) return { action: 'ban', reason };
  if (flags.lift) return { action: 'lift', reason };
  return undefined;
}

/** Calls the API; prints the refusal and returns undefined when it is not a 2xx. */
async function call(
  flags: ApiFlags,
  tenant: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const token = flags.token ?? process.env.PATROL_TOKEN ?? (await leadToken(flags, tenant));
  if (token === undefined) return undefined;
  let response: Response;
  try {
    response = await fetch(`${flags.api.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    console.error(
      `error: cannot reach patrol dev at ${flags.api} (${(error as Error).message}); is it running?`,
    );
    return undefined;
  }
  const answer = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) {
    console.error(`error: ${response.status} ${answer.error ?? response.statusText}`);
    return undefined;
  }
  return answer;
}

/** A lead token of the tenant signed with the key patrol dev keeps in its data folder. */
async function leadToken(flags: ApiFlags, tenant: string): Promise<string | undefined> {
  const file = join(resolve(flags.data), TOKEN_KEY_FILE);
  let key: Buffer;
  try {
    key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch {
    console.error(
      `error: no token: pass --token (patrol dev prints one per role) or point --data at patrol dev's data folder (no ${file})`,
    );
    return undefined;
  }
  return signDevToken(key, { userId: flags.by, tenant, role: 'lead' });
}

function describeRecord(record: UserRecord): string {
  const { enforcement, strikes } = record;
  const lines = [`user ${record.userId} of ${record.tenant}`];
  const until = enforcement.restrictedUntil === undefined ? '' : ` until ${enforcement.restrictedUntil}`;
  const since = enforcement.since === undefined ? '' : ` since ${enforcement.since}`;
  const why = enforcement.reason === undefined ? '' : `: ${enforcement.reason}`;
  lines.push(`enforcement: ${enforcement.level}${until}${since}${why}`);
  lines.push(`strikes: ${strikes.total} active (each counts ${strikes.decayDays} days)`);
  for (const strike of strikes.items) {
    const state = strike.removed
      ? `removed ${strike.removed.at}`
      : strike.active
        ? `counts until ${strike.countsUntil}`
        : 'decayed';
    lines.push(
      `  ${strike.at}  ${strike.kind} ${strike.contentId} v${strike.version}  ${strike.severity} x${strike.weight}  ${strike.ruleIds.join(', ') || 'moderator removal'}  ${state}`,
    );
  }
  lines.push(`enforcement history: ${record.enforcementHistory.length === 0 ? 'none' : ''}`.trimEnd());
  for (const event of record.enforcementHistory)
    lines.push(`  #${event.sequence} ${event.occurredAt}  ${describeEvent(event)}`);
  lines.push(`linked accounts: ${record.linkedAccounts.length === 0 ? 'none' : ''}`.trimEnd());
  for (const account of record.linkedAccounts) {
    const level = account.enforcement === undefined ? '' : ` (${account.enforcement})`;
    lines.push(`  ${account.userId} via ${account.signals.join(', ')}${level}`);
  }
  lines.push(`recent verdicts: ${record.recentVerdicts.length === 0 ? 'none' : ''}`.trimEnd());
  for (const verdict of record.recentVerdicts) {
    const rules = verdict.ruleIds.length === 0 ? '' : `  ${verdict.ruleIds.join(', ')}`;
    lines.push(
      `  ${verdict.postedAt}  ${verdict.kind} ${verdict.contentId} v${verdict.version}  ${verdict.decision ?? 'pending'}${rules}`,
    );
  }
  return lines.join('\n');
}

function describeEvent(event: EnforcementEvent): string {
  const who = event.decidedBy.type === 'auto' ? 'automatic' : event.decidedBy.moderatorId;
  const until = event.restrictedUntil === undefined ? '' : ` until ${event.restrictedUntil}`;
  const held = event.type === 'enforcement.review_requested' ? ' (held for review: daily cap reached)' : '';
  return `${event.action}${until}${held} by ${who}: ${event.reason}`;
}

function userPath(tenant: string, user: string): string {
  return `/v1/users/${encodeURIComponent(tenant)}/${encodeURIComponent(user)}`;
}

function defaultLead(): string {
  try {
    return `lead-${userInfo().username}`;
  } catch {
    return 'lead-local';
  }
}

function parseTenant(value: string): string {
  const parsed = TenantSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'invalid tenant');
  return value;
}

function parseDays(value: string): number {
  const days = /^[0-9]{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(days >= 1 && days <= 3_650))
    throw new InvalidArgumentError('expected a number of days from 1 to 3650.');
  return days;
}
