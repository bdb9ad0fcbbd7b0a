import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Principal } from '#schemas/principal';
import { UnauthenticatedError } from '#shared/http-errors';
import type { HttpRequest, HttpRoute } from '#shared/http-route';
import { logger } from '#shared/observability';
import { principalFromClaims } from '#shared/principal-claims';
import { createReviewDependencies } from '#shared/review-dependencies';
import { reviewRoutes } from '#shared/review-routes';

type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * The moderation API behind API Gateway: the JWT authoriser has verified the token, so its claims are
 * the principal; the event's route key picks the route of the shared table.
 */
export function createApiHandler(
  routes: readonly HttpRoute[],
): (event: ApiEvent) => Promise<APIGatewayProxyResultV2> {
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return async (event) => {
    const route = byKey.get(event.routeKey);
    if (route === undefined) return json(404, { error: `no route for ${event.routeKey}` });
    let body: unknown;
    try {
      const text = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
        : event.body;
      body = text === undefined || text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return json(400, { error: 'body: not valid JSON' });
    }
    const response = await route.handler({
      method: event.requestContext.http.method,
      path: event.rawPath,
      params: Object.fromEntries(
        Object.entries(event.pathParameters ?? {}).map(([name, value]) => [name, value ?? '']),
      ),
      query: new URLSearchParams(event.rawQueryString),
      headers: event.headers,
      body,
      claims: event.requestContext.authorizer.jwt.claims,
    });
    return json(response.status, response.body);
  };
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

let api: ((event: ApiEvent) => Promise<APIGatewayProxyResultV2>) | undefined;

/** The Lambda entry point of every moderation API route. */
export const handler = middy<ApiEvent, APIGatewayProxyResultV2>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event) => {
    api ??= createApiHandler(
      reviewRoutes({
        dependencies: createReviewDependencies(),
        authenticate: gatewayClaimsAuthenticator,
        onError: (error) => logger.error('moderation API fault', { error }),
      }),
    );
    return api(event);
  });

/** The principal of the claims the JWT authoriser verified; a request without them is 401. */
export const gatewayClaimsAuthenticator = async (request: HttpRequest): Promise<Principal> => {
  if (request.claims === undefined) throw new UnauthenticatedError('the request carries no verified token');
  return principalFromClaims(request.claims);
};
