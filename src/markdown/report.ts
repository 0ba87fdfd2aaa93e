/**
 * How a Markdown plugin tells the author about a problem without stopping the build: the
 * problem is recorded on the file (typed vfile data) with the node's position, the plugin
 * marks the spot on the page and carries on, and the renderer hands every problem of the
 * article to the build's reporter. A build with content errors still renders every page,
 * so the author sees all problems in one run.
 */
import type { Element } from 'hast';
import type { VFile } from 'vfile';
import type { Problem, Severity } from '../lib/problems.ts';
import { originalPoint, type LineOrigin } from './display-math-lines.ts';

declare module 'vfile' {
  interface DataMap {
    /** Problems the plugins found in this file, in the order found. */
    problems: Problem[];
    /** Where the lines of the parsed text came from, when it was rewritten before parsing. */
    lineOrigins: LineOrigin[];
  }
}

/** A node's start as the author sees it: the line and column in the article file. */
export function sourcePoint(
  file: VFile,
  node: Positioned | null | undefined,
): { line: number; column: number } | undefined {
  const start = node?.position?.start;
  if (!start) return undefined;
  return file.data.lineOrigins
    ? originalPoint(file.data.lineOrigins, start)
    : { line: start.line, column: start.column };
}

interface Positioned {
  position?: { start: { line: number; column: number } } | undefined;
}

export interface Finding {
  rule: string;
  message: string;
  fix: string;
  severity?: Severity;
}

export function report(file: VFile, node: Positioned | null | undefined, finding: Finding): void {
  const start = sourcePoint(file, node);
  (file.data.problems ??= []).push({
    file: file.path || '<unknown file>',
    line: start?.line,
    column: start?.column,
    severity: finding.severity ?? 'error',
    rule: finding.rule,
    message: finding.message,
    fix: finding.fix,
  });
}

/**
 * What a reader sees where content could not be rendered: the source as written, marked
 * (styled in prose.css) with the reason as its title. Never a script, never the rest of
 * the page.
 */
export function errorMark(
  text: string,
  reason: string,
  options: { display?: boolean; className?: string } = {},
): Element {
  return {
    type: 'element',
    tagName: options.display ? 'div' : 'span',
    properties: { className: [options.className ?? 'kb-error'], title: reason },
    children: [{ type: 'text', value: text }],
  };
}
