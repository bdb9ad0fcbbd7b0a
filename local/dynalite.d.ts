declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** A LevelDB folder to persist tables in; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  /** Creates an HTTP server speaking the DynamoDB JSON protocol. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
