import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CompiledRuleSet, compileRuleSet } from '#core/rules/compile';
import { InvalidRulePacksError } from '#core/rules/errors';
import { parseRulePacks } from '#core/rules/parse-rule-packs';
import { formatIssue } from '#core/rules/rule-pack-issue';
import type { RuleSetSource } from '#ports/rule-set-source';
import { RuleDirectoryError } from './errors.ts';

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
    const fileNames = await this.packFileNames();
    const sources = await Promise.all(
      fileNames.map(async (fileName) => ({
        fileName,
        yamlText: await readFile(join(this.directory, fileName), 'utf8'),
      })),
    );
    const result = parseRulePacks(sources);
    if (!result.ok) {
      const lines = result.errors.map((issue) =>
        formatIssue({ ...issue, file: join(this.directory, issue.file) }),
      );
      throw new InvalidRulePacksError(
        result.errors,
        `invalid rule packs in ${this.directory}:\n${lines.join('\n')}`,
      );
    }
    return compileRuleSet(result.packs);
  }

  private async packFileNames(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.directory);
    } catch (error) {
      throw new RuleDirectoryError(this.directory, `cannot read the rule packs directory ${this.directory}`, {
        cause: error,
      });
    }
    const packs = entries.filter((entry) => entry.endsWith('.yaml')).sort();
    if (packs.length === 0) {
      throw new RuleDirectoryError(
        this.directory,
        `no rule packs (*.yaml) in ${this.directory}: refusing to run without rules`,
      );
    }
    return packs;
  }
}
