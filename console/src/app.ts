import type { ApiClient } from './api-client.ts';
import type { ConsoleConfig } from './config.ts';
import type { Session } from './session.ts';

/** What every view is given: the API, who is signed in, and how to move and tell. */
export interface AppContext {
  api: ApiClient;
  session: Session;
  config: ConsoleConfig;
  /** Goes to a route such as `#/cases/abc`. */
  navigate(route: string): void;
  /** Shows a short message in the live region; errors are announced the same way. */
  toast(message: string, tone?: 'info' | 'error'): void;
}

/** A rendered view: its key handling (true when the key was used) and what to stop when it is left. */
export interface View {
  onKey?(event: KeyboardEvent): boolean;
  dispose?(): void;
}

/** Whether the signed-in user may see the leads' pages. */
export function isLead(session: Session): boolean {
  return session.role === 'lead' || session.role === 'admin';
}
