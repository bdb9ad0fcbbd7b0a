import { BadRequestError, MethodNotAllowedError, NotFoundError } from './errors.ts';

/** What a route handler reads from a request. */
export interface ApiRequest {
  method: string;
  path: string;
  /** Path parameters by name, already URL-decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Request headers by lowercase name. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body; undefined when the request has none. */
  body: unknown;
}

/** A JSON answer. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

export type RouteHandler = (request: ApiRequest) => Promise<ApiResponse>;

/** One entry of the route table: a method and a path pattern such as `/v1/verdicts/{tenant}/{contentId}`. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  handler: RouteHandler;
}

interface CompiledRoute extends Route {
  segments: string[];
}

/** Matches requests against a route table; throws 404 for an unknown path and 405 for a known one with another method. */
export function createRouter(
  routes: readonly Route[],
): (method: string, url: URL, content?: Pick<ApiRequest, 'headers' | 'body'>) => Promise<ApiResponse> {
  const compiled: CompiledRoute[] = routes.map((route) => ({ ...route, segments: splitPath(route.path) }));
  return async (method, url, content = { headers: {}, body: undefined }) => {
    const segments = splitPath(url.pathname).map((segment) => decodeSegment(segment));
    const matches = compiled.flatMap((route) => {
      const params = matchSegments(route.segments, segments);
      return params ? [{ route, params }] : [];
    });
    if (matches.length === 0) throw new NotFoundError(`no route for ${url.pathname}`);
    const match = matches.find(({ route }) => route.method === method);
    if (!match) {
      throw new MethodNotAllowedError(
        method,
        url.pathname,
        matches.map(({ route }) => route.method),
      );
    }
    return match.route.handler({
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      ...content,
    });
  };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new BadRequestError(`path segment ${JSON.stringify(segment)} is not valid percent-encoding`, {
      cause: error,
    });
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string;
    if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
