/**
 * A built site served locally for the benchmarks, by the same scripts/serve.ts a reader's
 * `npm start` uses, so what is measured is what is served.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { settings } from '../../src/settings.ts';

/**
 * Serves `dir` at the root path on `port` and resolves once the home page answers; `gzip`
 * compresses responses as a host would (the reading benchmark weighs bytes over the wire).
 */
export async function serveSite(dir: string, port: number, { gzip = false } = {}): Promise<ChildProcess> {
  const args = ['--port', String(port), '--dir', dir, '--base', '/', ...(gzip ? ['--gzip'] : [])];
  const server = spawn(process.execPath, [path.join(settings.root, 'scripts/serve.ts'), ...args], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`the static server for ${dir} did not answer on port ${port}`);
}
