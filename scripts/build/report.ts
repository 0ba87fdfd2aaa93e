/**
 * The one reporter: every problem of every stage, grouped by file, sorted by line, with a
 * count per rule and a total. The screen may show fewer (`--max-problems`); the full list
 * is always written as JSON next to the output folder, so nothing is ever lost to
 * truncation, and nothing is revealed stage by stage.
 */
import fs from 'node:fs';
import { formatProblem, sortProblems, subject, uniqueProblems, type Problem } from '../../src/lib/problems.ts';

export interface ReportSummary {
  problems: Problem[];
  errors: number;
  warnings: number;
}

/** Rules about the site's own code and setup: a lenient build still fails on them. */
const SITE_RULES = /^(headers|build)\//;

/** Lenient builds publish content errors as warnings (the pages mark them). */
export function applyLeniency(problems: Problem[], lenient: boolean): Problem[] {
  if (!lenient) return problems;
  return problems.map((problem) =>
    problem.severity === 'error' && !SITE_RULES.test(problem.rule) ? { ...problem, severity: 'warning' } : problem,
  );
}

export function summarise(problems: Problem[]): ReportSummary {
  const sorted = sortProblems(uniqueProblems(problems));
  return {
    problems: sorted,
    errors: sorted.filter((problem) => problem.severity === 'error').length,
    warnings: sorted.filter((problem) => problem.severity === 'warning').length,
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The report as text: a group per file, then the counts per rule. */
export function formatReport(summary: ReportSummary, maxProblems = Infinity): string {
  const lines: string[] = [];
  let shown = 0;
  let currentFile: string | undefined;
  for (const problem of summary.problems) {
    if (shown >= maxProblems) break;
    if (subject(problem) !== currentFile) {
      currentFile = subject(problem);
      const count = summary.problems.filter((other) => subject(other) === currentFile).length;
      lines.push('', `${currentFile} (${plural(count, 'problem')})`);
    }
    const [first, ...rest] = formatProblem(problem).split('\n');
    lines.push(`  ${problem.severity === 'error' ? '✗' : '⚠'} ${first}`, ...rest.map((line) => `  ${line}`));
    shown++;
  }
  if (shown < summary.problems.length)
    lines.push('', `  … and ${summary.problems.length - shown} more (every one is in the JSON file named above)`);
  const byRule = new Map<string, number>();
  for (const problem of summary.problems) byRule.set(problem.rule, (byRule.get(problem.rule) ?? 0) + 1);
  const rules = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (rules.length) lines.push('', `by rule: ${rules.map(([rule, count]) => `${rule} ${count}`).join(' · ')}`);
  return lines.join('\n');
}

export function headline(summary: ReportSummary): string {
  const files = new Set(summary.problems.map(subject)).size;
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(files, 'file')}`;
}

/** Writes every problem, as data, for editors and scripts. */
export function writeReport(summary: ReportSummary, jsonFile: string): void {
  fs.writeFileSync(
    jsonFile,
    `${JSON.stringify({ errors: summary.errors, warnings: summary.warnings, problems: summary.problems }, null, 2)}\n`,
  );
}
