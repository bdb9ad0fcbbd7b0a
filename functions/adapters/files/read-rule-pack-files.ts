import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RulePackSource } from '#core/rules/parse-rule-packs';
import { RuleDirectoryError } from './errors.ts';

/** Reads every `*.yaml` rule pack of a directory, in file-name order; refuses a directory without one. */
export async function readRulePackFiles(directory: string): Promise<RulePackSource[]> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    throw new RuleDirectoryError(directory, `cannot read the rule packs directory ${directory}`, {
      cause: error,
    });
  }
  const fileNames = entries.filter((entry) => entry.endsWith('.yaml')).sort();
  if (fileNames.length === 0) {
    throw new RuleDirectoryError(
      directory,
      `no rule packs (*.yaml) in ${directory}: refusing to run without rules`,
    );
  }
  return Promise.all(
    fileNames.map(async (fileName) => ({
      fileName,
      yamlText: await readFile(join(directory, fileName), 'utf8'),
    })),
  );
}
