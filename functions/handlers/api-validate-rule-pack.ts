import { validatePack } from '#core/rule-sets/manage-rule-sets';
import { ValidatePackBodySchema } from '#schemas/rule-set-version';
import type { HttpRoute } from '#shared/http-route';
import { parseInput } from '#shared/review-api';
import { type RulesApi, rulesRoute } from '#shared/rules-api';

/** `POST /v1/rule-sets/validate`: the located issues of one pack as edited (200 either way; none when it checks). */
export function validateRulePackRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'POST', '/v1/rule-sets/validate', async (request) => {
    const { fileName, yamlText } = parseInput(ValidatePackBodySchema, request.body, 'body');
    return { status: 200, body: { issues: validatePack(fileName, yamlText) } };
  });
}
