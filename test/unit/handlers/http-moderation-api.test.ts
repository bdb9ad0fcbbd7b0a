import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApiHandler, gatewayClaimsAuthenticator } from '#handlers/http-moderation-api';
import type { HttpRequest, HttpRoute } from '#shared/http-route';

function anEvent(routeKey: string, overrides: Partial<APIGatewayProxyEventV2WithJWTAuthorizer> = {}) {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path.replace('{caseId}', 'c-1'),
    rawQueryString: 'queue=payments',
    headers: { 'idempotency-key': 'click-1' },
    pathParameters: { caseId: 'c-1' },
    isBase64Encoded: false,
    requestContext: {
      http: { method, path },
      authorizer: {
        jwt: {
          claims: { sub: 'mod-aiko', 'custom:tenant': 'acme-market', 'cognito:groups': '[moderator lead]' },
          scopes: [],
        },
      },
    },
    ...overrides,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('createApiHandler', () => {
  const seen: HttpRequest[] = [];
  const route: HttpRoute = {
    method: 'POST',
    path: '/v1/cases/{caseId}/decision',
    handler: async (request) => {
      seen.push(request);
      return { status: 200, body: { principal: await gatewayClaimsAuthenticator(request) } };
    },
  };
  const api = createApiHandler([route]);

  it('hands the route its parameters, query, headers, body and the verified caller', async () => {
    const result = (await api(
      anEvent('POST /v1/cases/{caseId}/decision', { body: '{"action":"approve"}' }),
    )) as APIGatewayProxyStructuredResultV2;

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({
      principal: { userId: 'mod-aiko', tenant: 'acme-market', role: 'lead' },
    });
    expect(seen.at(-1)).toMatchObject({
      params: { caseId: 'c-1' },
      headers: { 'idempotency-key': 'click-1' },
      body: { action: 'approve' },
    });
    expect(seen.at(-1)?.query.get('queue')).toBe('payments');
  });

  it('answers 400 naming the body when it is not JSON, and 404 for a route it does not serve', async () => {
    const malformed = (await api(
      anEvent('POST /v1/cases/{caseId}/decision', { body: '{oops' }),
    )) as APIGatewayProxyStructuredResultV2;
    const unknown = (await api(anEvent('GET /v1/nowhere'))) as APIGatewayProxyStructuredResultV2;

    expect([malformed.statusCode, JSON.parse(malformed.body ?? '')]).toEqual([
      400,
      { error: 'body: not valid JSON' },
    ]);
    expect(unknown.statusCode).toBe(404);
  });
});

describe('gatewayClaimsAuthenticator', () => {
  it('refuses a request without verified claims, and claims without a tenant or a role group', async () => {
    const request = { headers: {}, body: undefined } as unknown as HttpRequest;

    await expect(gatewayClaimsAuthenticator(request)).rejects.toThrow(/no verified token/);
    await expect(
      gatewayClaimsAuthenticator({ ...request, claims: { sub: 'x', 'cognito:groups': ['moderator'] } }),
    ).rejects.toThrow(/tenant/);
    await expect(
      gatewayClaimsAuthenticator({
        ...request,
        claims: { sub: 'x', 'custom:tenant': 'acme-market', 'cognito:groups': ['viewer'] },
      }),
    ).rejects.toThrow(/moderator, lead or admin group/);
  });
});
