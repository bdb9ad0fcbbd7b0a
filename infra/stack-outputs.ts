import type { TableDefinition } from '#adapters/dynamodb/table-definitions';
import type { QueueDefinition } from '#adapters/sqs/queue-definitions';

/**
 * The names under which a stage's stateful stack publishes what operators' tools need, shared by the
 * stack that writes them and `patrol dlq`, which reads them.
 */

/** The stateful stack of a stage: `patrol-<stage>-stateful`. */
export function statefulStackName(stage: string): string {
  return `patrol-${stage}-stateful`;
}

/** The stateless stack of a stage: `patrol-<stage>-stateless`. */
export function statelessStackName(stage: string): string {
  return `patrol-${stage}-stateless`;
}

/** The output holding a queue's URL: `IngestQueueUrl`. */
export function queueUrlOutput(queue: QueueDefinition): string {
  return `${pascalCase(queue.id)}QueueUrl`;
}

/** The output holding a queue's DLQ URL: `IngestDeadLetterQueueUrl`. */
export function deadLetterQueueUrlOutput(queue: QueueDefinition): string {
  return `${pascalCase(queue.id)}DeadLetterQueueUrl`;
}

/** The output holding a table's name: `RejectionsTableName`. */
export function tableNameOutput(table: TableDefinition): string {
  return `${pascalCase(table.id)}TableName`;
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}
