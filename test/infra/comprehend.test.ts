import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlBudgetTable } from '#adapters/dynamodb/table-definitions';
import { COMPREHEND_SETTINGS, ML_BUDGET_CAPS } from '#shared/comprehend-environment';
import { DEV_STAGE, type StageConfig } from '../../infra/config.ts';
import { dashboardWidgets } from '../helpers/dashboard-widgets.ts';
import { type SynthesisedPatrol, synthPatrol } from '../helpers/patrol-app.ts';
import { grantsOf, logicalIdOf } from '../helpers/role-grants.ts';

const ENDPOINT = 'arn:aws:comprehend:ap-northeast-1:123456789012:document-classifier-endpoint/patrol-scam';

const WITH_COMPREHEND: StageConfig = {
  ...DEV_STAGE,
  stage: 'dev-ml',
  comprehend: {
    enabled: true,
    dailyUnits: 100_000,
    tenantDailyUnits: { 'gig-board': 0 },
    detectPii: true,
    customClassifier: { endpointArn: ENDPOINT, languages: ['en'] },
  },
};

const TOXICITY_ONLY: StageConfig = {
  ...DEV_STAGE,
  stage: 'dev-tox',
  comprehend: { enabled: true, dailyUnits: 1_000, detectPii: false },
};

let on: SynthesisedPatrol;
let toxicityOnly: SynthesisedPatrol;
let off: SynthesisedPatrol;

beforeAll(() => {
  on = synthPatrol(WITH_COMPREHEND, { bundle: false });
  toxicityOnly = synthPatrol(TOXICITY_ONLY, { bundle: false });
  off = synthPatrol(DEV_STAGE, { bundle: false });
});

afterAll(() => {
  for (const synthesised of [on, toxicityOnly, off]) {
    rmSync(synthesised.outdir, { recursive: true, force: true });
  }
});

function ingestGrants(patrol: SynthesisedPatrol): string[] {
  const { resources } = patrol.stateful;
  return grantsOf(patrol.statelessTemplate, patrol.stateless.ingest.handler.role, [
    ['ml-budget table', resources.mlBudgetTable],
    ['custom endpoint', ENDPOINT],
  ]).filter((grant) => /comprehend:|ml-budget/.test(grant));
}

function ingestVariables(patrol: SynthesisedPatrol): Record<string, unknown> {
  const id = logicalIdOf(patrol.stateless.ingest.handler.function);
  const ingest = patrol.statelessTemplate.toJSON().Resources[id] as {
    Properties: { Environment: { Variables: Record<string, unknown> } };
  };
  return ingest.Properties.Environment.Variables;
}

function widgetTitles(patrol: SynthesisedPatrol): string[] {
  return dashboardWidgets(patrol.statelessTemplate).flatMap((widget) =>
    widget.properties.title === undefined ? [] : [widget.properties.title],
  );
}

describe('Comprehend in the stack', () => {
  it('lets the ingest function call the detections, the custom endpoint alone and its budget table', () => {
    expect(ingestGrants(on)).toEqual([
      'comprehend:ClassifyDocument on custom endpoint',
      'comprehend:DetectDominantLanguage,comprehend:DetectPiiEntities,comprehend:DetectToxicContent,xray:PutTelemetryRecords,xray:PutTraceSegments on *',
      'dynamodb:GetItem,dynamodb:UpdateItem on ml-budget table',
    ]);
  });

  it('leaves out PII detection and ClassifyDocument when the stage uses neither', () => {
    expect(ingestGrants(toxicityOnly)).toEqual([
      'comprehend:DetectDominantLanguage,comprehend:DetectToxicContent,xray:PutTelemetryRecords,xray:PutTraceSegments on *',
      'dynamodb:GetItem,dynamodb:UpdateItem on ml-budget table',
    ]);
  });

  it('grants nothing of Comprehend or the budget when the stage has it off', () => {
    expect(ingestGrants(off)).toEqual([]);
    expect(ingestVariables(off)[COMPREHEND_SETTINGS]).toBeUndefined();
  });

  it('tells the ingest function its settings, caps and budget table through its environment', () => {
    const variables = ingestVariables(on);

    expect(JSON.parse(variables[COMPREHEND_SETTINGS] as string)).toEqual({
      detectPii: true,
      customClassifier: { endpointArn: ENDPOINT, languages: ['en'] },
    });
    expect(JSON.parse(variables[ML_BUDGET_CAPS] as string)).toEqual({
      dailyUnits: 100_000,
      tenants: { 'gig-board': 0 },
    });
    expect(JSON.stringify(variables[MlBudgetTable.envVar])).toContain(
      logicalIdOf(on.stateful.resources.mlBudgetTable),
    );
  });

  it('creates the budget table in every stage, expiring day counters by their TTL attribute', () => {
    for (const patrol of [on, off]) {
      patrol.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [{ AttributeName: MlBudgetTable.partitionKey, KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: MlBudgetTable.timeToLiveAttribute, Enabled: true },
      });
    }
  });

  it('graphs requests, units, cost and items without ML, and alarms on the budget, only when on', () => {
    const mlWidgets = [
      'Comprehend requests per minute by API',
      'Billed units per minute by API',
      'Estimated cost, USD per hour',
      'Items without ML scores',
    ];
    expect(widgetTitles(on)).toEqual(expect.arrayContaining(mlWidgets));
    expect(widgetTitles(off).filter((title) => mlWidgets.includes(title))).toEqual([]);

    const budgetAlarm = {
      Namespace: 'Patrol',
      MetricName: 'MlBudgetExceeded',
      Dimensions: [{ Name: 'service', Value: 'patrol-ingest' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    };
    on.statelessTemplate.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', budgetAlarm, 1);
    off.statelessTemplate.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', budgetAlarm, 0);
  });
});
