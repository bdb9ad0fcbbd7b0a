import { afterEach } from 'vitest';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { localTableName, RejectionsTable } from '#adapters/dynamodb/table-definitions';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { describeRejectionLogContract } from '#test/helpers/contracts/rejection-log-contract';

const running: DynamoDbLocal[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((dynamodb) => dynamodb.stop()));
});

describeRejectionLogContract('DynamoDbRejectionLog', async (clock) => {
  const dynamodb = await startDynamoDbLocal({ tables: [RejectionsTable] });
  running.push(dynamodb);
  return new DynamoDbRejectionLog(dynamodb.documentClient, localTableName(RejectionsTable), clock);
});
