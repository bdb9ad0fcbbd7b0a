import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { consoleBuildOptions } from '../console/build-options.ts';
import type { ConsoleConfig } from '../console/src/config.ts';
import type { StaticAsset, StaticSite } from './api-server.ts';
import { ConsoleBuildError } from './errors.ts';

/** The console's sources: index.html, styles.css and src/main.ts. */
export const CONSOLE_DIR = fileURLToPath(new URL('../console', import.meta.url));

/** The console's built files by path: `index.html`, `app.js`, `styles.css`. */
export type ConsoleFiles = ReadonlyMap<string, StaticAsset>;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Bundles the console (esbuild, minified, one ES module) into memory, with its page and stylesheet. */
export async function bundleConsole(directory = CONSOLE_DIR): Promise<ConsoleFiles> {
  let script: string;
  try {
    const result = await build({ ...consoleBuildOptions(directory), write: false });
    script = result.outputFiles[0]?.text ?? '';
  } catch (error) {
    throw new ConsoleBuildError(directory, { cause: error });
  }
  const [page, styles] = await Promise.all([
    readFile(`${directory}/index.html`, 'utf8'),
    readFile(`${directory}/styles.css`, 'utf8'),
  ]);
  return new Map<string, StaticAsset>([
    ['index.html', { contentType: 'text/html; charset=utf-8', body: page, headers: SECURITY_HEADERS }],
    ['app.js', { contentType: 'text/javascript; charset=utf-8', body: script }],
    ['styles.css', { contentType: 'text/css; charset=utf-8', body: styles }],
  ]);
}

/** Serves the console's files at the root, with its configuration at `/config.json`. */
export function consoleSite(files: ConsoleFiles, config: ConsoleConfig): StaticSite {
  const configAsset: StaticAsset = {
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(config),
    headers: { 'cache-control': 'no-store' },
  };
  return (path) => {
    if (path === '/config.json') return configAsset;
    return files.get(path === '/' ? 'index.html' : path.slice(1));
  };
}

/** Whether a listen address only accepts connections from this machine, where dev tokens may be handed out. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
