import type { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { TableDefinition } from '#adapters/dynamodb/table-definitions';

export interface DefinedTableProps {
  definition: TableDefinition;
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
}

/**
 * A DynamoDB table as a {@link TableDefinition} describes it: on demand, point-in-time recovery,
 * encrypted with the AWS-managed key, a NEW_IMAGE stream where the definition asks for one, and its
 * global secondary indexes (projecting every attribute).
 */
export class DefinedTable extends Table {
  readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, props: DefinedTableProps) {
    const { definition } = props;
    super(scope, id, {
      // Patrol composes its keys as strings (a verdict event's sort key is `V#<version>#<decider>`).
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      ...(definition.sortKey === undefined
        ? {}
        : { sortKey: { name: definition.sortKey, type: AttributeType.STRING } }),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS-managed key lets the stream's reader decrypt without a grant on a customer key.
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      ...(definition.stream ? { stream: StreamViewType.NEW_IMAGE } : {}),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    for (const index of definition.indexes ?? []) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.definition = definition;
  }
}
