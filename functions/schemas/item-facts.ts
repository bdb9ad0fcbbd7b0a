import * as z from 'zod';
import { EnforcementLevelSchema } from './enforcement.ts';
import { type SignalName, SignalNames } from './submission.ts';

const SignalNameSchema = z.enum(SignalNames as [SignalName, ...SignalName[]]);
const CountSchema = z.number().int().nonnegative();

/** A suspended or banned account that shares identity signals with the author, and which ones. */
export const BannedLinkSchema = z
  .object({
    userId: z.string().min(1),
    level: z.enum(['suspend', 'ban']),
    signals: z.array(SignalNameSchema).min(1),
  })
  .strict();
export type BannedLink = z.infer<typeof BannedLinkSchema>;

/**
 * What Patrol knows of the author when an item is decided: active strikes after decay, account age,
 * the enforcement in force, how many other accounts share each signal, and banned accounts linked.
 */
export const AuthorFactsSchema = z
  .object({
    strikes: z.number().nonnegative(),
    accountAgeDays: z.number().nonnegative().optional(),
    enforcement: EnforcementLevelSchema,
    linkedAccounts: z.partialRecord(SignalNameSchema, CountSchema),
    linkedToBanned: z.array(BannedLinkSchema),
  })
  .strict();
export type AuthorFacts = z.infer<typeof AuthorFactsSchema>;

/** The author's posts (this one included) in the minute and the hour up to this one's postedAt. */
export const VelocityFactsSchema = z
  .object({ postsPerMinute: CountSchema, postsPerHour: CountSchema })
  .strict();
export type VelocityFacts = z.infer<typeof VelocityFactsSchema>;

/** Distinct users (the author included) who posted near-identical text in the tenant's window. */
export const DuplicateTextFactsSchema = z.object({ users: CountSchema }).strict();
export type DuplicateTextFacts = z.infer<typeof DuplicateTextFactsSchema>;

/**
 * The facts computed before evaluation and given to the rules beside the item. An item evaluated
 * without facts (`patrol check`, benchmarks) reads counts as zero and the rest as absent.
 * Example: `{"author":{"strikes":2,"accountAgeDays":0.4,"enforcement":"none","linkedAccounts":{"device":1},
 * "linkedToBanned":[{"userId":"u-9","level":"ban","signals":["device"]}]},"velocity":{"postsPerMinute":1,
 * "postsPerHour":3},"duplicateText":{"users":1}}`
 */
export const ItemFactsSchema = z
  .object({
    author: AuthorFactsSchema,
    velocity: VelocityFactsSchema,
    duplicateText: DuplicateTextFactsSchema,
  })
  .strict();
export type ItemFacts = z.infer<typeof ItemFactsSchema>;
