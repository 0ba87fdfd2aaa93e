// Astro 7 needs Node >= 22.12. Machines with an older Node get one from the `node` npm
// package (node_modules/.bin/node); npm scripts put it first on PATH, and scripts started
// by hand with an old Node re-run themselves under it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
export const nodeIsRecentEnough = major > 22 || (major === 22 && minor >= 12);

export function ensureRecentNode() {
  if (nodeIsRecentEnough) return;
  const local = path.resolve('node_modules/.bin/node');
  if (!fs.existsSync(local)) {
    console.error(`Node ${process.versions.node} is too old for Astro 7 (needs >= 22.12). Run \`npm ci\` first: it installs Node 22 into node_modules/.bin.`);
    process.exit(1);
  }
  const result = spawnSync(local, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
