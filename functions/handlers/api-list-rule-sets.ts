import type { HttpRoute } from '#shared/http-route';
import { type RulesApi, rulesRoute } from '#shared/rules-api';

const AUDIT_ENTRIES = 50;

/** `GET /v1/rule-sets`: the live version, every version (without packs) and the latest audit entries. */
export function listRuleSetsRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'GET', '/v1/rule-sets', async () => {
    const [pointer, versions, audit] = await Promise.all([
      api.store.pointer(),
      api.store.versions(),
      api.store.audit(AUDIT_ENTRIES),
    ]);
    return { status: 200, body: { active: pointer ?? null, versions, audit } };
  });
}
