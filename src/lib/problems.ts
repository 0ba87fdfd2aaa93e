/**
 * What every check of the site reports: a problem an author can act on. The source checks,
 * the Markdown plugins, the Astro integration and the post-build checks all produce these;
 * one reporter (scripts/build/report.ts) prints them, grouped by file, all at once.
 */
import path from 'node:path';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** The file to edit (an absolute path), or '' when the problem is only known on a built page. */
  file: string;
  /** The URL path of the built page the problem was found on, if it was found there. */
  page?: string | undefined;
  /** 1-based line and column in that file, where known. */
  line?: number | undefined;
  column?: number | undefined;
  severity: Severity;
  /** A stable name for the kind of problem (`math/invalid-tex`), counted in the summary. */
  rule: string;
  /** What is wrong. May carry indented detail lines (the formula, the text around it). */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** A path as shown to the author: relative to the working directory, like compiler output. */
export function shownPath(file: string): string {
  return path.isAbsolute(file) ? path.relative(process.cwd(), file) || file : file;
}

/** What a problem is about, as shown: the file, else the page. */
export function subject(problem: Pick<Problem, 'file' | 'page'>): string {
  return problem.file ? shownPath(problem.file) : (problem.page ?? '');
}

/** `file:line:column`, as editors and terminals recognise it. */
export function location(problem: Pick<Problem, 'file' | 'page' | 'line' | 'column'>): string {
  const where = subject(problem);
  if (problem.line === undefined) return where;
  return problem.column === undefined ? `${where}:${problem.line}` : `${where}:${problem.line}:${problem.column}`;
}

/**
 * One problem as text: `file:line:col — message`, the message's detail lines indented
 * below it, then the fix on a line of its own.
 */
export function formatProblem(problem: Problem): string {
  const [first = '', ...details] = problem.message.split('\n');
  const lines = [`${location(problem)} — ${first}`, ...details.map((line) => `    ${line.trim()}`)];
  if (problem.fix) lines.push(`    fix: ${problem.fix}`);
  return lines.join('\n');
}

/** Sorted by file, then line and column, errors before warnings at one spot. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      subject(a).localeCompare(subject(b)) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.message.localeCompare(b.message),
  );
}

/** The same problem found twice (by two stages, or twice in one page) is reported once. */
export function uniqueProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${subject(problem)}\0${problem.line}\0${problem.column}\0${problem.rule}\0${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Lenient builds publish content errors as warnings (the page marks them). */
export function asWarning(problem: Problem): Problem {
  return problem.severity === 'warning' ? problem : { ...problem, severity: 'warning' };
}
