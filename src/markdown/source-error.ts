/**
 * Errors and warnings that point an author at the spot: `path:line:column — what is wrong.
 * What to do.` Astro prints thrown errors as they are, so the message carries everything.
 */
import path from 'node:path';

interface Positioned {
  position?: { start: { line: number; column: number } } | undefined;
}

interface FileLike {
  path?: string;
  history?: string[];
}

function fileName(file: FileLike): string {
  const full = file.path ?? file.history?.[0] ?? '<unknown file>';
  return path.isAbsolute(full) ? path.relative(process.cwd(), full) || full : full;
}

export function where(file: FileLike, node?: Positioned | null): string {
  const start = node?.position?.start;
  return start ? `${fileName(file)}:${start.line}:${start.column}` : fileName(file);
}

export class ContentError extends Error {
  override name = 'ContentError';
}

export function failAt(file: FileLike, node: Positioned | null | undefined, message: string): never {
  throw new ContentError(`${where(file, node)} — ${message}`);
}

export function warnAt(file: FileLike, node: Positioned | null | undefined, message: string): void {
  console.warn(`[kb] warning: ${where(file, node)} — ${message}`);
}
