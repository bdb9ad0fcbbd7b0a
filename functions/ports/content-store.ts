import type { StoredContent } from '#schemas/stored-content';

/** Content as posted, kept for a limited time so rules can be back-tested and re-run over it. */
export interface ContentStore {
  put(content: StoredContent): Promise<void>;
  /** Items of a tenant recorded at or after `since`, up to `limit`, oldest first. */
  since(tenant: string, since: Date, now: Date, limit: number): Promise<StoredContent[]>;
}
