/**
 * "Nothing changed" detection for `npm run build`: a fingerprint of everything the site is
 * built from (content, its git commit, source, config, lockfile, build scripts, the
 * settings that change output, Node). When it matches the last successful build into the same folder, that
 * output is still exact (builds are deterministic), so the build can stop early.
 * KB_FORCE=1 rebuilds anyway.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { outputSettings, type Settings } from '../../src/settings.ts';
import { historyVersion } from '../../src/sources/git-history.ts';

const SOURCES = [
  'src',
  'public',
  'scripts/build.ts',
  'scripts/build',
  'astro.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

function addTree(hash: crypto.Hash, target: string): void {
  if (!fs.existsSync(target)) return;
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    hash.update(`${target}\0`);
    hash.update(fs.readFileSync(target));
    return;
  }
  for (const name of fs.readdirSync(target).sort()) addTree(hash, path.join(target, name));
}

export function buildFingerprint(settings: Settings): string {
  const hash = crypto.createHash('sha256');
  hash.update(process.versions.node);
  for (const line of outputSettings(settings)) hash.update(`${line}\0`);
  for (const source of SOURCES) addTree(hash, path.join(settings.root, source));
  addTree(hash, settings.contentDir);
  // Revision lists come from git: a new commit may change a page without changing a file.
  hash.update(historyVersion(settings.contentDir));
  return hash.digest('hex');
}

function manifestPath(settings: Settings): string {
  const key = crypto.createHash('sha256').update(settings.outDir).digest('hex').slice(0, 16);
  return path.join(settings.root, 'node_modules/.cache/kb', `last-build-${key}.json`);
}

export function isUpToDate(settings: Settings, fingerprint: string): boolean {
  if (settings.force || !fs.existsSync(path.join(settings.outDir, 'index.html'))) return false;
  try {
    return (
      (JSON.parse(fs.readFileSync(manifestPath(settings), 'utf8')) as { fingerprint: string }).fingerprint ===
      fingerprint
    );
  } catch {
    return false;
  }
}

export function recordBuild(settings: Settings, fingerprint: string): void {
  const file = manifestPath(settings);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ fingerprint, finalDir: settings.outDir }));
}
