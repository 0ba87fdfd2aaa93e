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
