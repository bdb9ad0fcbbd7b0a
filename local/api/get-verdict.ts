import type { VerdictStore } from '#ports/verdict-store';
import { TenantSchema } from '#schemas/submission';
import { BadRequestError, NotFoundError } from './errors.ts';
import type { Route } from './router.ts';

/** `GET /v1/verdicts/{tenant}/{contentId}`: a content item's latest verdict and its history. */
export function getVerdictRoute(verdicts: Pick<VerdictStore, 'get'>): Route {
  return {
    method: 'GET',
    path: '/v1/verdicts/{tenant}/{contentId}',
    handler: async ({ params }) => {
      const tenant = params.tenant ?? '';
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
