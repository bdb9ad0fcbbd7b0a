import { join } from 'node:path';
import { type CompiledRuleSet, compileRuleSet } from '#core/rules/compile';
import { InvalidRulePacksError } from '#core/rules/errors';
import { parseRulePacks } from '#core/rules/parse-rule-packs';
import { formatIssue } from '#core/rules/rule-pack-issue';
import type { RuleSetSource } from '#ports/rule-set-source';
import { readRulePackFiles } from './read-rule-pack-files.ts';

/**
 * The active rule set from the `*.yaml` packs of a directory, read and compiled on first use and
 * kept; a failed load is not kept, so the next call reads the files again.
 */
export class FileRuleSetSource implements RuleSetSource {
  private loading: Promise<CompiledRuleSet> | undefined;

  constructor(private readonly directory: string) {}

  active(): Promise<CompiledRuleSet> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<CompiledRuleSet> {
    const result = parseRulePacks(await readRulePackFiles(this.directory));
    if (!result.ok) {
      const issues = result.errors.map((issue) => ({ ...issue, file: join(this.directory, issue.file) }));
      throw new InvalidRulePacksError(
        issues,
        `invalid rule packs in ${this.directory}:\n${issues.map(formatIssue).join('\n')}`,
      );
    }
    return compileRuleSet(result.packs);
  }
}
