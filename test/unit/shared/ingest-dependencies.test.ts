import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ComprehendClassifier } from '#adapters/comprehend/comprehend-classifier';
import { COMPREHEND_SETTINGS, ML_BUDGET_CAPS } from '#shared/comprehend-environment';
import { ConfigurationError } from '#shared/errors';
import { CLASSIFIER_MODEL, createIngestDependencies } from '#shared/ingest-dependencies';

const STARTER_MODEL = fileURLToPath(new URL('../../../models/starter.model', import.meta.url));
const DEPLOYED = {
  VERDICTS_TABLE: 'patrol-verdicts',
  REJECTIONS_TABLE: 'patrol-rejections',
  SIGNAL_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:patrol-signal-keys',
  OFFENDERS_TABLE: 'patrol-offenders',
  AWS_REGION: 'ap-northeast-1',
};

describe('createIngestDependencies', () => {
  it('names every missing variable when the function is deployed without its settings', () => {
    const attempt = () => createIngestDependencies({ VERDICTS_TABLE: 'patrol-verdicts' });

    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(
      'missing environment variables: REJECTIONS_TABLE, SIGNAL_KEYS_SECRET_ARN, OFFENDERS_TABLE',
    );
  });

  it('scores with the embedded model and leaves Comprehend out when the stage does not turn it on', async () => {
    const { ml } = createIngestDependencies({ ...DEPLOYED, [CLASSIFIER_MODEL]: STARTER_MODEL });

    const scored = await ml?.embedded?.classify({ tenant: 'acme-market', segments: ['LINE交換しませんか'] });

    expect(Object.keys(scored?.scores ?? {})).toContain('contact-exchange');
    expect(ml?.paid).toBeUndefined();
  });

  it('adds Comprehend behind the budget when the stage configures it', () => {
    const { ml } = createIngestDependencies({
      ...DEPLOYED,
      [COMPREHEND_SETTINGS]: '{}',
      [ML_BUDGET_CAPS]: '{"dailyUnits":1000}',
      ML_BUDGET_TABLE: 'patrol-ml-budget',
    });

    expect(ml?.paid).toBeInstanceOf(ComprehendClassifier);
  });
});
