/** How the console signs users in: dev tokens to choose from in `patrol dev`, Cognito's hosted UI on AWS. */
export type ConsoleAuth =
  | { mode: 'dev'; tokens: Partial<Readonly<Record<'moderator' | 'lead' | 'admin', string>>> }
  | { mode: 'cognito'; domain: string; clientId: string; redirectUri: string };

/** What the console reads from `/config.json`, served beside it. */
export interface ConsoleConfig {
  /** The moderation API's base URL; empty when the API serves the console itself. */
  apiBase: string;
  auth: ConsoleAuth;
}
