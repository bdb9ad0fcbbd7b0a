import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEV_STAGE, parseStageConfig, STAGES_CONTEXT_KEY, stageConfigFrom } from '../../infra/config.ts';
import { StageConfigError } from '../../infra/errors.ts';

function appWith(context: Record<string, unknown>): App {
  return new App({ context });
}

describe('stageConfigFrom', () => {
  it('returns the dev stage when no stage is named and cdk.json declares none', () => {
    expect(stageConfigFrom(appWith({}).node)).toEqual(DEV_STAGE);
  });

  it('reads a named stage from cdk.json and fills in the default queue encryption', () => {
    const app = appWith({
      stage: 'prod',
      [STAGES_CONTEXT_KEY]: {
        prod: { tenants: ['acme-market'], logRetentionDays: 365, alarmEmail: 'oncall@example.com' },
      },
    });

    expect(stageConfigFrom(app.node)).toEqual({
      stage: 'prod',
      tenants: ['acme-market'],
      logRetentionDays: 365,
      alarmEmail: 'oncall@example.com',
      ingestQueueEncryption: 'sqs-managed',
      comprehend: { enabled: false },
    });
  });

  it('reads Comprehend settings and fills in their defaults when a stage switches Comprehend on', () => {
    const endpointArn =
      'arn:aws:comprehend:ap-northeast-1:123456789012:document-classifier-endpoint/patrol-scam';
    const app = appWith({
      stage: 'prod',
      [STAGES_CONTEXT_KEY]: {
        prod: {
          tenants: ['acme-market', 'gig-board'],
          logRetentionDays: 365,
          region: 'ap-northeast-1',
          comprehend: {
            enabled: true,
            dailyUnits: 100_000,
            tenantDailyUnits: { 'gig-board': 0 },
            customClassifier: { endpointArn },
          },
        },
      },
    });

    expect(stageConfigFrom(app.node).comprehend).toEqual({
      enabled: true,
      dailyUnits: 100_000,
      tenantDailyUnits: { 'gig-board': 0 },
      detectPii: false,
      customClassifier: { endpointArn, languages: ['en'] },
    });
  });

  it('gives a personal dev stage the dev defaults for whatever cdk.json leaves out', () => {
    const app = appWith({
      stage: 'dev-alice',
      [STAGES_CONTEXT_KEY]: { 'dev-alice': { alarmEmail: 'alice@example.com' } },
    });

    expect(stageConfigFrom(app.node)).toMatchObject({
      stage: 'dev-alice',
      tenants: DEV_STAGE.tenants,
      alarmEmail: 'alice@example.com',
    });
  });

  it('refuses a stage that cdk.json does not declare, naming it', () => {
    expect(() => stageConfigFrom(appWith({ stage: 'staging' }).node)).toThrow(
      /stage staging: not declared under patrol:stages/,
    );
  });
});

describe('parseStageConfig', () => {
  it('names each invalid field and why', () => {
    const parse = () =>
      parseStageConfig({
        stage: 'prod',
        tenants: ['Acme Market'],
        logRetentionDays: 10,
        alarmEmail: 'on call',
      });

    expect(parse).toThrow(StageConfigError);
    expect(parse).toThrow(/tenants\.0: expected 2-63 lowercase letters/);
    expect(parse).toThrow(/logRetentionDays: expected one of CloudWatch Logs' periods/);
    expect(parse).toThrow(/alarmEmail: /);
  });

  it('requires a daily budget when Comprehend is on, naming the stage and the field', () => {
    const parse = () => parseStageConfig({ ...DEV_STAGE, stage: 'prod', comprehend: { enabled: true } });

    expect(parse).toThrow(/^stage prod: comprehend\.dailyUnits: /);
  });

  it('refuses a fractional budget, a cap for a tenant the stage does not serve and an unknown setting', () => {
    expect(() => parseStageConfig({ ...DEV_STAGE, comprehend: { enabled: true, dailyUnits: 2.5 } })).toThrow(
      /comprehend\.dailyUnits: expected a whole number of units/,
    );
    expect(() =>
      parseStageConfig({
        ...DEV_STAGE,
        comprehend: { enabled: true, dailyUnits: 1_000, tenantDailyUnits: { 'other-market': 10 } },
      }),
    ).toThrow(/comprehend\.tenantDailyUnits\.other-market: other-market is not one of the stage's tenants/);
    expect(() =>
      parseStageConfig({ ...DEV_STAGE, comprehend: { enabled: false, dailyUnits: 1_000 } }),
    ).toThrow(/comprehend: .*dailyUnits/);
  });

  it('refuses a custom classifier endpoint outside the stage region or account', () => {
    const parse = () =>
      parseStageConfig({
        ...DEV_STAGE,
        stage: 'prod',
        account: '111111111111',
        region: 'eu-west-1',
        comprehend: {
          enabled: true,
          dailyUnits: 1_000,
          customClassifier: {
            endpointArn: 'arn:aws:comprehend:us-east-1:222222222222:document-classifier-endpoint/scam',
          },
        },
      });

    expect(parse).toThrow(
      /comprehend\.customClassifier\.endpointArn: the endpoint is in us-east-1, the stage in eu-west-1/,
    );
    expect(parse).toThrow(/endpoint belongs to account 222222222222, the stage to 111111111111/);
  });

  it('refuses an endpoint that is not a document classifier endpoint ARN', () => {
    expect(() =>
      parseStageConfig({
        ...DEV_STAGE,
        comprehend: { enabled: true, dailyUnits: 1_000, customClassifier: { endpointArn: 'scam-endpoint' } },
      }),
    ).toThrow(/comprehend\.customClassifier\.endpointArn: expected a document-classifier-endpoint ARN/);
  });

  it('refuses a setting it does not know, so a misspelt one is not silently ignored', () => {
    expect(() => parseStageConfig({ ...DEV_STAGE, alarmEmails: ['oncall@example.com'] })).toThrow(
      /alarmEmails/,
    );
  });
});
