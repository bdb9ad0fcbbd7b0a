import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DynamoDbVerdictStore,
  isVerdictEventItem,
  verdictFromItem,
} from '#adapters/dynamodb/dynamodb-verdict-store';
import { MalformedItemError } from '#adapters/dynamodb/errors';
import { localTableName, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { describeVerdictStoreContract } from '#test/helpers/contracts/verdict-store-contract';
import { aVerdict } from '#test/helpers/verdicts';

const running: DynamoDbLocal[] = [];
const tableName = localTableName(VerdictsTable);

async function startVerdictsTable(): Promise<DynamoDbLocal> {
  const dynamodb = await startDynamoDbLocal({ tables: [VerdictsTable] });
  running.push(dynamodb);
  return dynamodb;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((dynamodb) => dynamodb.stop()));
});

describeVerdictStoreContract('DynamoDbVerdictStore', async () => {
  const dynamodb = await startVerdictsTable();
  return new DynamoDbVerdictStore(dynamodb.documentClient, tableName);
});

describe('verdictFromItem', () => {
  it('reads back every recorded verdict from the event items when the table is scanned as a stream would see it', async () => {
    const dynamodb = await startVerdictsTable();
    const store = new DynamoDbVerdictStore(dynamodb.documentClient, tableName);
    const verdicts = [
      aVerdict({ version: 1 }),
      aVerdict({ version: 2, decision: 'allow', review: undefined }),
    ];
    for (const verdict of verdicts) await store.record(verdict);

    const { Items = [] } = await dynamodb.documentClient.send(new ScanCommand({ TableName: tableName }));
    const events = Items.filter(isVerdictEventItem).map(verdictFromItem);

    expect(Items.length).toBeGreaterThan(events.length);
    expect(events.sort((a, b) => a.version - b.version)).toEqual(verdicts);
  });

  it('refuses the status item when it is given one by mistake', async () => {
    const dynamodb = await startVerdictsTable();
    await new DynamoDbVerdictStore(dynamodb.documentClient, tableName).record(aVerdict());

    const { Items = [] } = await dynamodb.documentClient.send(new ScanCommand({ TableName: tableName }));
    const status = Items.find((item) => !isVerdictEventItem(item));

    expect(status).toBeDefined();
    expect(() => verdictFromItem(status ?? {})).toThrow(MalformedItemError);
  });

  it('names the item when its verdict is malformed', () => {
    const item = {
      pk: 'acme-market#listing-1',
      sk: 'V#0000000000000001#auto',
      verdict: { decision: 'maybe' },
    };

    expect(() => verdictFromItem(item)).toThrow(/acme-market#listing-1\/V#0000000000000001#auto/);
  });
});
