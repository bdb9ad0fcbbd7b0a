import { rmSync } from 'node:fs';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OffendersTable } from '#adapters/dynamodb/table-definitions';
import { DEV_STAGE } from '../../infra/config.ts';
import { type SynthesisedPatrol, synthPatrol } from '../helpers/patrol-app.ts';

type CfnResource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

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

function offendersTable(): CfnResource {
  return dev.statefulTemplate.toJSON().Resources[
    logicalId(dev.stateful.resources.offendersTable)
  ] as CfnResource;
}

describe('the offenders table', () => {
  it('keys users, signals and fingerprints by string pk and sk, streams new images and expires by expiresAt', () => {
    expect(offendersTable().Properties).toMatchObject({
      KeySchema: [
        { AttributeName: OffendersTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: OffendersTable.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('tells the ingest function the table through the variable the composition root reads', () => {
    const ingest = dev.statelessTemplate.toJSON().Resources[
      logicalId(dev.stateless.ingest.handler.function)
    ] as CfnResource;
    const variables = (ingest.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(JSON.stringify(variables[OffendersTable.envVar])).toContain(
      logicalId(dev.stateful.resources.offendersTable),
    );
  });

  it('feeds only inserted enforcement events from its stream to the event publisher, failures onto its queue', () => {
    const { resources } = dev.stateful;
    const mappings = Object.values(
      dev.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping'),
    ) as CfnResource[];
    const fromOffenders = mappings.filter((mapping) =>
      JSON.stringify(mapping.Properties.EventSourceArn).includes(
        `${logicalId(resources.offendersTable)}StreamArn`,
      ),
    );

    expect(fromOffenders).toHaveLength(1);
    const mapping = fromOffenders[0] as CfnResource;
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: logicalId(dev.stateless.verdictEventPublisher.handler.function) },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
    });
    expect(JSON.stringify(mapping.Properties.DestinationConfig)).toContain(
      logicalId(resources.verdictEvents.failedDeliveries),
    );
    const filters = (mapping.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: [{ prefix: 'E#' }] } } } },
    ]);
  });

  it('lets the publisher read the offenders stream and nothing else of the table', () => {
    const roleId = logicalId(dev.stateless.verdictEventPublisher.handler.role);
    const tableId = logicalId(dev.stateful.resources.offendersTable);
    const statements = (
      Object.values(dev.statelessTemplate.findResources('AWS::IAM::Policy')) as CfnResource[]
    )
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((statement) => JSON.stringify(statement.Resource).includes(tableId));

    expect(statements).toHaveLength(1);
    expect([statements[0]?.Action].flat().sort()).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ]);
    const resources = [statements[0]?.Resource].flat().map((resource) => JSON.stringify(resource));
    expect(
      resources
        .filter((resource) => resource.includes(tableId))
        .every((resource) => resource.includes('StreamArn')),
    ).toBe(true);
  });
});
