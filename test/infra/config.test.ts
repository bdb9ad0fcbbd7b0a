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

  it('refuses a setting it does not know, so a misspelt one is not silently ignored', () => {
    expect(() => parseStageConfig({ ...DEV_STAGE, alarmEmails: ['oncall@example.com'] })).toThrow(
      /alarmEmails/,
    );
  });
});
