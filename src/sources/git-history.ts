/**
 * The content folder's history from git, read once per build with one `git log` (not one
 * per page): for every article file, the commits that changed it, newest first, following
 * renames. Pages take "last updated" and the revision list from here
 * (src/data/articles.ts); the frontmatter's `updated` still wins.
 *
 * Works without history too, never failing the build:
 * - a folder that is not in a git repository (or no git installed): no history, silently;
 * - a shallow clone (CI checkouts often are): its oldest commit seems to add every file,
 *   so dates from it would be wrong. No history, and one warning that says how to fetch it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../lib/problems.ts';
import { settings } from '../settings.ts';

export interface Revision {
  hash: string;
  /** Author date, ISO 8601 with the author's offset. */
  date: string;
  /** The commit message's first line. */
  subject: string;
}

export interface ContentHistory {
  state: 'ok' | 'not-a-repository' | 'shallow';
  /** The repository's top folder, when there is one. */
  repoRoot: string | undefined;
  /** Absolute file path → the commits that changed it, newest first. */
  revisions: Map<string, Revision[]>;
  /** At most one warning (a shallow clone). */
  problems: Problem[];
}

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return result.status === 0 ? result.stdout : undefined;
}

const RECORD = '\u001e';
const FIELD = '\u001f';

/**
 * Parses `git log --format=<RS>%H<US>%aI<US>%s --name-status -M`. Commits come newest
 * first: a rename `R old new` means the older commits of `old` belong to the file now at
 * (whatever `new` became).
 */
export function parseLog(output: string, repoRoot: string): Map<string, Revision[]> {
  const revisions = new Map<string, Revision[]>();
  /** A path in older commits → the path that file has now. */
  const renamedTo = new Map<string, string>();
  const current = (file: string) => renamedTo.get(file) ?? file;
  const add = (file: string, revision: Revision) => {
    const absolute = path.join(repoRoot, file);
    const list = revisions.get(absolute) ?? revisions.set(absolute, []).get(absolute)!;
    if (list.at(-1)?.hash !== revision.hash) list.push(revision);
  };
  for (const record of output.split(RECORD)) {
    if (!record.trim()) continue;
    const [header = '', ...lines] = record.split('\n');
    const [hash = '', date = '', subject = ''] = header.split(FIELD);
    const revision: Revision = { hash, date, subject };
    for (const line of lines) {
      const [status = '', first, second] = line.split('\t');
      if (!first) continue;
      if (status.startsWith('R') && second) {
        const now = current(second);
        add(now, revision);
        renamedTo.set(first, now);
      } else if (status.startsWith('C') && second) add(current(second), revision);
      else if (status === 'D') renamedTo.delete(first);
      else add(current(first), revision);
    }
  }
  return revisions;
}

/** Reads the history of every file below `contentDir`. */
export function readHistory(contentDir: string): ContentHistory {
  const none = (state: ContentHistory['state'], problems: Problem[] = []): ContentHistory => ({
    state,
    repoRoot: undefined,
    revisions: new Map(),
    problems,
  });
  const probe = git(contentDir, ['rev-parse', '--show-toplevel', '--is-shallow-repository'])?.split('\n');
  const repoRoot = probe?.[0]?.trim();
  if (!probe || !repoRoot) return none('not-a-repository');
  if (probe[1]?.trim() === 'true') {
    return none('shallow', [
      {
        file: contentDir,
        severity: 'warning',
        rule: 'history/shallow-clone',
        message:
          'the content folder is in a shallow git clone, whose oldest commit seems to change every file: "last updated" dates and revision lists come from the frontmatter only',
        fix: 'fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)',
      },
    ]);
  }
  // git names real paths; the rest of the build knows files below contentDir as given.
  const realContentDir = fs.realpathSync(contentDir);
  const output = git(repoRoot, [
    'log',
    `--format=${RECORD}%H${FIELD}%aI${FIELD}%s`,
    '--name-status',
    '-M',
    '--no-color',
    '--',
    path.relative(repoRoot, realContentDir) || '.',
  ]);
  // A repository without commits yet: nothing to tell.
  if (output === undefined) return { ...none('ok'), repoRoot };
  const revisions = new Map<string, Revision[]>();
  for (const [file, list] of parseLog(output, repoRoot))
    revisions.set(path.join(contentDir, path.relative(realContentDir, file)), list);
  return { state: 'ok', repoRoot, revisions, problems: [] };
}

/**
 * What identifies the history as a build sees it: the commit checked out. The build's
 * "nothing changed" check includes it, since a commit can change a revision list without
 * changing any file (an amended message).
 */
export function historyVersion(contentDir: string): string {
  return git(contentDir, ['rev-parse', 'HEAD'])?.trim() ?? 'no-history';
}

let cached: ContentHistory | undefined;

/** The history of the configured content folder, read once per process. */
export function contentHistory(): ContentHistory {
  cached ??= readHistory(settings.contentDir);
  return cached;
}

/** An article file's path inside its repository, with forward slashes. */
export function repositoryPath(file: string): string | undefined {
  const { repoRoot } = contentHistory();
  if (!repoRoot) return undefined;
  const real = path.join(fs.realpathSync(settings.contentDir), path.relative(settings.contentDir, file));
  return path.relative(repoRoot, real).split(path.sep).join('/');
}

export interface GitDates {
  /** When the file was first committed (renames followed), by absolute path; undefined when git cannot tell. */
  created(file: string): Date | undefined;
}

/**
 * For articles with no date of their own (notes imported from docsify or Obsidian): the
 * day each file was added, from the same history, read only when first asked. A folder
 * outside git or a shallow clone gives no dates (the file's modification time is used).
 */
export function gitDates(dir: string): GitDates {
  let history: ContentHistory | undefined;
  return {
    created(file) {
      history ??= readHistory(dir);
      const first = history.revisions.get(file)?.at(-1);
      return first ? new Date(first.date) : undefined;
    },
  };
}
