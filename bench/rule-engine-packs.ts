import { fileURLToPath } from 'node:url';
import { readRulePackFiles } from '#adapters/files/read-rule-pack-files';
import { parseRulePacks } from '#core/rules/parse-rule-packs';
import type { RulePack } from '#schemas/rule';
import { FALLBACK_PACK } from './rule-engine-corpus.ts';

const POLICIES_DIR = fileURLToPath(new URL('../policies', import.meta.url));

/** The default packs of policies/, or a small stand-in (and a note saying so) while they are empty or invalid. */
export async function benchPacks(): Promise<{ packs: RulePack[]; note: string }> {
  try {
    const result = parseRulePacks(await readRulePackFiles(POLICIES_DIR));
    if (result.ok)
      return { packs: result.packs, note: `${result.packs.length} default packs from policies/` };
    return {
      packs: [FALLBACK_PACK],
      note: `policies/ is invalid (${result.errors.length} errors): using a stand-in pack`,
    };
  } catch (error) {
    return {
      packs: [FALLBACK_PACK],
      note: `policies/ unreadable (${(error as Error).message}): using a stand-in pack`,
    };
  }
}
