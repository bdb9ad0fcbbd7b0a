import type { VerdictStore } from '#ports/verdict-store';
import { TenantSchema } from '#schemas/submission';
import { HttpRequestError, TenantMismatchError } from '#shared/http-errors';
import type { Authenticator } from '#shared/review-api';
import { ApiError, BadRequestError, NotFoundError } from './errors.ts';
import type { Route } from './router.ts';

/**
 * `GET /v1/verdicts/{tenant}/{contentId}`: a content item's latest verdict and its history. With an
 * authenticator, the caller needs a token whose tenant is the path's (401 without one, 403 for another).
 */
export function getVerdictRoute(verdicts: Pick<VerdictStore, 'get'>, authenticate?: Authenticator): Route {
  return {
    method: 'GET',
    path: '/v1/verdicts/{tenant}/{contentId}',
    handler: async (request) => {
      const { params } = request;
      const tenant = params.tenant ?? '';
      if (authenticate !== undefined) {
        try {
          const principal = await authenticate(request);
          if (principal.tenant !== tenant) throw new TenantMismatchError(tenant);
        } catch (error) {
          if (error instanceof HttpRequestError)
            throw new ApiError(error.status, error.message, { cause: error });
          throw error;
        }
      }
      const contentId = params.contentId ?? '';
      const parsedTenant = TenantSchema.safeParse(tenant);
      if (!parsedTenant.success) {
        throw new BadRequestError(`tenant: ${parsedTenant.error.issues[0]?.message ?? 'invalid'}`);
      }
      const found = await verdicts.get(tenant, contentId);
      if (!found) throw new NotFoundError(`no verdict for content ${contentId} of tenant ${tenant}`);
      return { status: 200, body: found };
    },
  };
}
