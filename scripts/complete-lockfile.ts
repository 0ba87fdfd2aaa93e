/**
 * `npm run complete-lockfile`, after changing dependencies: this workplace's registry
 * mirror lacks some other platforms' prebuilt binaries (Pagefind's, Astro's compiler's), so
 * npm leaves them out of package-lock.json, and `npm ci` then refuses the lockfile as
 * incomplete. This adds an entry for each missing optional platform package, with the
 * os/cpu/libc fields that make npm skip it on every other platform. Nothing is downloaded.
 */
import fs from 'node:fs';

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const file = 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> };
const PLATFORM =
  /(android|darwin|linux|win32|windows|freebsd|wasm32)-?(arm64|x64|ia32|arm|wasi)?(?:-(gnu|musl|msvc))?$/;
let added = 0;
for (const entry of Object.values(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const match = PLATFORM.exec(name);
    if (!match) continue;
    const placeholder: LockEntry = { version: range.replace(/^[\^~]/, ''), optional: true };
    const os = match[1] === 'windows' ? 'win32' : match[1]!;
    if (os === 'wasm32') placeholder.cpu = ['wasm32'];
    else {
      placeholder.os = [os];
      if (match[2]) placeholder.cpu = [match[2]];
      if (match[3] === 'gnu' || match[3] === 'musl') placeholder.libc = [match[3] === 'gnu' ? 'glibc' : 'musl'];
    }
    lock.packages[key] = placeholder;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform package(s) added`);
