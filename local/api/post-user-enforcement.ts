import { enforceUser } from '#core/offenders/enforce-user';
import { EnforcementContentionError, NothingToEnforceError } from '#core/offenders/errors';
import { EnforceUserRequestSchema } from '#schemas/offender';
import { ApiError, BadRequestError } from './errors.ts';
import type { Route } from './router.ts';
import { type UserRoutesDependencies, userRouteCaller } from './user-access.ts';

/**
 * `POST /v1/users/{tenant}/{userId}/enforcements` with `{action, days?, reason}`: a lead's manual
 * warn, restrict, suspend, ban or lift, recorded as an enforcement event (and sent as one) with the
 * lead as its author. Leads and admins only; 201 with the event.
 */
export function postUserEnforcementRoute(dependencies: UserRoutesDependencies): Route {
  return {
    method: 'POST',
    path: '/v1/users/{tenant}/{userId}/enforcements',
    handler: async (request) => {
      const { tenant, userId, principal } = await userRouteCaller(request, dependencies, ['lead', 'admin']);
      const parsed = EnforceUserRequestSchema.safeParse(request.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.length ? issue.path.join('.') : 'body';
        throw new BadRequestError(`${field}: ${issue?.message ?? 'invalid'}`);
      }
      try {
        const event = await enforceUser(
          { tenant, userId },
          { ...parsed.data, moderatorId: principal?.userId ?? 'local-lead' },
          {
            store: dependencies.store,
            policy: await dependencies.policies.forTenant(tenant),
            now: dependencies.clock.now(),
          },
        );
        return { status: 201, body: event };
      } catch (error) {
        if (error instanceof NothingToEnforceError) throw new ApiError(409, error.message, { cause: error });
        if (error instanceof EnforcementContentionError)
          throw new ApiError(503, error.message, { cause: error });
        throw error;
      }
    },
  };
}
