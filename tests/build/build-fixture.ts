/**
 * Builds fixture content folders through scripts/build.ts — the code path of
 * `npm run build` — in a temporary folder, and reports what an author would see.
 *
 * Several fixtures can share one build when the build reports all of their problems
 * together; each fixture keeps its own files, named after its scenario.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const fixturesDir = path.join(repoRoot, 'tests/fixtures');

/** What the previous good build left in the output folder; a failed build must keep it. */
export const LAST_GOOD_PAGE = '<!doctype html><title>last good build</title>';

export interface FixtureBuild {
  status: number;
  /** stdout and stderr together, as the author sees them in a terminal. */
  output: string;
  root: string;
  contentDir: string;
  outDir: string;
  /** The content folder is byte-for-byte what it was before the build. */
  contentUnchanged: boolean;
  /** The output folder still holds the last good build (and nothing else). */
  lastGoodKept: boolean;
  /** Staging folders left next to the output folder. */
  leftovers: string[];
  /** The output text with this build's temporary path shortened to `<content>`. */
  messages: string;
}

function digestTree(dir: string): string {
  const hash = crypto.createHash('sha256');
  for (const name of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, name);
    hash.update(name);
    if (fs.statSync(full).isFile()) hash.update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

export interface BuildOptions {
  /** Extra environment, e.g. { KB_BASE: '/kb/' }. */
  env?: Record<string, string>;
  /** Change the copied content folder before the build (e.g. grow a file to 5 MB). */
  prepare?: (contentDir: string) => void;
}

/**
 * This process's environment without what Vitest adds (NODE_ENV=test, MODE, DEV, PROD,
 * SSR, BASE_URL): inherited, they would make Astro build in test mode, unlike
 * `npm run build` (no meta CSP, for one).
 */
export function buildEnvironment(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const name of ['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  return env;
}

/**
 * Replaces `from` by `to` in a file of a content folder, as an author's save would; fails
 * when the file does not hold `from` (a fixture changed under the test).
 */
export function replaceInFile(contentDir: string, file: string, from: string, to: string): void {
  const full = path.join(contentDir, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not hold ${JSON.stringify(from)}`);
  fs.writeFileSync(full, text.replace(from, to));
}

/** Runs `node scripts/build.ts` in the repository with extra environment variables. */
export function runBuild(env: Record<string, string>): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/build.ts'], {
      cwd: repoRoot,
      env: { ...buildEnvironment(), NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('close', (code) => resolve({ status: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Copies the named fixtures into one content folder and builds it. */
export async function buildFixtures(names: string[], options: BuildOptions = {}): Promise<FixtureBuild> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kb-${names[0]}-`));
  const contentDir = path.join(root, 'content');
  const outDir = path.join(root, 'out');
  for (const name of names) fs.cpSync(path.join(fixturesDir, name), contentDir, { recursive: true });
  options.prepare?.(contentDir);
  fs.mkdirSync(outDir);
  fs.writeFileSync(path.join(outDir, 'index.html'), LAST_GOOD_PAGE);
  const before = digestTree(contentDir);

  const { status, output } = await runBuild({
    KB_CONTENT_DIR: contentDir,
    KB_OUT_DIR: outDir,
    KB_CACHE_DIR: path.join(root, 'cache'),
    KB_SEARCH: '0',
    ...options.env,
  });

  const outEntries = fs.existsSync(outDir) ? fs.readdirSync(outDir) : [];
  const workDir = path.join(root, '.kb-build');
  const shortened = output
    .split(path.relative(repoRoot, contentDir))
    .join('<content>')
    .split(contentDir)
    .join('<content>');
  return {
    status,
    output,
    root,
    contentDir,
    outDir,
    contentUnchanged: digestTree(contentDir) === before,
    lastGoodKept:
      outEntries.length === 1 && fs.readFileSync(path.join(outDir, 'index.html'), 'utf8') === LAST_GOOD_PAGE,
    leftovers: fs.existsSync(workDir) ? fs.readdirSync(workDir) : [],
    messages: shortened,
  };
}

/** The report the build prints after "build failed:", where every problem is listed once. */
export function failureSummary(build: FixtureBuild): string {
  const at = build.messages.lastIndexOf('[kb] build failed:');
  return at >= 0 ? build.messages.slice(at) : '';
}

/** The report's entry (first line, detail lines, fix) about one file. */
export function problemAbout(build: FixtureBuild, file: string): string | undefined {
  return problemsAbout(build, file)[0];
}

/** Every entry of the report about one file. */
export function problemsAbout(build: FixtureBuild, file: string): string[] {
  const entries = failureSummary(build)
    .split(/\n(?= {2}[✗⚠] )/)
    .map((entry) => entry.replace(/\n\n[\s\S]*$/, '').trim());
  return entries.filter((entry) => /^[✗⚠] /.test(entry) && entry.split('\n')[0]!.includes(file));
}

export function removeBuild(build: FixtureBuild): void {
  fs.rmSync(build.root, { recursive: true, force: true });
}
