import type { ConsoleAuth } from './config.ts';

/** The signed-in user as the token names them; the API verifies the token, the console only displays this. */
export interface Session {
  token: string;
  userId: string;
  tenant: string;
  role: 'moderator' | 'lead' | 'admin';
}

const STORAGE_KEY = 'patrol.token';
const ROLES = ['admin', 'lead', 'moderator'] as const;

/** The session kept for this tab, or one arriving from Cognito's hosted UI in the URL fragment. */
export function restoreSession(): Session | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const arriving = fragment.get('id_token');
  if (arriving !== null) {
    history.replaceState(null, '', location.pathname);
    return startSession(arriving);
  }
  const stored = sessionStorage.getItem(STORAGE_KEY);
  return stored === null ? undefined : sessionFromToken(stored);
}

/** Keeps a token for this tab and returns its session; undefined when it is not a JWT. */
export function startSession(token: string): Session | undefined {
  const session = sessionFromToken(token.trim());
  if (session !== undefined) sessionStorage.setItem(STORAGE_KEY, session.token);
  return session;
}

export function endSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Cognito's hosted UI sign-in address (implicit grant to the console's own URL). */
export function cognitoSignInUrl(auth: Extract<ConsoleAuth, { mode: 'cognito' }>): string {
  const query = new URLSearchParams({
    response_type: 'token',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid email profile',
  });
  return `https://${auth.domain}/oauth2/authorize?${query}`;
}

function sessionFromToken(token: string): Session | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
    const role = ROLES.find((candidate) => groups.includes(candidate));
    if (role === undefined || typeof claims.sub !== 'string') return undefined;
    return { token, userId: claims.sub, tenant: String(claims['custom:tenant'] ?? ''), role };
  } catch {
    return undefined;
  }
}
