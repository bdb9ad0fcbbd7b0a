import {
  applyProjection,
  emptyStatus,
  projectionOf,
  signalMarkOf,
} from '#core/offenders/enforcement-projection';
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
  UserStatus,
} from '#ports/offender-store';
import type { EnforcementEvent } from '#schemas/event';
import type { Strike } from '#schemas/offender';
import type { SignalName } from '#schemas/submission';

interface UserLedger {
  status: UserStatus | undefined;
  strikes: Map<string, Strike>;
  enforcement: Map<number, EnforcementRecord>;
  posts: Map<string, PostMark>;
}

interface SignalPartition {
  accounts: Set<string>;
  enforced: Map<string, 'suspend' | 'ban'>;
}

/** The offender store in process memory with the DynamoDB store's semantics, for tests and tools. */
export class MemoryOffenderStore implements OffenderStore {
  readonly #users = new Map<string, UserLedger>();
  readonly #signals = new Map<string, SignalPartition>();
  readonly #bands = new Map<string, Map<string, FoundFingerprint>>();
  readonly #caps = new Map<string, Set<string>>();

  async readAuthor(
    tenant: string,
    userId: string,
    postsSinceMs: number,
    postsLimit = Number.POSITIVE_INFINITY,
  ): Promise<AuthorSnapshot> {
    const ledger = this.#users.get(userKey(tenant, userId));
    return structuredClone({
      status: ledger?.status,
      strikes: [...(ledger?.strikes.values() ?? [])],
      posts: [...(ledger?.posts.values() ?? [])]
        .filter((post) => post.postedAtMs >= postsSinceMs)
        .sort((left, right) => right.postedAtMs - left.postedAtMs)
        .slice(0, postsLimit),
    });
  }

  async recordPost(post: PostMark): Promise<void> {
    this.#ledger(post.tenant, post.userId).posts.set(`${post.contentId}\u0000${post.version}`, { ...post });
  }

  async rememberAuthor(
    tenant: string,
    userId: string,
    seen: { atMs: number; signals: readonly SignalRef[]; enforced?: 'suspend' | 'ban' },
  ): Promise<void> {
    const ledger = this.#ledger(tenant, userId);
    const status = ledger.status ?? emptyStatus();
    const known = new Set(status.signals.map(signalKey));
    ledger.status = {
      ...status,
      firstSeenAtMs: status.firstSeenAtMs ?? seen.atMs,
      signals: [...status.signals, ...seen.signals.filter((signal) => !known.has(signalKey(signal)))],
    };
    const enforced = seen.enforced ?? signalMarkOf(ledger.status.enforcement.action);
    for (const signal of seen.signals) {
      const partition = this.#signal(tenant, signal);
      partition.accounts.add(userId);
      if (enforced !== undefined) partition.enforced.set(userId, enforced);
    }
  }

  async recordTextFingerprint(mark: TextFingerprintMark): Promise<void> {
    for (const band of mark.bands) {
      const key = `${mark.tenant}\u0000${band}`;
      const entries = this.#bands.get(key) ?? new Map<string, FoundFingerprint>();
      entries.set(`${Math.floor(mark.atMs / 60_000)}\u0000${mark.userId}`, {
        userId: mark.userId,
        fingerprint: mark.fingerprint,
        atMs: mark.atMs,
      });
      this.#bands.set(key, entries);
    }
  }

  async findTextFingerprints(
    tenant: string,
    bands: readonly string[],
    sinceMs: number,
    limit: number,
  ): Promise<FoundFingerprint[]> {
    return bands.flatMap((band) =>
      [...(this.#bands.get(`${tenant}\u0000${band}`)?.values() ?? [])]
        .filter((entry) => entry.atMs >= sinceMs)
        .sort((left, right) => right.atMs - left.atMs)
        .slice(0, limit)
        .map((entry) => ({ ...entry })),
    );
  }

  async findSignalLinks(tenant: string, signals: readonly SignalRef[]): Promise<SignalLinks[]> {
    return signals.map((signal) => {
      const partition = this.#signals.get(partitionKey(tenant, signal));
      return {
        signal,
        accounts: partition?.accounts.size ?? 0,
        enforced: [...(partition?.enforced ?? [])].map(([userId, level]) => ({ userId, level })),
      };
    });
  }

  async addStrike(strike: Strike): Promise<{ created: boolean; strike: Strike }> {
    const strikes = this.#ledger(strike.tenant, strike.userId).strikes;
    const key = `${strike.contentId}\u0000${strike.version}`;
    const existing = strikes.get(key);
    if (existing !== undefined) return { created: false, strike: structuredClone(existing) };
    strikes.set(key, structuredClone(strike));
    return { created: true, strike: structuredClone(strike) };
  }

  async removeStrike(
    tenant: string,
    userId: string,
    contentId: string,
    version: number,
    removal: NonNullable<Strike['removed']>,
  ): Promise<boolean> {
    const strike = this.#users.get(userKey(tenant, userId))?.strikes.get(`${contentId}\u0000${version}`);
    if (strike === undefined || strike.removed !== undefined) return false;
    strike.removed = { ...removal };
    return true;
  }

  async appendEnforcement(
    record: EnforcementRecord,
  ): Promise<{ created: boolean; record: EnforcementRecord }> {
    const { event } = record;
    const records = this.#ledger(event.tenant, event.userId).enforcement;
    const existing = records.get(event.sequence);
    if (existing !== undefined) return { created: false, record: structuredClone(existing) };
    records.set(event.sequence, structuredClone(record));
    return { created: true, record: structuredClone(record) };
  }

  async projectEnforcement(
    record: EnforcementRecord,
    signals: readonly SignalRef[],
    marking: SignalMarking,
  ): Promise<void> {
    const { tenant, userId } = record.event;
    const ledger = this.#ledger(tenant, userId);
    const projection = projectionOf(record);
    if ((ledger.status?.sequence ?? 0) > projection.sequence) return;
    ledger.status = applyProjection(ledger.status, projection);
    if (marking === 'unchanged') return;
    const known = new Map(
      [...signals, ...ledger.status.signals].map((signal) => [signalKey(signal), signal]),
    );
    for (const signal of known.values()) {
      const partition = this.#signal(tenant, signal);
      if (marking === 'clear') partition.enforced.delete(userId);
      else partition.enforced.set(userId, marking.level);
    }
  }

  async reserveDailyCap(reservation: CapReservation): Promise<boolean> {
    const key = `${reservation.tenant}\u0000${reservation.action}\u0000${reservation.day}`;
    const reserved = this.#caps.get(key) ?? new Set<string>();
    this.#caps.set(key, reserved);
    if (reserved.has(reservation.key)) return true;
    if (reserved.size >= reservation.cap) return false;
    reserved.add(reservation.key);
    return true;
  }

  async enforcementHistory(tenant: string, userId: string): Promise<EnforcementEvent[]> {
    const records = this.#users.get(userKey(tenant, userId))?.enforcement;
    return [...(records?.values() ?? [])]
      .sort((left, right) => left.event.sequence - right.event.sequence)
      .map((record) => structuredClone(record.event));
  }

  async recentPosts(tenant: string, userId: string, limit: number): Promise<PostMark[]> {
    const posts = this.#users.get(userKey(tenant, userId))?.posts;
    return [...(posts?.values() ?? [])]
      .sort((left, right) => right.postedAtMs - left.postedAtMs)
      .slice(0, limit)
      .map((post) => ({ ...post }));
  }

  async accountsSharing(
    tenant: string,
    signals: readonly SignalRef[],
    limitPerSignal: number,
  ): Promise<{ userId: string; signal: SignalName; enforced?: 'suspend' | 'ban' }[]> {
    return signals.flatMap((signal) => {
      const partition = this.#signals.get(partitionKey(tenant, signal));
      return [...(partition?.accounts ?? [])].slice(0, limitPerSignal).map((userId) => {
        const enforced = partition?.enforced.get(userId);
        return { userId, signal: signal.name, ...(enforced === undefined ? {} : { enforced }) };
      });
    });
  }

  #ledger(tenant: string, userId: string): UserLedger {
    const key = userKey(tenant, userId);
    let ledger = this.#users.get(key);
    if (ledger === undefined) {
      ledger = { status: undefined, strikes: new Map(), enforcement: new Map(), posts: new Map() };
      this.#users.set(key, ledger);
    }
    return ledger;
  }

  #signal(tenant: string, signal: SignalRef): SignalPartition {
    const key = partitionKey(tenant, signal);
    let partition = this.#signals.get(key);
    if (partition === undefined) {
      partition = { accounts: new Set(), enforced: new Map() };
      this.#signals.set(key, partition);
    }
    return partition;
  }
}

function userKey(tenant: string, userId: string): string {
  return `${tenant}\u0000${userId}`;
}

function partitionKey(tenant: string, signal: SignalRef): string {
  return `${tenant}\u0000${signal.name}\u0000${signal.hash}`;
}

function signalKey(signal: SignalRef): string {
  return `${signal.name}#${signal.hash}`;
}
