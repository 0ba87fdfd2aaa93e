/**
 * Byte-for-byte comparison of two folders (every file, by path below each folder): what
 * the benchmark uses to prove a rebuild after edits wrote exactly what a cold build of the
 * same content writes. Paths use forward slashes so a failure reads the same everywhere.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TreeDifference {
  /** Files only the first folder has. */
  onlyInFirst: string[];
  /** Files only the second folder has. */
  onlyInSecond: string[];
  /** Files both have, with different bytes. */
  differing: string[];
}

/** Every file below `dir`, relative to it, sorted. */
export function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export function compareTrees(first: string, second: string): TreeDifference {
  const a = filesBelow(first);
  const b = new Set(filesBelow(second));
  const inA = new Set(a);
  return {
    onlyInFirst: a.filter((file) => !b.has(file)),
    onlyInSecond: [...b].filter((file) => !inA.has(file)),
    differing: a.filter(
      (file) =>
        b.has(file) && !fs.readFileSync(path.join(first, file)).equals(fs.readFileSync(path.join(second, file))),
    ),
  };
}

export const identical = (difference: TreeDifference) =>
  difference.onlyInFirst.length + difference.onlyInSecond.length + difference.differing.length === 0;
