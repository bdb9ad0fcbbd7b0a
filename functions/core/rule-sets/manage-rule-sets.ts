import { compileRuleSet } from '#core/rules/compile';
import { parseRulePack } from '#core/rules/parse-rule-pack';
import { parseRulePacks, type RulePackSource } from '#core/rules/parse-rule-packs';
import type { RulePackIssue } from '#core/rules/rule-pack-issue';
import type { Clock } from '#ports/clock';
import type { RuleSetStore } from '#ports/rule-set-store';
import type { Principal } from '#schemas/principal';
import type { RulePack } from '#schemas/rule';
import type { RulePackFiles, RuleSetPointer, RuleSetVersion } from '#schemas/rule-set-version';
import {
  InvalidRuleSetError,
  NothingToRollBackError,
  RuleSetConflictError,
  RuleSetVersionNotFoundError,
} from './errors.ts';

/** What managing rule sets needs. */
export interface RuleSetDependencies {
  store: RuleSetStore;
  clock: Clock;
}

/** The located issues of one pack as edited; none when it parses and checks. */
export function validatePack(fileName: string, yamlText: string): RulePackIssue[] {
  const result = parseRulePack(fileName, yamlText);
  return result.ok ? [] : result.errors;
}

/** Parses and compiles a version's packs, or throws InvalidRuleSetError with every located issue. */
export function compilePacks(packs: RulePackFiles): { packs: RulePack[]; contentHash: string } {
  const result = parseRulePacks(packSources(packs));
  if (!result.ok) throw new InvalidRuleSetError(result.errors);
  return { packs: result.packs, contentHash: compileRuleSet(result.packs).version };
}

/** The packs as the rule parser reads them, in file-name order. */
export function packSources(packs: RulePackFiles): RulePackSource[] {
  return Object.entries(packs)
    .sort(([left], [right]) => (left < right ? -1 : 1))
    .map(([fileName, yamlText]) => ({ fileName, yamlText }));
}

/** At first start, stores the shipped packs as version 1 and points at it; a store already seeded is left alone. */
export async function seedRuleSets(packs: RulePackFiles, dependencies: RuleSetDependencies): Promise<void> {
  if ((await dependencies.store.pointer()) !== undefined) return;
  const { contentHash } = compilePacks(packs);
  const at = dependencies.clock.now().toISOString();
  const existing = await dependencies.store.version(1);
  if (existing === undefined) {
    await dependencies.store.putVersion({
      number: 1,
      packs,
      contentHash,
      createdBy: 'patrol',
      createdAt: at,
    });
  }
  try {
    await dependencies.store.movePointer(
      { active: 1, history: [], seq: 1, movedBy: 'patrol', movedAt: at },
      undefined,
    );
  } catch (error) {
    // Another process seeded first, which is the same outcome.
    if (!(error instanceof RuleSetConflictError)) throw error;
    return;
  }
  await dependencies.store.appendAudit({ at, actorId: 'patrol', tenant: '*', action: 'seeded', version: 1 });
}

/** Saves edited packs as the next version (a draft until published); refuses packs that do not check. */
export async function saveRuleSet(
  principal: Principal,
  draft: { basedOn: number; packs: RulePackFiles; note?: string },
  dependencies: RuleSetDependencies,
): Promise<RuleSetVersion> {
  const { contentHash } = compilePacks(draft.packs);
  if ((await dependencies.store.version(draft.basedOn)) === undefined)
    throw new RuleSetVersionNotFoundError(draft.basedOn);
  const versions = await dependencies.store.versions();
  const version: RuleSetVersion = {
    number: (versions.at(-1)?.number ?? 0) + 1,
    packs: draft.packs,
    contentHash,
    createdBy: principal.userId,
    createdAt: dependencies.clock.now().toISOString(),
    basedOn: draft.basedOn,
    ...(draft.note === undefined ? {} : { note: draft.note }),
  };
  await dependencies.store.putVersion(version);
  await audit(principal, 'saved', version.number, undefined, dependencies);
  return version;
}

/** Makes a stored version live, if the live one is still the one the lead saw. */
export async function publishRuleSet(
  principal: Principal,
  versionNumber: number,
  expectedActive: number,
  dependencies: RuleSetDependencies,
): Promise<RuleSetPointer> {
  const version = await dependencies.store.version(versionNumber);
  if (version === undefined) throw new RuleSetVersionNotFoundError(versionNumber);
  compilePacks(version.packs);
  const current = await currentPointer(expectedActive, dependencies);
  const next: RuleSetPointer = {
    active: versionNumber,
    history: [...current.history, current.active].slice(-50),
    seq: current.seq + 1,
    movedBy: principal.userId,
    movedAt: dependencies.clock.now().toISOString(),
  };
  await dependencies.store.movePointer(next, current.seq);
  await audit(principal, 'published', versionNumber, current.active, dependencies);
  return next;
}

/** Moves the pointer back to the version live before the current one. */
export async function rollBackRuleSet(
  principal: Principal,
  expectedActive: number,
  dependencies: RuleSetDependencies,
): Promise<RuleSetPointer> {
  const current = await currentPointer(expectedActive, dependencies);
  const previous = current.history.at(-1);
  if (previous === undefined) throw new NothingToRollBackError();
  const next: RuleSetPointer = {
    active: previous,
    history: current.history.slice(0, -1),
    seq: current.seq + 1,
    movedBy: principal.userId,
    movedAt: dependencies.clock.now().toISOString(),
  };
  await dependencies.store.movePointer(next, current.seq);
  await audit(principal, 'rolled-back', previous, current.active, dependencies);
  return next;
}

async function currentPointer(
  expectedActive: number,
  dependencies: RuleSetDependencies,
): Promise<RuleSetPointer> {
  const current = await dependencies.store.pointer();
  if (current === undefined) throw new NothingToRollBackError();
  if (current.active !== expectedActive)
    throw new RuleSetConflictError(
      `body.expectedActive: version ${current.active} is live now, not ${expectedActive}; reload and decide again`,
    );
  return current;
}

function audit(
  principal: Principal,
  action: 'saved' | 'published' | 'rolled-back',
  version: number,
  fromVersion: number | undefined,
  dependencies: RuleSetDependencies,
): Promise<void> {
  return dependencies.store.appendAudit({
    at: dependencies.clock.now().toISOString(),
    actorId: principal.userId,
    tenant: principal.tenant,
    action,
    version,
    ...(fromVersion === undefined ? {} : { fromVersion }),
  });
}
