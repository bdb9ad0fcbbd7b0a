import type { TableDefinition } from '#adapters/dynamodb/table-definitions';

/**
 * The local stand-in for the verdicts table's stream (dynalite has none): verdict events in the
 * order they were written (`LOG` / sequence), a marker per event id (`EVENT#<eventId>`) that makes
 * a second append harmless, and each dispatcher's cursor (`CURSOR#<name>`). Local only.
 */
export const OutboxTable: TableDefinition = {
  id: 'outbox',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: false,
  envVar: 'OUTBOX_TABLE',
};
