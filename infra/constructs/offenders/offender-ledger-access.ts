import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { OffendersTable } from '#adapters/dynamodb/table-definitions';
import type { PatrolFunction } from '../shared/patrol-function.ts';

/**
 * What ingest does to the offenders table: conditional puts of posts, strikes, enforcement events and
 * links, a batch put of a post's text fingerprint bands, updates of the status and counters, gets
 * after a lost conditional write, and queries of a user's ledger, signal marks and fingerprint bands.
 */
const INGEST_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:UpdateItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
];

/** Lets a function keep the author ledger (docs/offenders.md) and tells it the table through its environment. */
export function allowOffenderLedger(handler: PatrolFunction, offendersTable: ITable): void {
  offendersTable.grant(handler.role, ...INGEST_ACTIONS);
  handler.function.addEnvironment(OffendersTable.envVar, offendersTable.tableName);
}
