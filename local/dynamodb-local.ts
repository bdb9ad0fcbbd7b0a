import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { localTableName, type TableDefinition, TableDefinitions } from '#adapters/dynamodb/table-definitions';

export interface DynamoDbLocalOptions {
  /** A folder to keep the tables in across restarts; in memory when absent. */
  path?: string;
  /** The port to listen on; a free one when absent. */
  port?: number;
  tables?: readonly TableDefinition[];
}

/** A running in-process DynamoDB with Patrol's tables, and clients pointed at it. */
export interface DynamoDbLocal {
  endpoint: string;
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  /** Local table name by table id (`verdicts` -> `patrol-verdicts`). */
  tableNames: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

const TABLE_READY_TIMEOUT_MS = 10_000;

/** Starts dynalite on 127.0.0.1 and creates any missing table from the shared definitions. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const server = dynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve, reject) => {
      client.destroy();
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
    return stopping;
  };
  const tables = options.tables ?? TableDefinitions;
  try {
    for (const table of tables) await ensureTable(client, table);
  } catch (error) {
    await stop();
    throw error;
  }
  const tableNames = Object.fromEntries(tables.map((table) => [table.id, localTableName(table)]));
  return { endpoint, client, documentClient, tableNames, stop };
}

async function ensureTable(client: DynamoDBClient, table: TableDefinition): Promise<void> {
  const TableName = localTableName(table);
  const keys = table.sortKey === undefined ? [table.partitionKey] : [table.partitionKey, table.sortKey];
  const indexes = table.indexes ?? [];
  const attributes = new Set([...keys, ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])]);
  try {
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: keys.map((AttributeName, index) => ({
          AttributeName,
          KeyType: index === 0 ? 'HASH' : 'RANGE',
        })),
        ...(indexes.length === 0
          ? {}
          : {
              GlobalSecondaryIndexes: indexes.map((index) => ({
                IndexName: index.name,
                KeySchema: [
                  { AttributeName: index.partitionKey, KeyType: 'HASH' },
                  { AttributeName: index.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              })),
            }),
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const deadline = Date.now() + TABLE_READY_TIMEOUT_MS;
  for (;;) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));
      if (Table?.TableStatus === 'ACTIVE') return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`table ${TableName} did not become active`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
