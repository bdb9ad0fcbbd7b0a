import {
  type ComprehendClassifierSettings,
  type ComprehendClassifierSettingsInput,
  parseComprehendSettings,
} from '#adapters/comprehend/settings';
import { MlBudgetTable } from '#adapters/dynamodb/table-definitions';
import { validateCaps } from '#core/budget/daily-budget';
import type { MlBudgetCaps } from '#ports/ml-budget';
import { ConfigurationError, InvalidEnvironmentVariableError } from './errors.ts';

/** JSON of the classifier's settings (`detectPii`, `customClassifier`); absent when Comprehend is off. */
export const COMPREHEND_SETTINGS = 'COMPREHEND_SETTINGS';
/** JSON of the daily caps per tenant: `{ "dailyUnits": 100000, "tenants": { "gig-board": 0 } }`. */
export const ML_BUDGET_CAPS = 'ML_BUDGET_CAPS';

/** What a function needs to call Comprehend: its settings, the daily caps and the budget table. */
export interface ComprehendEnvironment {
  settings: ComprehendClassifierSettings;
  caps: MlBudgetCaps;
  budgetTableName: string;
}

/** The variables a deployment sets on a function that may call Comprehend. */
export function comprehendVariables(
  settings: ComprehendClassifierSettingsInput,
  caps: MlBudgetCaps,
  budgetTableName: string,
): Record<string, string> {
  return {
    [COMPREHEND_SETTINGS]: JSON.stringify(settings),
    [ML_BUDGET_CAPS]: JSON.stringify(caps),
    [MlBudgetTable.envVar]: budgetTableName,
  };
}

/**
 * Reads Comprehend's settings from a function's environment: undefined when the stage has Comprehend
 * off, and an error naming the variable and field when a setting is missing or invalid.
 */
export function comprehendFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): ComprehendEnvironment | undefined {
  if (!env[COMPREHEND_SETTINGS]) return undefined;
  const missing = [ML_BUDGET_CAPS, MlBudgetTable.envVar].filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigurationError(missing);
  const settings = parsed(COMPREHEND_SETTINGS, env, parseComprehendSettings);
  const caps = parsed(ML_BUDGET_CAPS, env, (value) => {
    if (typeof value !== 'object' || value === null) throw new TypeError('expected a JSON object of caps');
    return validateCaps(value as MlBudgetCaps);
  });
  return { settings, caps, budgetTableName: env[MlBudgetTable.envVar] as string };
}

function parsed<T>(name: string, env: NodeJS.ProcessEnv, parse: (value: unknown) => T): T {
  try {
    return parse(JSON.parse(env[name] as string));
  } catch (error) {
    throw new InvalidEnvironmentVariableError(name, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}
