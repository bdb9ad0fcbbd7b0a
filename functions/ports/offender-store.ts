import type { EnforcementLevel, LadderLevel } from '#schemas/enforcement';
import type { EnforcementEvent } from '#schemas/event';
import type { Strike } from '#schemas/offender';
import type { HashedSignal, SignalName } from '#schemas/submission';

/** One hashed identity signal of a user. */
export interface SignalRef {
  name: SignalName;
  hash: HashedSignal;
}

/** A post seen from a user, kept to count velocity and to list recent verdicts. */
export interface PostMark {
  tenant: string;
  userId: string;
  contentId: string;
  version: number;
  kind: string;
  postedAtMs: number;
}

/** A post's text fingerprint under each of its band keys, kept while it can still count as a duplicate. */
export interface TextFingerprintMark {
  tenant: string;
  userId: string;
  /** The MinHash signature: 16 hashes of 8 hex digits. */
  fingerprint: string;
  /** The keys of the fingerprint's bands; a near-duplicate shares at least one. */
  bands: readonly string[];
  atMs: number;
  expiresAtMs: number;
}

/** A fingerprint found under a band key. */
export interface FoundFingerprint {
  userId: string;
  fingerprint: string;
  atMs: number;
}

/** Who else carries one signal: how many accounts in all, and which of them are suspended or banned. */
export interface SignalLinks {
  signal: SignalRef;
  accounts: number;
  enforced: { userId: string; level: 'suspend' | 'ban' }[];
}

/** The position on the ladder that escalation compares against (docs/offenders.md). */
export interface LadderPosition {
  level: EnforcementLevel;
  atMs: number;
}

/** The enforcement in force, as the last applied enforcement event set it. */
export interface EnforcementInForce {
  action: EnforcementLevel;
  sinceMs?: number;
  restrictedUntilMs?: number;
  reason?: string;
  lastAction?: EnforcementEvent['action'];
}

/** A user's status: the projection of their enforcement events and of what Patrol has seen of them. */
export interface UserStatus {
  /** The sequence of the last enforcement event applied; 0 before any. */
  sequence: number;
  enforcement: EnforcementInForce;
  ladder: LadderPosition;
  signals: SignalRef[];
  firstSeenAtMs?: number;
}

/** One user's ledger as read in one request: status, every strike, and posts since a time. */
export interface AuthorSnapshot {
  status: UserStatus | undefined;
  strikes: Strike[];
  posts: PostMark[];
}

/** An enforcement event as stored: the event platforms receive and the ladder position it leaves. */
export interface EnforcementRecord {
  event: EnforcementEvent;
  ladder: LadderPosition;
}

/** What a projection does to the signal partitions: mark the user as suspended or banned there, or clear it. */
export type SignalMarking = { level: 'suspend' | 'ban' } | 'clear' | 'unchanged';

/** A request to count one automated action against a tenant's daily cap. */
export interface CapReservation {
  tenant: string;
  action: Extract<LadderLevel, 'suspend' | 'ban'>;
  /** The UTC day, `yyyy-mm-dd`. */
  day: string;
  /** Identifies the action, so asking again for the same one is granted without counting twice. */
  key: string;
  cap: number;
}

/**
 * What Patrol keeps about authors, per tenant: the strike ledger and enforcement events (append-only,
 * written conditionally so a redelivery never counts twice), the status projection, posts for velocity,
 * text fingerprints, identity links and daily caps. Only single-item conditional writes.
 */
export interface OffenderStore {
  /**
   * The user's status, every strike and the posts with `postedAtMs >= postsSinceMs`, read
   * consistently; with `postsLimit`, only that many of the latest posts, so a flood costs no more.
   */
  readAuthor(
    tenant: string,
    userId: string,
    postsSinceMs: number,
    postsLimit?: number,
  ): Promise<AuthorSnapshot>;
  /** Records a post; recording the same content version again changes nothing. */
  recordPost(post: PostMark): Promise<void>;
  /**
   * Notes the user's first sighting and new signals, linking each signal to the user; marked as
   * suspended or banned there when `enforced` says so or the status shows it.
   */
  rememberAuthor(
    tenant: string,
    userId: string,
    seen: { atMs: number; signals: readonly SignalRef[]; enforced?: 'suspend' | 'ban' },
  ): Promise<void>;
  recordTextFingerprint(mark: TextFingerprintMark): Promise<void>;
  /**
   * Fingerprints under any of the band keys with `atMs >= sinceMs`, the latest `limit` per band at
   * most; a user's posts of one text in one minute count once, since a duplicate counts users.
   */
  findTextFingerprints(
    tenant: string,
    bands: readonly string[],
    sinceMs: number,
    limit: number,
  ): Promise<FoundFingerprint[]>;
  findSignalLinks(tenant: string, signals: readonly SignalRef[]): Promise<SignalLinks[]>;
  /** Adds a strike unless the content version already has one; returns the stored strike either way. */
  addStrike(strike: Strike): Promise<{ created: boolean; strike: Strike }>;
  /** Marks a content version's strike removed; false when there is none or it was already removed. */
  removeStrike(
    tenant: string,
    userId: string,
    contentId: string,
    version: number,
    removal: NonNullable<Strike['removed']>,
  ): Promise<boolean>;
  /**
   * Appends an enforcement event at its sequence unless that sequence is taken; returns the stored
   * record, which is another one when `created` is false.
   */
  appendEnforcement(record: EnforcementRecord): Promise<{ created: boolean; record: EnforcementRecord }>;
  /**
   * Applies a record to the user's status unless a later one is applied, then marks or clears the
   * signals given and those the status holds once applied (one remembered meanwhile included).
   */
  projectEnforcement(
    record: EnforcementRecord,
    signals: readonly SignalRef[],
    marking: SignalMarking,
  ): Promise<void>;
  /** Counts an automated action against the tenant's daily cap; false past the cap. */
  reserveDailyCap(reservation: CapReservation): Promise<boolean>;
  /** The user's enforcement events, oldest first. */
  enforcementHistory(tenant: string, userId: string): Promise<EnforcementEvent[]>;
  /** The user's latest posts, newest first. */
  recentPosts(tenant: string, userId: string, limit: number): Promise<PostMark[]>;
  /** Accounts carrying any of the signals, at most `limitPerSignal` per signal, the user included. */
  accountsSharing(
    tenant: string,
    signals: readonly SignalRef[],
    limitPerSignal: number,
  ): Promise<{ userId: string; signal: SignalName; enforced?: 'suspend' | 'ban' }[]>;
}
