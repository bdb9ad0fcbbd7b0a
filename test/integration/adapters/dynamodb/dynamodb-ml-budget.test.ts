import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { budgetKey, DynamoDbMlBudget } from '#adapters/dynamodb/dynamodb-ml-budget';
import { localTableName, MlBudgetTable } from '#adapters/dynamodb/table-definitions';
import { budgetDay } from '#core/budget/daily-budget';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import type { Clock } from '#ports/clock';
import type { MlBudgetCaps } from '#ports/ml-budget';
import { describeMlBudgetContract } from '#test/helpers/contracts/ml-budget-contract';
import { ManualClock } from '#test/helpers/manual-clock';
import { hasMotoServer, type MotoServer, startMotoServer } from '#test/helpers/moto-server';

const running: DynamoDbLocal[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((dynamodb) => dynamodb.stop()));
});

async function dynaliteBudget(caps: MlBudgetCaps, clock: Clock) {
  const dynamodb = await startDynamoDbLocal({ tables: [MlBudgetTable] });
  running.push(dynamodb);
  return {
    dynamodb,
    budget: new DynamoDbMlBudget(dynamodb.documentClient, localTableName(MlBudgetTable), caps, clock),
  };
}

describeMlBudgetContract(
  'DynamoDbMlBudget on dynalite',
  async (caps, clock) => (await dynaliteBudget(caps, clock)).budget,
);

describe('DynamoDbMlBudget', () => {
  it('keeps a day counter with the tenant and an expiry a week after the day ends', async () => {
    const clock = new ManualClock('2026-11-20T09:00:00.000Z');
    const { dynamodb, budget } = await dynaliteBudget({ dailyUnits: 100 }, clock);

    await budget.reserve('acme-market', 4);

    const { Item } = await dynamodb.documentClient.send(
      new GetCommand({
        TableName: localTableName(MlBudgetTable),
        Key: { pk: budgetKey('acme-market', budgetDay(clock.now())) },
      }),
    );
    expect(Item).toMatchObject({ tenant: 'acme-market', budgetDay: '2026-11-20', usedUnits: 4 });
    expect(new Date((Item?.expiresAt as number) * 1000).toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });
});

describe.skipIf(!hasMotoServer())('DynamoDbMlBudget on moto', () => {
  let moto: MotoServer;
  let client: DynamoDBClient;
  let documents: DynamoDBDocumentClient;
  let tables = 0;

  beforeAll(async () => {
    moto = await startMotoServer();
    client = new DynamoDBClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    documents = DynamoDBDocumentClient.from(client);
  });

  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  describeMlBudgetContract('DynamoDbMlBudget', async (caps, clock) => {
    tables += 1;
    const TableName = `patrol-ml-budget-${tables}`;
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: MlBudgetTable.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: MlBudgetTable.partitionKey, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    return new DynamoDbMlBudget(documents, TableName, caps, clock);
  });

  it('reports the units already counted when it refuses a reservation', async () => {
    const TableName = 'patrol-ml-budget-refusals';
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const budget = new DynamoDbMlBudget(
      documents,
      TableName,
      { dailyUnits: 10 },
      new ManualClock('2026-11-20T09:00:00.000Z'),
    );
    await budget.reserve('acme-market', 9);

    expect(await budget.reserve('acme-market', 3)).toMatchObject({ granted: false, usedUnits: 9 });
  });
});
