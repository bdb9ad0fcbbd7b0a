import { describeUser } from '#core/offenders/describe-user';
import { NotFoundError } from './errors.ts';
import type { Route } from './router.ts';
import { type UserRoutesDependencies, userRouteCaller } from './user-access.ts';

/**
 * `GET /v1/users/{tenant}/{userId}`: the user's strikes with their reasons, the enforcement in force
 * and its history, accounts sharing an identity signal, and recent verdicts. Any role of the tenant.
 */
export function getUserRoute(dependencies: UserRoutesDependencies): Route {
  return {
    method: 'GET',
    path: '/v1/users/{tenant}/{userId}',
    handler: async (request) => {
      const { tenant, userId } = await userRouteCaller(request, dependencies, ['moderator', 'lead', 'admin']);
      const record = await describeUser(
        { tenant, userId },
        {
          store: dependencies.store,
          verdicts: dependencies.verdicts,
          policy: await dependencies.policies.forTenant(tenant),
          now: dependencies.clock.now(),
        },
      );
      if (record === undefined)
        throw new NotFoundError(`no user ${userId} of tenant ${tenant} has been seen`);
      return { status: 200, body: record };
    },
  };
}
