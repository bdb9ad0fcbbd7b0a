import type { AuthorSnapshot, OffenderStore, SignalLinks, SignalRef } from '#ports/offender-store';
import type { BannedLink, ItemFacts } from '#schemas/item-facts';
import type { OffenderPolicy } from '#schemas/offender-policy';
import type { HashedSignal, SignalName, Submission } from '#schemas/submission';
import { enforcementInForce } from './ladder.ts';
import { activeStrikeTotal, decayMs } from './strikes.ts';
import { bandKeys, fingerprintText, minHash, signatureSimilarity } from './text-fingerprint.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** A fingerprint outlives its window by this much, so a late delivery still finds its neighbours. */
const FINGERPRINT_GRACE_MS = HOUR_MS;
/** Posts read for velocity: a flood past this reads as this many, and costs no more to read. */
const POSTS_READ = 200;
/** Fingerprints read per band: counts past a ring's size change no decision. */
const FINGERPRINTS_PER_BAND = 50;

/** A submission's author as observed before evaluation, kept for what is recorded after the verdict. */
export interface ObservedAuthor {
  facts: ItemFacts;
  snapshot: AuthorSnapshot;
  signals: SignalRef[];
  policy: OffenderPolicy;
}

/**
 * Records the post (and its text fingerprint) and reads what the rules need about its author: the
 * ledger, velocity, near-duplicate text across users and accounts linked through shared signals.
 * Writes come first, so concurrent posts see each other; both are idempotent per content version.
 */
export async function observeAuthor(
  submission: Submission,
  now: Date,
  dependencies: { store: OffenderStore; policy: OffenderPolicy },
): Promise<ObservedAuthor> {
  const { store, policy } = dependencies;
  const { tenant, author } = submission;
  const postedAtMs = Date.parse(submission.postedAt);
  const signals = signalRefs(author.signals);
  const text = fingerprintText(submission);
  const fingerprint =
    text.length >= policy.duplicateText.minCharacters && text !== '' ? minHash(text) : undefined;
  const bands = fingerprint === undefined ? [] : bandKeys(fingerprint);
  const windowMs = policy.duplicateText.windowMinutes * MINUTE_MS;

  const [, , links] = await Promise.all([
    store.recordPost({
      tenant,
      userId: author.userId,
      contentId: submission.contentId,
      version: submission.version,
      kind: submission.kind,
      postedAtMs,
    }),
    fingerprint === undefined
      ? undefined
      : store.recordTextFingerprint({
          tenant,
          userId: author.userId,
          fingerprint,
          bands,
          atMs: postedAtMs,
          expiresAtMs: postedAtMs + windowMs + FINGERPRINT_GRACE_MS,
        }),
    signals.length === 0 ? [] : store.findSignalLinks(tenant, signals),
  ]);
  const [snapshot, neighbours] = await Promise.all([
    store.readAuthor(tenant, author.userId, postedAtMs - HOUR_MS, POSTS_READ),
    fingerprint === undefined
      ? []
      : store.findTextFingerprints(tenant, bands, postedAtMs - windowMs, FINGERPRINTS_PER_BAND),
  ]);

  const duplicateUsers = new Set<string>();
  if (fingerprint !== undefined) {
    for (const neighbour of neighbours) {
      if (signatureSimilarity(neighbour.fingerprint, fingerprint) >= policy.duplicateText.minSimilarity)
        duplicateUsers.add(neighbour.userId);
    }
    duplicateUsers.add(author.userId);
  }
  const nowMs = now.getTime();
  const createdAtMs =
    author.accountCreatedAt === undefined
      ? snapshot.status?.firstSeenAtMs
      : Date.parse(author.accountCreatedAt);
  const facts: ItemFacts = {
    author: {
      strikes: activeStrikeTotal(snapshot.strikes, nowMs, decayMs(policy.strikes)),
      accountAgeDays: Math.max(0, nowMs - (createdAtMs ?? nowMs)) / DAY_MS,
      enforcement: enforcementInForce(snapshot.status?.enforcement, nowMs),
      linkedAccounts: linkedAccountCounts(links, snapshot),
      linkedToBanned: bannedLinks(links, author.userId),
    },
    velocity: {
      postsPerMinute: postsWithin(snapshot, postedAtMs, MINUTE_MS),
      postsPerHour: postsWithin(snapshot, postedAtMs, HOUR_MS),
    },
    duplicateText: { users: duplicateUsers.size },
  };
  return { facts, snapshot, signals, policy };
}

/**
 * Notes the author after the verdict: the first sighting and any signal not linked to them yet (with
 * the author's own suspension or ban marked on it, so accounts sharing it later are linked to it).
 */
export async function rememberAuthor(
  submission: Submission,
  observed: ObservedAuthor,
  store: OffenderStore,
  now: Date,
): Promise<void> {
  const { status } = observed.snapshot;
  const known = new Set((status?.signals ?? []).map(signalKey));
  const fresh = observed.signals.filter((signal) => !known.has(signalKey(signal)));
  const enforced = observed.facts.author.enforcement;
  // A banned user posting again re-marks every signal, in case one was linked while the ban was projected.
  const marked = enforced === 'suspend' || enforced === 'ban';
  if (status?.firstSeenAtMs !== undefined && fresh.length === 0 && !marked) return;
  await store.rememberAuthor(submission.tenant, submission.author.userId, {
    atMs: now.getTime(),
    signals: marked ? observed.signals : fresh,
    ...(marked ? { enforced } : {}),
  });
}

/** The hashed signals of a submission (hashed before this point) as references. */
export function signalRefs(signals: Partial<Record<SignalName, string>> | undefined): SignalRef[] {
  return Object.entries(signals ?? {}).flatMap(([name, hash]) =>
    hash === undefined ? [] : [{ name: name as SignalName, hash: hash as HashedSignal }],
  );
}

function signalKey(signal: SignalRef): string {
  return `${signal.name}#${signal.hash}`;
}

function postsWithin(snapshot: AuthorSnapshot, postedAtMs: number, windowMs: number): number {
  const seen = new Set<string>();
  for (const post of snapshot.posts) {
    if (post.postedAtMs > postedAtMs - windowMs && post.postedAtMs <= postedAtMs)
      seen.add(`${post.contentId}\u0000${post.version}`);
  }
  return seen.size;
}

/** Other accounts per signal: the author is left out once linked to it. */
function linkedAccountCounts(
  links: readonly SignalLinks[],
  snapshot: AuthorSnapshot,
): Partial<Record<SignalName, number>> {
  const own = new Set((snapshot.status?.signals ?? []).map(signalKey));
  const counts: Partial<Record<SignalName, number>> = {};
  for (const link of links) {
    counts[link.signal.name] = Math.max(0, link.accounts - (own.has(signalKey(link.signal)) ? 1 : 0));
  }
  return counts;
}

/** Suspended or banned accounts sharing signals with the author, each with the signals they share. */
function bannedLinks(links: readonly SignalLinks[], userId: string): BannedLink[] {
  const byUser = new Map<string, BannedLink>();
  for (const link of links) {
    for (const enforced of link.enforced) {
      if (enforced.userId === userId) continue;
      const found = byUser.get(enforced.userId);
      if (found === undefined) {
        byUser.set(enforced.userId, {
          userId: enforced.userId,
          level: enforced.level,
          signals: [link.signal.name],
        });
        continue;
      }
      if (!found.signals.includes(link.signal.name)) found.signals.push(link.signal.name);
      if (enforced.level === 'ban') found.level = 'ban';
    }
  }
  return [...byUser.values()].sort((left, right) => right.signals.length - left.signals.length);
}
