import * as z from 'zod';

/** How far enforcement against a user has gone, from nothing to a ban; the order is the ladder's. */
export const EnforcementLevels = ['none', 'warn', 'restrict', 'suspend', 'ban'] as const;
export const EnforcementLevelSchema = z.enum(EnforcementLevels);
export type EnforcementLevel = z.infer<typeof EnforcementLevelSchema>;

/** A step of the ladder: every level but `none`. */
export const LadderLevelSchema = EnforcementLevelSchema.exclude(['none']);
export type LadderLevel = z.infer<typeof LadderLevelSchema>;

/** What a ladder step or a lead does to a user; `lift` ends whatever is in force. */
export const EnforcementActionSchema = z.enum(['warn', 'restrict', 'suspend', 'ban', 'lift']);
export type EnforcementAction = z.infer<typeof EnforcementActionSchema>;

/** The levels that keep a user from posting at all; an account linked to one is suspect. */
export const BlockingLevels: readonly EnforcementLevel[] = ['suspend', 'ban'];

/** The position of a level on the ladder: `none` 0 up to `ban` 4. */
export function levelRank(level: EnforcementLevel): number {
  return EnforcementLevels.indexOf(level);
}
