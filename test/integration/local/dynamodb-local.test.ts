import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { localTableName, TableDefinitions, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { startDynamoDbLocal } from '#local/dynamodb-local';
import { aVerdict } from '#test/helpers/verdicts';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'patrol-dynamodb-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('startDynamoDbLocal', () => {
  it('creates every shared table under its local name when it starts empty', async () => {
    const dynamodb = await startDynamoDbLocal();
    try {
      const { TableNames } = await dynamodb.client.send(new ListTablesCommand({}));

      expect(TableNames?.sort()).toEqual(TableDefinitions.map(localTableName).sort());
      expect(dynamodb.tableNames).toEqual(
        Object.fromEntries(TableDefinitions.map((table) => [table.id, localTableName(table)])),
      );
      expect(dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await dynamodb.stop();
    }
  });

  it('keeps verdicts across a restart when given a data folder', async () => {
    const first = await startDynamoDbLocal({ path: dataDir });
    const verdict = aVerdict();
    await new DynamoDbVerdictStore(first.documentClient, localTableName(VerdictsTable)).record(verdict);
    await first.stop();

    const second = await startDynamoDbLocal({ path: dataDir });
    try {
      const stored = await new DynamoDbVerdictStore(second.documentClient, localTableName(VerdictsTable)).get(
        verdict.tenant,
        verdict.contentId,
      );

      expect(stored?.latest).toEqual(verdict);
    } finally {
      await second.stop();
    }
  });

  it('starts empty again when it runs in memory', async () => {
    const first = await startDynamoDbLocal();
    await new DynamoDbVerdictStore(first.documentClient, localTableName(VerdictsTable)).record(aVerdict());
    await first.stop();

    const second = await startDynamoDbLocal();
    try {
      const store = new DynamoDbVerdictStore(second.documentClient, localTableName(VerdictsTable));

      expect(await store.get('acme-market', 'listing-8431')).toBeUndefined();
    } finally {
      await second.stop();
    }
  });

  it('listens on the port it is given and can be stopped twice', async () => {
    const probe = await startDynamoDbLocal();
    const port = Number(new URL(probe.endpoint).port);
    await probe.stop();

    const dynamodb = await startDynamoDbLocal({ port });
    await dynamodb.stop();
    await dynamodb.stop();

    expect(dynamodb.endpoint).toBe(`http://127.0.0.1:${port}`);
  });
});
