import type { Route } from './router.ts';

/** `GET /healthz`: answers once the runtime is up. */
export function getHealthRoute(): Route {
  return {
    method: 'GET',
    path: '/healthz',
    handler: async () => ({ status: 200, body: { status: 'ok' } }),
  };
}
