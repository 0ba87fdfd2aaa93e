// "Nothing changed" detection for `npm run build`: a fingerprint of everything the site is
// built from (content, source, config, lockfile, build scripts, KB_* settings, Node). When
// it matches the last successful build into the same folder, that output is still exact
// (builds are deterministic), so the build can stop early. KB_FORCE=1 rebuilds anyway.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['src', 'public', 'scripts/build.mjs', 'scripts/lib', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

function addTree(hash, target) {
  if (!fs.existsSync(target)) return;
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    hash.update(`${target}\0`);
    hash.update(fs.readFileSync(target));
    return;
  }
  for (const name of fs.readdirSync(target).sort()) addTree(hash, path.join(target, name));
}

export function buildFingerprint(contentDir) {
  const hash = crypto.createHash('sha256');
  hash.update(process.versions.node);
  for (const [key, value] of Object.entries(process.env).filter(([key]) => key.startsWith('KB_')).sort()) hash.update(`${key}=${value}\0`);
  for (const source of SOURCES) addTree(hash, source);
  addTree(hash, contentDir);
  return hash.digest('hex');
}

function manifestPath(finalDir) {
  const key = crypto.createHash('sha256').update(path.resolve(finalDir)).digest('hex').slice(0, 16);
  return path.resolve('node_modules/.cache/kb', `last-build-${key}.json`);
}

export function isUpToDate(finalDir, fingerprint) {
  if (process.env.KB_FORCE === '1' || !fs.existsSync(path.join(finalDir, 'index.html'))) return false;
  try {
    return JSON.parse(fs.readFileSync(manifestPath(finalDir), 'utf8')).fingerprint === fingerprint;
  } catch {
    return false;
  }
}

export function recordBuild(finalDir, fingerprint) {
  const file = manifestPath(finalDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ fingerprint, finalDir: path.resolve(finalDir) }));
}

export function forgetBuild(finalDir) {
  fs.rmSync(manifestPath(finalDir), { force: true });
}
