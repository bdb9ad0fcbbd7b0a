import { RuleSetVersionNotFoundError } from '#core/rule-sets/errors';
import { compilePacks } from '#core/rule-sets/manage-rule-sets';
import { type CompiledRuleSet, compileRuleSet } from '#core/rules/compile';
import type { Clock } from '#ports/clock';
import type { RuleSetSource } from '#ports/rule-set-source';
import type { RuleSetStore } from '#ports/rule-set-store';

/** How long a compiled set is used before the pointer is read again: a publish reaches workers within this. */
const POINTER_TTL_MS = 5_000;

/**
 * The live rule set from the rule-set store: reads the pointer at most every few seconds and compiles
 * a version once; a failed read keeps serving the set already compiled, if there is one.
 */
export class DynamoDbRuleSetSource implements RuleSetSource {
  private compiled: { version: number; ruleSet: CompiledRuleSet; checkedAt: number } | undefined;
  private loading: Promise<CompiledRuleSet> | undefined;

  constructor(
    private readonly store: RuleSetStore,
    private readonly clock: Clock,
  ) {}

  active(): Promise<CompiledRuleSet> {
    const now = this.clock.now().getTime();
    if (this.compiled !== undefined && now - this.compiled.checkedAt < POINTER_TTL_MS)
      return Promise.resolve(this.compiled.ruleSet);
    this.loading ??= this.refresh(now).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async refresh(now: number): Promise<CompiledRuleSet> {
    try {
      const pointer = await this.store.pointer();
      if (pointer === undefined) throw new RuleSetVersionNotFoundError(1);
      if (this.compiled?.version !== pointer.active) {
        const version = await this.store.version(pointer.active);
        if (version === undefined) throw new RuleSetVersionNotFoundError(pointer.active);
        this.compiled = {
          version: pointer.active,
          ruleSet: compileRuleSet(compilePacks(version.packs).packs),
          checkedAt: now,
        };
      } else this.compiled.checkedAt = now;
      return this.compiled.ruleSet;
    } catch (error) {
      if (this.compiled !== undefined) return this.compiled.ruleSet;
      throw error;
    }
  }
}
