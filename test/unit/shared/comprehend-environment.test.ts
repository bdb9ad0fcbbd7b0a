import { describe, expect, it } from 'vitest';
import { MlBudgetTable } from '#adapters/dynamodb/table-definitions';
import {
  COMPREHEND_SETTINGS,
  comprehendFromEnvironment,
  comprehendVariables,
  ML_BUDGET_CAPS,
} from '#shared/comprehend-environment';
import { ConfigurationError, InvalidEnvironmentVariableError } from '#shared/errors';

const ENDPOINT = 'arn:aws:comprehend:ap-northeast-1:123456789012:document-classifier-endpoint/patrol-scam';

describe('comprehendFromEnvironment', () => {
  it('reads back the settings, caps and table a deployment writes, with the defaults filled in', () => {
    const env = comprehendVariables(
      { detectPii: true, customClassifier: { endpointArn: ENDPOINT, languages: ['en', 'es'] } },
      { dailyUnits: 100_000, tenants: { 'gig-board': 0 } },
      'patrol-prod-ml-budget',
    );

    const read = comprehendFromEnvironment(env);

    expect(read?.caps).toEqual({ dailyUnits: 100_000, tenants: { 'gig-board': 0 } });
    expect(read?.budgetTableName).toBe('patrol-prod-ml-budget');
    expect(read?.settings).toMatchObject({
      detectPii: true,
      customClassifier: { endpointArn: ENDPOINT, languages: ['en', 'es'] },
      retry: { maxAttempts: 3 },
    });
  });

  it('returns nothing when the stage has Comprehend off', () => {
    expect(comprehendFromEnvironment({ [MlBudgetTable.envVar]: 'patrol-dev-ml-budget' })).toBeUndefined();
  });

  it('names the missing variables when only the settings are set', () => {
    const read = () => comprehendFromEnvironment({ [COMPREHEND_SETTINGS]: '{}' });

    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(`missing environment variables: ${ML_BUDGET_CAPS}, ${MlBudgetTable.envVar}`);
  });

  it('names the variable and the field when a setting is invalid', () => {
    const env = comprehendVariables({}, { dailyUnits: 10 }, 'table');

    expect(() => comprehendFromEnvironment({ ...env, [ML_BUDGET_CAPS]: '{"dailyUnits":-1}' })).toThrow(
      /environment variable ML_BUDGET_CAPS: dailyUnits: expected a whole number of units/,
    );
    expect(() => comprehendFromEnvironment({ ...env, [ML_BUDGET_CAPS]: 'null' })).toThrow(
      /ML_BUDGET_CAPS: expected a JSON object of caps/,
    );
    expect(() =>
      comprehendFromEnvironment({
        ...env,
        [COMPREHEND_SETTINGS]: '{"customClassifier":{"endpointArn":"x"}}',
      }),
    ).toThrow(
      /COMPREHEND_SETTINGS: .*customClassifier\.endpointArn: expected a document-classifier-endpoint ARN/,
    );
    expect(() => comprehendFromEnvironment({ ...env, [COMPREHEND_SETTINGS]: '{detectPii' })).toThrow(
      InvalidEnvironmentVariableError,
    );
  });
});
