import { rmSync } from 'node:fs';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseAuditTable, CasesTable } from '#adapters/dynamodb/table-definitions';
import { ReviewQueue } from '#adapters/sqs/queue-definitions';
import { DEV_STAGE } from '../../infra/config.ts';
import { MODERATION_ROUTES } from '../../infra/constructs/review/moderation-api.ts';
import { type SynthesisedPatrol, synthPatrol } from '../helpers/patrol-app.ts';

type CfnResource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let dev: SynthesisedPatrol;

beforeAll(() => {
  dev = synthPatrol(DEV_STAGE, { bundle: false });
});

afterAll(() => {
  rmSync(dev.outdir, { recursive: true, force: true });
});

function logicalId(construct: IConstruct): string {
  const element = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(element as CfnElement);
}

function statementsOf(roleConstruct: IConstruct): Statement[] {
  const roleId = logicalId(roleConstruct);
  return (Object.values(dev.statelessTemplate.findResources('AWS::IAM::Policy')) as CfnResource[])
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

describe('review infrastructure', () => {
  it('creates the cases table with its three sparse indexes and the append-only audit table', () => {
    const cases = Object.values(
      dev.statefulTemplate.findResources('AWS::DynamoDB::Table', {
        Properties: { TableName: Match.absent(), GlobalSecondaryIndexes: Match.anyValue() },
      }),
    ) as CfnResource[];
    const indexes = cases.flatMap((table) =>
      (table.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[]).map(
        (index) => [index.IndexName, index.KeySchema],
      ),
    );
    expect(indexes).toEqual(
      expect.arrayContaining(
        (CasesTable.indexes ?? []).map((index) => [
          index.name,
          [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        ]),
      ),
    );
    expect(logicalId(dev.stateful.resources.caseAuditTable)).not.toBe(
      logicalId(dev.stateful.resources.casesTable),
    );
    expect(dev.stateful.resources.caseAuditTable.definition).toBe(CaseAuditTable);
  });

  it('feeds the review queue, with its DLQ, to the intake function with partial batch responses', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'patrol-dev-review',
      RedrivePolicy: { maxReceiveCount: ReviewQueue.maxReceiveCount, deadLetterTargetArn: Match.anyValue() },
    });
    const mapping = (
      Object.values(dev.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping')) as CfnResource[]
    ).find((candidate) =>
      JSON.stringify(candidate.Properties.FunctionName).includes(
        logicalId(dev.stateless.reviewIntake.handler.function),
      ),
    );
    expect(mapping?.Properties).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('keeps SLA timers in their own schedule group, invoked through a role that may only invoke the SLA function', () => {
    dev.statelessTemplate.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'patrol-dev-sla' });
    const role = dev.statelessTemplate.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
        },
      },
    });
    expect(Object.keys(role)).toHaveLength(1);
    const statements = statementsOf(dev.stateless.slaTimers.schedulerRole);
    expect(statements).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Resource: { 'Fn::GetAtt': [logicalId(dev.stateless.slaTimers.handler.function), 'Arn'] },
      }),
    ]);
  });

  it('lets intake and the API create and delete schedules of the SLA group only, passing only the Scheduler role', () => {
    for (const handler of [dev.stateless.reviewIntake.handler, dev.stateless.moderationApi.handler]) {
      const statements = statementsOf(handler.role);
      const scheduling = statements.find((statement) =>
        JSON.stringify(statement.Action).includes('scheduler:'),
      );
      expect(scheduling?.Action).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);
      expect(JSON.stringify(scheduling?.Resource)).toContain(':schedule/patrol-dev-sla/*');
      const passRole = statements.find((statement) => statement.Action === 'iam:PassRole');
      expect(JSON.stringify(passRole?.Resource)).toContain(logicalId(dev.stateless.slaTimers.schedulerRole));
      expect(JSON.stringify(statements)).not.toContain('index/*');
    }
  });

  it('sweeps for missed timers on a schedule with the sweep input', () => {
    dev.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Input: JSON.stringify({ sweep: true }) })],
    });
  });

  it('serves every moderation route behind the Cognito JWT authoriser, throttled and logged', () => {
    const authorizers = Object.keys(
      dev.statelessTemplate.findResources('AWS::ApiGatewayV2::Authorizer', {
        Properties: { AuthorizerType: 'JWT' },
      }),
    );
    expect(authorizers).toHaveLength(1);
    const routes = Object.values(
      dev.statelessTemplate.findResources('AWS::ApiGatewayV2::Route'),
    ) as CfnResource[];
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      MODERATION_ROUTES.map(([method, path]) => `${method} ${path}`).sort(),
    );
    for (const route of routes) {
      expect(route.Properties).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizers[0] },
      });
    }
    dev.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('creates the moderator, lead and admin groups in a user pool that requires MFA', () => {
    const groups = Object.values(
      dev.statelessTemplate.findResources('AWS::Cognito::UserPoolGroup'),
    ) as CfnResource[];
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual(['admin', 'lead', 'moderator']);
    dev.statelessTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenant', Mutable: false })]),
    });
  });
});
