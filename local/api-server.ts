import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, BadRequestError, MethodNotAllowedError, PayloadTooLargeError } from './api/errors.ts';
import { type ApiResponse, createRouter, type Route } from './api/router.ts';

export interface ApiServerOptions {
  routes: readonly Route[];
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  onError?: (error: unknown) => void;
  /** Static files (the console) served for GET requests outside `/v1/`. */
  site?: StaticSite;
}

/** A static file: its content type, bytes and any headers of its own (such as a content security policy). */
export interface StaticAsset {
  contentType: string;
  body: Uint8Array | string;
  headers?: Readonly<Record<string, string>>;
}

/** Finds the static file for a request path, or undefined. */
export type StaticSite = (path: string) => StaticAsset | undefined;

/** The running API: its base URL and `stop()`. */
export interface ApiServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a route table as JSON over node:http. A caller's mistake is a 4xx with a message;
 * only a fault of the runtime itself is a 500.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const route = createRouter(options.routes);
  const server = createServer((request, response) => {
    void answer(request, response);
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (serveStatic(request, response, options.site)) return;
    let result: ApiResponse;
    try {
      const body = await readJsonBody(request);
      result = await route(request.method ?? 'GET', requestUrl(request), {
        headers: headersOf(request),
        body,
      });
    } catch (error) {
      result = errorResponse(error, options.onError);
      if (error instanceof MethodNotAllowedError) response.setHeader('allow', error.allowed.join(', '));
    }
    // Whatever of the body was not read is drained, which keeps the connection usable.
    request.resume();
    response.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(`${JSON.stringify(result.body)}\n`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    async stop() {
      server.closeIdleConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Bodies past this size are refused with 413 rather than buffered. */
const MAX_BODY_BYTES = 1_000_000;
/** How much of a refused body is read and dropped so the client can read its 413; past it the connection is cut. */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

/** The request's JSON body, undefined when it has none; too large is a 413, anything else a 400 naming the body. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    // Leaving the loop would destroy the socket while the client still sends, and it would never see the answer.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    else if (size > MAX_DRAINED_BYTES) break;
  }
  if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError(`body: larger than ${MAX_BODY_BYTES} bytes`);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError('body: not valid JSON', { cause: error });
  }
}

/** Answers a GET or HEAD outside `/v1/` from the site when it has the file; false leaves the request to the routes. */
function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  site: StaticSite | undefined,
): boolean {
  if (site === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path.startsWith('/v1/')) return false;
  const asset = site(path);
  if (asset === undefined) return false;
  request.resume();
  response.writeHead(200, { 'content-type': asset.contentType, ...asset.headers });
  response.end(request.method === 'HEAD' ? undefined : asset.body);
  return true;
}

function headersOf(request: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
}

function requestUrl(request: IncomingMessage): URL {
  try {
    // Prefixing the origin keeps a path such as `//x` a path rather than a host.
    return new URL(`http://localhost${request.url ?? '/'}`);
  } catch (error) {
    throw new BadRequestError(`${JSON.stringify(request.url)} is not a valid request path`, { cause: error });
  }
}

function errorResponse(error: unknown, onError: ((error: unknown) => void) | undefined): ApiResponse {
  if (error instanceof ApiError) return { status: error.status, body: { error: error.message } };
  onError?.(error);
  return { status: 500, body: { error: 'internal error; see the runtime log' } };
}
