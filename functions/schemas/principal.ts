import * as z from 'zod';
import { TenantSchema } from './submission.ts';

/** What a caller may do: moderators work their assigned queues; leads every queue, rules and stats; admins all. */
export const RoleSchema = z.enum(['moderator', 'lead', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Who is calling, from a verified token: the user id, their tenant and role. */
export const PrincipalSchema = z
  .object({ userId: z.string().min(1).max(256), tenant: TenantSchema, role: RoleSchema })
  .strict();
export type Principal = z.infer<typeof PrincipalSchema>;
