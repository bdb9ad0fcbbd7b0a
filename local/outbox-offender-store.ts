import type {
  AuthorSnapshot,
  CapReservation,
  EnforcementRecord,
  FoundFingerprint,
  OffenderStore,
  PostMark,
  SignalLinks,
  SignalMarking,
  SignalRef,
  TextFingerprintMark,
} from '#ports/offender-store';
import type { EnforcementEvent } from '#schemas/event';
import type { Strike } from '#schemas/offender';
import type { DynamoDbOutbox } from './dynamodb-outbox.ts';

/**
 * An offender store that also appends each enforcement event to the local outbox, standing in for
 * the offenders table's stream on AWS. The event is appended whether this call wrote it or found it
 * there, so a stop between the two writes still emits it; the outbox keeps one copy per event id.
 */
export class OutboxOffenderStore implements OffenderStore {
  readonly #store: OffenderStore;
  readonly #outbox: Pick<DynamoDbOutbox, 'append'>;
  readonly #onAppended: () => void;

  constructor(
    store: OffenderStore,
    outbox: Pick<DynamoDbOutbox, 'append'>,
    onAppended: () => void = () => {},
  ) {
    this.#store = store;
    this.#outbox = outbox;
    this.#onAppended = onAppended;
  }

  async appendEnforcement(
    record: EnforcementRecord,
  ): Promise<{ created: boolean; record: EnforcementRecord }> {
    const appended = await this.#store.appendEnforcement(record);
    const { appended: added } = await this.#outbox.append(appended.record.event);
    if (added) this.#onAppended();
    return appended;
  }

  readAuthor(
    tenant: string,
    userId: string,
    postsSinceMs: number,
    postsLimit?: number,
  ): Promise<AuthorSnapshot> {
    return this.#store.readAuthor(tenant, userId, postsSinceMs, postsLimit);
  }

  recordPost(post: PostMark): Promise<void> {
    return this.#store.recordPost(post);
  }

  rememberAuthor(
    tenant: string,
    userId: string,
    seen: { atMs: number; signals: readonly SignalRef[]; enforced?: 'suspend' | 'ban' },
  ): Promise<void> {
    return this.#store.rememberAuthor(tenant, userId, seen);
  }

  recordTextFingerprint(mark: TextFingerprintMark): Promise<void> {
    return this.#store.recordTextFingerprint(mark);
  }

  findTextFingerprints(
    tenant: string,
    bands: readonly string[],
    sinceMs: number,
    limit: number,
  ): Promise<FoundFingerprint[]> {
    return this.#store.findTextFingerprints(tenant, bands, sinceMs, limit);
  }

  findSignalLinks(tenant: string, signals: readonly SignalRef[]): Promise<SignalLinks[]> {
    return this.#store.findSignalLinks(tenant, signals);
  }

  addStrike(strike: Strike): Promise<{ created: boolean; strike: Strike }> {
    return this.#store.addStrike(strike);
  }

  removeStrike(
    tenant: string,
    userId: string,
    contentId: string,
    version: number,
    removal: NonNullable<Strike['removed']>,
  ): Promise<boolean> {
    return this.#store.removeStrike(tenant, userId, contentId, version, removal);
  }

  projectEnforcement(
    record: EnforcementRecord,
    signals: readonly SignalRef[],
    marking: SignalMarking,
  ): Promise<void> {
    return this.#store.projectEnforcement(record, signals, marking);
  }

  reserveDailyCap(reservation: CapReservation): Promise<boolean> {
    return this.#store.reserveDailyCap(reservation);
  }

  enforcementHistory(tenant: string, userId: string): Promise<EnforcementEvent[]> {
    return this.#store.enforcementHistory(tenant, userId);
  }

  recentPosts(tenant: string, userId: string, limit: number): Promise<PostMark[]> {
    return this.#store.recentPosts(tenant, userId, limit);
  }

  accountsSharing(
    tenant: string,
    signals: readonly SignalRef[],
    limitPerSignal: number,
  ): Promise<{ userId: string; signal: SignalRef['name']; enforced?: 'suspend' | 'ban' }[]> {
    return this.#store.accountsSharing(tenant, signals, limitPerSignal);
  }
}
