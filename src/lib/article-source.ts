/**
 * Checks an article file as the author wrote it, before Astro parses it, so that every
 * problem is reported with the line it is on: encoding, an empty file, the frontmatter's
 * YAML (syntax, duplicate keys), dates that do not exist on the calendar, and the schema.
 *
 * Astro's own parser reports YAML errors without the file's line (its line counts from
 * the frontmatter), reports schema errors at line 0, rolls 2025-13-45 over into 2026
 * silently, and reads a file in another encoding as mojibake. A BOM and CRLF line endings
 * are fine: they are what editors on Windows write.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML, { isMap, isScalar, type Document, type Node } from 'yaml';
import type { z } from 'astro/zod';
import { listArticleFiles, slugFromPath, slugProblem } from './slugs.ts';

export interface SourceProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
  /** Warnings are reported and the article is published anyway. */
  severity: 'error' | 'warning';
}

/**
 * The largest article the build accepts. The library's longest is about 25 KB; a page
 * hundreds of times that takes minutes to build (every formula and code block is
 * rendered on the server) and is unusable on a phone.
 */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const MINIMAL_FRONTMATTER = '---\n  title: "标题"\n  date: 2025-06-12\n  tags: [attention]\n  ---';

/** The 1-based line of the first byte that is not UTF-8, or undefined when all is UTF-8. */
export function firstNonUtf8Line(bytes: Uint8Array): { line: number; byte: number } | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(bytes);
    return undefined;
  } catch {
    // Find the line: decode line by line (a newline byte never occurs inside a UTF-8 sequence).
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        const chunk = bytes.subarray(start, i);
        try {
          decoder.decode(chunk);
        } catch {
          const bad = chunk.findIndex((byte) => byte >= 0x80);
          return { line, byte: chunk[Math.max(bad, 0)] ?? 0 };
        }
        line++;
        start = i + 1;
      }
    }
    return { line: 1, byte: bytes[0] ?? 0 };
  }
}

/** A date literal as authors write it: 2025-06-12, optionally with a time. */
const DATE_LITERAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function dateLiteralProblem(text: string): string | undefined {
  const match = DATE_LITERAL.exec(text);
  if (!match) return `is not a date in the form YYYY-MM-DD`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `is not a day on the calendar (month ${month}, day ${day})`;
  }
  return undefined;
}

interface Frontmatter {
  /** The YAML text between the --- lines. */
  yaml: string;
  /** File line of the first YAML line (the line after the opening ---). */
  firstLine: number;
}

function splitFrontmatter(text: string): Frontmatter | undefined {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return undefined;
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) return undefined;
  return { yaml: lines.slice(1, end).join('\n'), firstLine: 2 };
}

function lineOf(yaml: string, offset: number, firstLine: number): number {
  let line = firstLine;
  for (let i = 0; i < offset && i < yaml.length; i++) if (yaml[i] === '\n') line++;
  return line;
}

/** The pair for a top-level key, to point at its line. */
function topLevelPair(doc: Document, key: string) {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

/**
 * Every problem in one article file. `schema` is the collection's frontmatter schema;
 * `now` decides what counts as a future date.
 */
export function checkArticleSource(bytes: Uint8Array, schema: z.ZodType, now: Date = new Date()): SourceProblem[] {
  const error = (line: number, message: string): SourceProblem => ({ line, message, severity: 'error' });

  const nonUtf8 = firstNonUtf8Line(bytes);
  if (nonUtf8) {
    return [error(nonUtf8.line, `the file is not UTF-8 text (byte 0x${nonUtf8.byte.toString(16).toUpperCase().padStart(2, '0')} on this line; GBK or Latin-1 perhaps). Re-save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8)`)];
  }
  if (bytes.length > MAX_ARTICLE_BYTES) {
    const megabytes = (size: number) => `${(size / 1024 / 1024).toFixed(1)} MB`;
    return [error(1, `the article is ${megabytes(bytes.length)}; articles may be at most ${megabytes(MAX_ARTICLE_BYTES)}. Split it into parts published as a series (series: <id> and seriesOrder: 1, 2, … in each part), and keep data or logs out of the article`)];
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    return [error(1, `the file is empty. An article starts with frontmatter, e.g.\n  ${MINIMAL_FRONTMATTER}\n  then the text; delete the file if it is not meant to be an article`)];
  }
  const frontmatter = splitFrontmatter(text);
  if (!frontmatter) {
    return [error(1, `no frontmatter: the file must start with a line "---", the fields, and another "---", e.g.\n  ${MINIMAL_FRONTMATTER}`)];
  }

  const doc = YAML.parseDocument(frontmatter.yaml, { uniqueKeys: true, prettyErrors: false });
  const problems: SourceProblem[] = [];
  for (const yamlError of doc.errors) {
    const line = lineOf(frontmatter.yaml, yamlError.pos[0], frontmatter.firstLine);
    if (yamlError.code === 'DUPLICATE_KEY') {
      const duplicate = /"?([^"]+)"?/.exec(yamlError.message.replace(/^Map keys must be unique;?\s*/, ''))?.[1];
      const pair = isMap(doc.contents) ? doc.contents.items.find((item) => isScalar(item.key) && item.key.range?.[0] === yamlError.pos[0]) : undefined;
      const key = pair && isScalar(pair.key) ? String(pair.key.value) : duplicate;
      const first = key ? topLevelPair(doc, key) : undefined;
      const firstLine = first && isScalar(first.key) && first.key.range ? lineOf(frontmatter.yaml, first.key.range[0], frontmatter.firstLine) : undefined;
      problems.push(error(line, `frontmatter key ${key ? `"${key}" ` : ''}appears twice${firstLine && firstLine !== line ? ` (first on line ${firstLine})` : ''}; keep one of them`));
    } else if (/closing "?quote/i.test(yamlError.message)) {
      // The parser notices at the end of the frontmatter; the author needs the opening line.
      const yamlLines = frontmatter.yaml.split('\n');
      const opened = yamlLines.findIndex((text) => (text.match(/(?<!\\)"/g) ?? []).length % 2 === 1 || (text.match(/'/g) ?? []).length % 2 === 1);
      problems.push(error(opened >= 0 ? frontmatter.firstLine + opened : line, `the frontmatter is not valid YAML: a quoted value is opened on this line and never closed; end it with the same quote mark, e.g.  title: "A title"`));
    } else {
      const reason = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      problems.push(error(line, `the frontmatter is not valid YAML: ${reason}. Check quotes and brackets on this line or the one before; a value containing ": " or "#" must be quoted, e.g.  title: "A: B"`));
    }
  }
  if (problems.length > 0) return problems;

  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || Array.isArray(data)) {
    return [error(frontmatter.firstLine, `the frontmatter must be fields such as  title: …  (one per line), not a ${Array.isArray(data) ? 'list' : 'single value'}`)];
  }
  const keyLine = (key: string): number | undefined => {
    const pair = topLevelPair(doc, key);
    const node = (pair?.key ?? undefined) as Node | undefined;
    return node?.range ? lineOf(frontmatter.yaml, node.range[0], frontmatter.firstLine) : undefined;
  };

  // Dates as written: YAML libraries differ on 2025-13-45 (one rolls it over into 2026).
  const badDates = new Set<string>();
  for (const field of ['date', 'updated']) {
    const pair = topLevelPair(doc, field);
    if (!pair || !isScalar(pair.value) || pair.value.source === undefined) continue;
    const literal = String(pair.value.source).trim();
    const problem = dateLiteralProblem(literal);
    if (problem) {
      badDates.add(field);
      problems.push(error(keyLine(field)!, `"${field}: ${literal}" ${problem}; write a real date such as  ${field}: 2025-06-12`));
    }
  }

  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (badDates.has(field)) continue;
      const line = field ? keyLine(field) : undefined;
      const missing = line === undefined;
      problems.push(error(line ?? 1, missing && field ? `${issue.message} (the frontmatter, lines 1–${frontmatter.firstLine + frontmatter.yaml.split('\n').length}, has no "${field}")` : issue.message));
    }
  } else {
    const parsed = result.data as { date?: Date; draft?: boolean };
    if (parsed.date instanceof Date && parsed.date.getTime() > now.getTime() && !parsed.draft) {
      problems.push({
        line: keyLine('date') ?? 1,
        severity: 'warning',
        message: `date ${parsed.date.toISOString().slice(0, 10)} is in the future; the article is published now anyway and listed first. Use today's date, or set  draft: true  until it is ready`,
      });
    }
  }
  return problems;
}

export interface FolderReport {
  /** `path:line — message` lines, one per problem. */
  errors: string[];
  warnings: string[];
}

const shownPath = (full: string) => (path.isAbsolute(full) ? path.relative(process.cwd(), full) || full : full);

/**
 * Every article file in the folder, checked; plus two files that would share a URL.
 * Paths in the report are relative to the working directory, like compiler messages.
 */
export function checkArticleFolder(articlesDir: string, schema: z.ZodType, now: Date = new Date()): FolderReport {
  const report: FolderReport = { errors: [], warnings: [] };
  const files = listArticleFiles(articlesDir);
  const owners = new Map<string, string>();
  for (const file of files) {
    const full = path.join(articlesDir, file);
    const slug = slugFromPath(file);
    const owner = owners.get(slug);
    if (owner) {
      report.errors.push(`${shownPath(full)}:1 — duplicate slug "${slug}": ${shownPath(path.join(articlesDir, owner))} has the same file name, and both would be published at /articles/${slug}/. Rename one of the files (the URL comes from the file name, not the folder)`);
    } else owners.set(slug, file);
    const slugIssue = slugProblem(slug);
    if (slugIssue) report.errors.push(`${shownPath(full)}:1 — ${slugIssue}`);
    for (const problem of checkArticleSource(fs.readFileSync(full), schema, now)) {
      (problem.severity === 'error' ? report.errors : report.warnings).push(`${shownPath(full)}:${problem.line} — ${problem.message}`);
    }
  }
  return report;
}

/** Thrown by the articles loader; the message lists every problem, one per line. */
export class ArticleSourceError extends Error {
  override name = 'ArticleSourceError';
  readonly problems: string[];
  // No parameter property: scripts/build.mjs loads this file with Node's type stripping.
  constructor(problems: string[]) {
    super(`${problems.length} problem(s) in the article files; nothing was published:\n${problems.map((problem) => `  ✗ ${problem.replace(/\n\s*/g, '\n    ')}`).join('\n')}`);
    this.problems = problems;
  }
}
