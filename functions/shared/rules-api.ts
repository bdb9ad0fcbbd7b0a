import { RoleForbiddenError } from '#core/review/errors';
import {
  InvalidRuleSetError,
  NothingToRollBackError,
  RepatrolNotFoundError,
  RuleSetConflictError,
  RuleSetVersionNotFoundError,
} from '#core/rule-sets/errors';
import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ContentStore } from '#ports/content-store';
import type { RepatrolJobStore } from '#ports/repatrol-job-store';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { ReviewRequestSender } from '#ports/review-request-sender';
import type { RuleSetStore } from '#ports/rule-set-store';
import type { Principal } from '#schemas/principal';
import { InvalidRequestError } from './http-errors.ts';
import type { HttpRequest, HttpResponse, HttpRoute } from './http-route.ts';
import { type Authenticator, refusal, reviewRoute } from './review-api.ts';

/** What the rules API's routes share: the rule-set store, the stored cases back-tests read, and authentication. */
export interface RulesApi {
  store: RuleSetStore;
  cases: CaseStore;
  policies: ReviewPolicySource;
  clock: Clock;
  authenticate: Authenticator;
  /** Re-patrols run in the API's own process: given where `patrol dev` can run them, absent on AWS for now. */
  repatrol?: { content: ContentStore; reviews: ReviewRequestSender; jobs: RepatrolJobStore };
  onError?: (error: unknown) => void;
}

const RULE_ROLES = new Set(['lead', 'admin']);

/** A route for leads and admins (403 for moderators), and the one place rule-set errors become codes. */
export function rulesRoute(
  api: RulesApi,
  method: HttpRoute['method'],
  path: string,
  handle: (request: HttpRequest, principal: Principal) => Promise<HttpResponse>,
): HttpRoute {
  return reviewRoute(api, method, path, async (request, principal) => {
    if (!RULE_ROLES.has(principal.role))
      throw new RoleForbiddenError(principal.role, 'read or change rule sets');
    try {
      return await handle(request, principal);
    } catch (error) {
      if (error instanceof InvalidRuleSetError) return refusal(error, 400, { issues: error.issues });
      if (error instanceof RuleSetVersionNotFoundError || error instanceof RepatrolNotFoundError)
        return refusal(error, 404);
      if (error instanceof RuleSetConflictError || error instanceof NothingToRollBackError)
        return refusal(error, 409);
      // Every other error is answered by reviewRoute, as for the moderation API.
      throw error;
    }
  });
}

/** The `{version}` path parameter as a version number, or a 400 naming it. */
export function versionParam(request: HttpRequest, name = 'version'): number {
  const value = request.params[name] ?? request.query.get(name) ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new InvalidRequestError(name, 'expected a version number');
  return Number(value);
}
