/**
 * What the importer's tests share: a record of the notes a converter step takes, and an
 * import of one of our fixture sites (tests/fixtures/import-<tool>/) into a temporary
 * content folder, with a check that the source was left as it was.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importNotes, type ImportResult } from '../../scripts/import/run.ts';
import type { FileNotes } from '../../scripts/import/report.ts';
import type { SourceTool } from '../../scripts/import/site.ts';

export const fixtureOf = (tool: SourceTool): string =>
  path.resolve(import.meta.dirname, '../fixtures', `import-${tool}`);

/** Notes taken by a step, as `line: what` strings. */
export function recordNotes(): FileNotes & { taken: string[] } {
  const taken: string[] = [];
  return {
    taken,
    converted: (line, what) => taken.push(`${line ?? '-'}: ${what}`),
    notConverted: (line, what, detail) => taken.push(`${line ?? '-'}: NOT ${what}: ${detail}`),
    info: (what) => taken.push(`info: ${what}`),
  };
}

function digest(dir: string): string {
  const hash = crypto.createHash('sha256');
  for (const name of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, name);
    hash.update(name);
    const stat = fs.statSync(full);
    if (stat.isFile()) hash.update(fs.readFileSync(full)).update(String(stat.mtimeMs));
  }
  return hash.digest('hex');
}

export interface ImportedFixture {
  result: ImportResult;
  /** The content folder written. */
  dest: string;
  /** A file of the content folder, as text. */
  read(relative: string): string;
  /** The report as printed. */
  printed: string;
  /** The source is byte for byte (and time for time) what it was. */
  sourceUnchanged: boolean;
  remove(): void;
}

export function importFixture(tool: SourceTool): ImportedFixture {
  const source = fixtureOf(tool);
  const before = digest(source);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kb-import-${tool}-`));
  const dest = path.join(root, 'content');
  const result = importNotes({ from: tool, source, dest });
  return {
    result,
    dest,
    read: (relative) => fs.readFileSync(path.join(dest, relative), 'utf8'),
    printed: result.report.format(),
    sourceUnchanged: digest(source) === before,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
