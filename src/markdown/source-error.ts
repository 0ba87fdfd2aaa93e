/**
 * Errors and warnings that point an author at the spot: `path:line:column — what is wrong.
 * What to do.` Astro prints thrown errors as they are, so the message carries everything.
 */
import fs from 'node:fs';
import path from 'node:path';

interface Positioned {
  position?: { start: { line: number; column: number } } | undefined;
}

interface FileLike {
  path?: string;
  history?: string[];
  /** The text the plugins saw: for .md files Astro passes the body without the frontmatter. */
  value?: unknown;
}

function fileName(file: FileLike): string {
  const full = file.path ?? file.history?.[0] ?? '<unknown file>';
  return path.isAbsolute(full) ? path.relative(process.cwd(), full) || full : full;
}

/**
 * Lines above the text the plugins saw. Astro renders a .md file's body with the
 * frontmatter cut off and the rest trimmed, so positions count from the body's first
 * line; authors need the line in the file. (MDX keeps the frontmatter as blank lines.)
 */
export function lineOffset(source: string, processed: string): number {
  const head = processed.slice(0, 200);
  if (!head.trim()) return 0;
  const at = source.indexOf(head);
  if (at <= 0) return 0;
  return source.slice(0, at).split('\n').length - 1;
}

const offsets = new Map<string, number>();

function offsetFor(file: FileLike): number {
  const full = file.path ?? file.history?.[0];
  if (!full || typeof file.value !== 'string' || file.value === '') return 0;
  const key = `${full}\u0000${file.value.length}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    try {
      offset = lineOffset(fs.readFileSync(full, 'utf8'), file.value);
    } catch {
      offset = 0;
    }
    offsets.set(key, offset);
  }
  return offset;
}

export function where(file: FileLike, node?: Positioned | null): string {
  const start = node?.position?.start;
  return start ? `${fileName(file)}:${start.line + offsetFor(file)}:${start.column}` : fileName(file);
}

export class ContentError extends Error {
  override name = 'ContentError';
}

/**
 * Astro's glob loader logs a failed render and carries on with an empty page, so every
 * content error is also recorded here; src/integrations/strict-build.ts fails the build
 * on any of them. (On globalThis: the config and the content layer may load this module
 * through different module graphs.)
 */
const registry: string[] = ((globalThis as { __kbContentErrors?: string[] }).__kbContentErrors ??= []);

export function recordedContentErrors(): string[] {
  return registry;
}

export function failAt(file: FileLike, node: Positioned | null | undefined, message: string): never {
  const text = `${where(file, node)} — ${message}`;
  registry.push(text);
  throw new ContentError(text);
}

export function warnAt(file: FileLike, node: Positioned | null | undefined, message: string): void {
  console.warn(`[kb] warning: ${where(file, node)} — ${message}`);
}
