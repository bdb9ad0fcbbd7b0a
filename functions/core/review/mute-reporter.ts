import type { Clock } from '#ports/clock';
import type { ReporterMutes } from '#ports/reporter-mutes';
import type { Principal } from '#schemas/principal';
import { RoleForbiddenError } from './errors.ts';

/** Mutes a reporter of the principal's tenant: their later reports are recorded and not queued. Leads and admins only. */
export async function muteReporter(
  principal: Principal,
  reporterId: string,
  dependencies: { mutes: ReporterMutes; clock: Clock },
): Promise<{ reporterId: string; mutedBy: string; mutedAt: string }> {
  if (principal.role === 'moderator') throw new RoleForbiddenError(principal.role, 'mute reporters');
  const mutedAt = dependencies.clock.now();
  await dependencies.mutes.mute(principal.tenant, reporterId, principal.userId, mutedAt);
  return { reporterId, mutedBy: principal.userId, mutedAt: mutedAt.toISOString() };
}
