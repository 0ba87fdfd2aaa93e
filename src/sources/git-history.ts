/**
 * When each file of the content folder was added, from git: one `git log` for the whole
 * folder, run only when some article has no date of its own. A folder that is not in a
 * repository, or a shallow clone (whose oldest commit is not the file's first), gives no
 * dates, and articles fall back to their files' modification times.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface GitDates {
  /** The commit that added the file, by absolute path; undefined when git cannot tell. */
  created(file: string): Date | undefined;
}

function git(dir: string, args: string[]): string | undefined {
  const result = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

export function gitDates(dir: string): GitDates {
  let dates: Map<string, Date> | undefined;
  const load = () => {
    dates = new Map();
    if (git(dir, ['rev-parse', '--is-shallow-repository'])?.trim() !== 'false') return dates;
    const log = git(dir, [
      'log',
      '--format=%x00%aI',
      '--name-only',
      '--diff-filter=A',
      '--relative',
      '--no-renames',
      '-z',
      '--',
      '.',
    ]);
    if (!log) return dates;
    // Newest first: the last date seen for a file is the commit that added it.
    let current: Date | undefined;
    for (const token of log.split('\0')) {
      const entry = token.trim();
      if (!entry) continue;
      if (/^\d{4}-\d{2}-\d{2}T/.test(entry) && !entry.includes('/')) current = new Date(entry);
      else if (current) for (const name of entry.split('\n').filter(Boolean)) dates.set(path.join(dir, name), current);
    }
    return dates;
  };
  return {
    created(file) {
      return (dates ?? load()).get(file);
    },
  };
}
