/**
 * Frontmatter as other tools write it (YAML between `---`, Hugo's TOML between `+++` or
 * JSON in braces) read into plain fields, and written back as the YAML this site reads.
 * The site itself is tolerant of field names (src/sources/frontmatter.ts); what it cannot
 * guess is handled here: TOML, Quarto's `12/1/2022` and `today`, values that are dates
 * in one tool and strings in another, and fields that only meant something to the old
 * tool's templates (`layout`, `format`, `menu`), which are dropped.
 */
import { parse as parseToml } from 'smol-toml';
import YAML from 'yaml';

export type Fields = Record<string, unknown>;

export interface SplitFile {
  /** The fields, or {} when the file has none. */
  data: Fields;
  /** What follows the frontmatter. */
  body: string;
  /** The file line the body starts on. */
  bodyLine: number;
  /** A frontmatter block that could not be read: its first line and why. */
  error?: { line: number; message: string } | undefined;
}

/** Splits a file's text into its frontmatter fields and its body. */
export function splitFrontmatter(text: string): SplitFile {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = clean.split('\n');
  const first = lines[0]?.trim();
  const fence = first === '---' ? '---' : first === '+++' ? '+++' : undefined;
  if (fence) {
    const end = lines.findIndex(
      (line, index) => index > 0 && (line.trim() === fence || (fence === '---' && line.trim() === '...')),
    );
    if (end > 0) {
      const raw = lines.slice(1, end).join('\n');
      const body = lines.slice(end + 1).join('\n');
      try {
        const parsed: unknown =
          fence === '+++' ? parseToml(raw) : YAML.parse(raw, { logLevel: 'silent', uniqueKeys: false });
        const data = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Fields) : {};
        return { data, body, bodyLine: end + 2 };
      } catch (error) {
        return {
          data: {},
          body,
          bodyLine: end + 2,
          error: { line: 1, message: (error as Error).message.split('\n')[0] ?? 'unreadable' },
        };
      }
    }
  }
  // Hugo also accepts a JSON object as frontmatter.
  if (first === '{') {
    const end = lines.findIndex((line) => line.trim() === '}');
    if (end > 0) {
      try {
        const data = JSON.parse(lines.slice(0, end + 1).join('\n')) as Fields;
        return { data, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
      } catch {
        // Not frontmatter: a body that starts with a brace.
      }
    }
  }
  return { data: {}, body: clean, bodyLine: 1 };
}

/** Fields that only the old tool's templates read; the site has no use for them. */
const TOOL_ONLY = new Set([
  'layout',
  'comments',
  'sidebar',
  'menu',
  'weight',
  'toc',
  'toc_sticky',
  'format',
  'execute',
  'jupyter',
  'engine',
  'editor',
  'number-sections',
  'knitr',
  'cssclasses',
  'cssclass',
  'search',
  'hide',
  'template',
  'nav_order',
  'parent',
  'has_children',
]);

/** The order fields are written in: the ones an author looks for first. */
const ORDER = [
  'title',
  'subtitle',
  'date',
  'updated',
  'description',
  'tags',
  'category',
  'series',
  'seriesOrder',
  'lang',
  'draft',
  'slug',
  'aliases',
  'redirect_from',
  'bibliography',
];

const pad = (value: number) => String(value).padStart(2, '0');
const isoDay = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/**
 * A date as the site reads it (`2025-06-12`, or with its time), from what tools write:
 * a YAML or TOML date, `2018-06-24 11:07:00 +0800`, `2020/3/1`, Quarto's `12/1/2022`,
 * `March 5, 2021`. Undefined for what is not a day (`today`, `last-modified`, nonsense).
 */
export function normaliseDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const hasTime = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() > 0;
    return hasTime ? value.toISOString().replace(/\.000(?=Z|[+-])/, '') : isoDay(value);
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return text;
  const ymd = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/.exec(text);
  if (ymd) return `${ymd[1]}-${pad(Number(ymd[2]))}-${pad(Number(ymd[3]))}`;
  // Quarto and Pandoc documents written in the US: month/day/year.
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (mdy) return `${mdy[3]}-${pad(Number(mdy[1]))}-${pad(Number(mdy[2]))}`;
  if (/^(today|now|last-modified)$/i.test(text)) return undefined;
  if (/[a-z]{3}/i.test(text) && /\d{4}/.test(text)) {
    const parsed = new Date(`${text} UTC`);
    if (!Number.isNaN(parsed.getTime())) return isoDay(parsed);
  }
  return undefined;
}

/** A list of names from a list or a space/comma separated string (Jekyll's `tags: a b`). */
export function nameList(value: unknown): string[] {
  if (Array.isArray(value))
    return value.flatMap((item) => (item === null || item === undefined ? [] : [String(item).trim()]));
  if (typeof value === 'string') return value.split(/[,，\s]+/).filter(Boolean);
  return [];
}

/** The fields written as YAML frontmatter: the site's fields first, tool-only ones dropped. */
export function formatFrontmatter(fields: Fields): string {
  const ordered: Fields = {};
  for (const key of ORDER) if (fields[key] !== undefined) ordered[key] = fields[key];
  for (const [key, value] of Object.entries(fields)) {
    if (key in ordered || TOOL_ONLY.has(key) || value === undefined) continue;
    ordered[key] = value instanceof Date ? normaliseDate(value) : value;
  }
  const yaml = YAML.stringify(ordered, { lineWidth: 0, defaultStringType: 'PLAIN' }).trimEnd();
  return `---\n${yaml}\n---\n`;
}
