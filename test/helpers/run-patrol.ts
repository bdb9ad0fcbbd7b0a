import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** What a finished `patrol` command printed and how it exited. */
export interface PatrolRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node local/bin/patrol.js ...args` from the repository root, as a user would, to completion;
 * `env` replaces the environment, as a user's shell with AWS settings would.
 */
export function runPatrol(args: readonly string[], cwd = REPO, env = process.env): Promise<PatrolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${REPO}/local/bin/patrol.js`, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
