import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { RuleFilesError } from '#adapters/files/errors';
import { readRulePackFiles } from '#adapters/files/read-rule-pack-files';
import { compileRuleSet } from '#core/rules/compile';
import { RuleEngineError } from '#core/rules/errors';
import { parseRulePacks } from '#core/rules/parse-rule-packs';
import { formatIssue } from '#core/rules/rule-pack-issue';
import { summariseRulePack } from '#core/rules/rule-pack-summary';

/** The repository's policies/, found from this file rather than the working directory. */
export const DEFAULT_POLICIES_DIR = fileURLToPath(new URL('../../policies', import.meta.url));

/** `patrol rules validate [DIR]`: checks every pack and prints a summary, or every error with its line. */
export function registerRules(program: Command): void {
  const rules = program.command('rules').description('work with rule packs');
  rules
    .command('validate')
    .description('check every *.yaml rule pack of a directory (default: the repository policies/)')
    .argument('[dir]', 'directory of rule packs', DEFAULT_POLICIES_DIR)
    .action(async (directory: string) => {
      process.exitCode = await validate(directory);
    });
}

async function validate(directory: string): Promise<number> {
  const shown = (file: string): string => {
    const path = relative(process.cwd(), join(directory, file));
    return path === '' ? '.' : path.startsWith('..') ? join(directory, file) : path;
  };
  try {
    const sources = await readRulePackFiles(directory);
    const result = parseRulePacks(sources);
    if (!result.ok) {
      for (const issue of result.errors) console.log(formatIssue({ ...issue, file: shown(issue.file) }));
      console.error(
        `${result.errors.length} error(s) in ${new Set(result.errors.map((issue) => issue.file)).size} file(s)`,
      );
      return 1;
    }
    const ruleSet = compileRuleSet(result.packs);
    const { live, shadow, draft } = ruleSet.stats.rules;
    console.log(
      `${shown('.')}: ${result.packs.length} packs, ${live + shadow + draft} rules (${live} live, ${shadow} shadow, ${draft} draft), ` +
        `${ruleSet.stats.keywords} distinct keywords after normalisation; rule set ${ruleSet.version}`,
    );
    for (const parsed of result.parsed) {
      const summary = summariseRulePack(parsed.pack);
      console.log(
        `  ${shown(parsed.file).padEnd(32)} ${summary.pack.padEnd(20)} ${summary.rules.live} live, ` +
          `${summary.rules.shadow} shadow, ${summary.rules.draft} draft; ${summary.keywords} keywords`,
      );
    }
    const { ungatedRegexes } = ruleSet.stats;
    if (ungatedRegexes.length > 0) {
      console.log(
        `note: ${ungatedRegexes.length} regex(es) need no uncommon literal, so they run on most items; a prefilter (docs/rules.md) makes them cheaper:`,
      );
      for (const where of ungatedRegexes) console.log(`  ${where}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof RuleFilesError || error instanceof RuleEngineError)) throw error;
    console.log(error.message);
    return 1;
  }
}
