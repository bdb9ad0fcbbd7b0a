import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import {
  CaseAuditTable,
  CasesTable,
  localTableName,
  OffendersTable,
  RejectionsTable,
  VerdictsTable,
} from '#adapters/dynamodb/table-definitions';
import { SystemClock } from '#adapters/system/system-clock';
import { verdictCaseId } from '#core/review/case-id';
import type { VerdictEvent } from '#schemas/event';
import type { Submission } from '#schemas/submission';
import { aSubmission } from './submissions.ts';

/** One rule that blocks (and so strikes the author) and one that sends to review (and so opens a case). */
export const BLOCK_AND_REVIEW_PACK = `pack: block-and-review
description: Rules the reliability tests decide with
rules:
  - id: contact.line-exchange
    description: asks to move to LINE
    clause: "3.2"
    status: live
    severity: high
    when: { keywords: { words: [LINE交換] } }
    action: { type: block }
  - id: pay.outside
    description: names a way to pay outside the app
    clause: "3.3"
    status: live
    severity: medium
    when: { keywords: { words: [PayPay] } }
    action: { type: review, queue: payments, priority: P2 }
`;

/** Items the pack above decides: even ones blocked (a strike), odd ones borderline (a case), one user each. */
export function blockedAndBorderline(prefix: string, count: number): Submission[] {
  return Array.from({ length: count }, (_, index) => {
    const contentId = `${prefix}-${index}`;
    const author = { userId: `user-${prefix}-${index}` };
    return index % 2 === 0
      ? aSubmission('message', { contentId, author, body: 'LINE交換しませんか？' })
      : aSubmission('listing', { contentId, author, body: 'お支払いはPayPayでお願いします。' });
  });
}

/** What an item left in the stores and the event feed. */
export interface ItemRecords {
  contentId: string;
  blocked: boolean;
  verdicts: number;
  events: number;
  caseOpenings: number;
  strikes: number;
}

/** Reads a running pipeline's stores (DynamoDB) and event feed (the API), as an operator would. */
export class PipelineRecords {
  readonly #client: DynamoDBClient;
  readonly #api: string;
  readonly verdicts: DynamoDbVerdictStore;
  readonly cases: DynamoDbCaseStore;
  readonly offenders: DynamoDbOffenderStore;
  readonly rejections: DynamoDbRejectionLog;

  constructor(endpoints: { dynamodb: string; api: string }) {
    this.#client = new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    this.#api = endpoints.api;
    const documents = DynamoDBDocumentClient.from(this.#client);
    this.verdicts = new DynamoDbVerdictStore(documents, localTableName(VerdictsTable));
    this.cases = new DynamoDbCaseStore(documents, {
      cases: localTableName(CasesTable),
      audit: localTableName(CaseAuditTable),
    });
    this.offenders = new DynamoDbOffenderStore(documents, localTableName(OffendersTable));
    this.rejections = new DynamoDbRejectionLog(documents, localTableName(RejectionsTable), new SystemClock());
  }

  /** Every verdict event in the feed, oldest first. */
  async verdictEvents(): Promise<VerdictEvent[]> {
    const events: VerdictEvent[] = [];
    for (let cursor = '0'; ; ) {
      const response = await fetch(`${this.#api}/v1/events?after=${cursor}&limit=1000`);
      const page = (await response.json()) as { events: VerdictEvent[]; nextCursor: string };
      if (page.events.length === 0) return events.filter((event) => event.type === 'verdict.decided');
      events.push(...page.events);
      cursor = page.nextCursor;
    }
  }

  /** For each item: its verdicts, verdict events, case openings and its author's strikes. */
  async of(submissions: readonly Submission[]): Promise<ItemRecords[]> {
    const events = await this.verdictEvents();
    return Promise.all(
      submissions.map(async ({ tenant, contentId, version, author, body }) => {
        const audit = await this.cases.audit(tenant, verdictCaseId(tenant, contentId, version));
        return {
          contentId,
          blocked: body?.includes('LINE') === true,
          verdicts: (await this.verdicts.get(tenant, contentId))?.history.length ?? 0,
          events: events.filter((event) => event.contentId === contentId).length,
          caseOpenings: audit.filter((entry) => entry.kind === 'event' && entry.event.type === 'case.opened')
            .length,
          strikes: (await this.offenders.readAuthor(tenant, author.userId, 0)).strikes.length,
        };
      }),
    );
  }

  close(): void {
    this.#client.destroy();
  }
}

/** One verdict and one event per item; one strike per blocked item and one case per borderline one. */
export function expectDecidedOnce(records: readonly ItemRecords[]): void {
  for (const record of records) {
    expect(record, record.contentId).toMatchObject({
      verdicts: 1,
      events: 1,
      strikes: record.blocked ? 1 : 0,
      caseOpenings: record.blocked ? 0 : 1,
    });
  }
}
