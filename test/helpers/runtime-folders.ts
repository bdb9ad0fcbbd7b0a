import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aPolicyDirectory } from './rule-pack-files.ts';

/** Where a `patrol dev` runtime under test keeps its data and reads its rule packs. */
export interface RuntimeFolders {
  dataDir: string;
  policiesDir: string;
  /** Deletes both folders; stop the runtimes using them first. */
  remove(): Promise<void>;
}

/** A fresh temporary data folder and a policies folder holding `packs` (file name to YAML). */
export async function runtimeFolders(packs: Record<string, string>): Promise<RuntimeFolders> {
  const dataDir = await mkdtemp(join(tmpdir(), 'patrol-runtime-'));
  const policies = await aPolicyDirectory(packs);
  return {
    dataDir,
    policiesDir: policies.dir,
    remove: async () => {
      await policies.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
