import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReporterMutes } from '#ports/reporter-mutes';

const MUTE_SK = 'MUTE';

/** Muted reporters in the cases table, one item per tenant and reporter (`MUTE#<tenant>#<reporterId>`). */
export class DynamoDbReporterMutes implements ReporterMutes {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async mute(tenant: string, reporterId: string, mutedBy: string, at: Date): Promise<void> {
    await this.#documents.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          pk: muteKey(tenant, reporterId),
          sk: MUTE_SK,
          tenant,
          reporterId,
          mutedBy,
          mutedAt: at.toISOString(),
        },
      }),
    );
  }

  async isMuted(tenant: string, reporterId: string): Promise<boolean> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: muteKey(tenant, reporterId), sk: MUTE_SK } }),
    );
    return Item !== undefined;
  }
}

function muteKey(tenant: string, reporterId: string): string {
  return `MUTE#${tenant}#${reporterId}`;
}
