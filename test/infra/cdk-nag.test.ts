import { rmSync } from 'node:fs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DEV_STAGE, type StageConfig } from '../../infra/config.ts';
import { synthPatrol } from '../helpers/patrol-app.ts';

const PROD: StageConfig = {
  ...DEV_STAGE,
  stage: 'prod',
  alarmEmail: 'oncall@example.com',
  logRetentionDays: 365,
  ingestQueueEncryption: 'kms',
};

/** Every AwsSolutions finding not acknowledged next to its resource, as `rule at construct path`. */
function findings(config: StageConfig): string[] {
  // The checks read the templates and construct tree only, so the functions need not be bundled.
  const { app, outdir } = synthPatrol(config, { bundle: false });
  const report = new AwsSolutionsChecks(app).validateScope(app);
  rmSync(outdir, { recursive: true, force: true });
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
  );
}

describe('AwsSolutions checks', () => {
  it('finds nothing unacknowledged in the dev stage', () => {
    expect(findings(DEV_STAGE)).toEqual([]);
  });

  it('finds nothing unacknowledged in a production stage with a KMS-encrypted ingest queue and alarm e-mail', () => {
    expect(findings(PROD)).toEqual([]);
  });

  it('finds nothing unacknowledged in a stage with Comprehend, PII detection and a custom classifier on', () => {
    const comprehend: StageConfig['comprehend'] = {
      enabled: true,
      dailyUnits: 100_000,
      detectPii: true,
      customClassifier: {
        endpointArn:
          'arn:aws:comprehend:ap-northeast-1:123456789012:document-classifier-endpoint/patrol-scam',
        languages: ['en'],
      },
    };

    expect(findings({ ...PROD, comprehend })).toEqual([]);
  });
});
