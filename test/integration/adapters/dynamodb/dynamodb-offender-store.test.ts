import { afterEach } from 'vitest';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { localTableName, OffendersTable } from '#adapters/dynamodb/table-definitions';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { describeOffenderStoreContract } from '#test/helpers/contracts/offender-store-contract';

const running: DynamoDbLocal[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((dynamodb) => dynamodb.stop()));
});

describeOffenderStoreContract('DynamoDbOffenderStore', async () => {
  const dynamodb = await startDynamoDbLocal({ tables: [OffendersTable] });
  running.push(dynamodb);
  return new DynamoDbOffenderStore(dynamodb.documentClient, localTableName(OffendersTable));
});
