/**
 * An article file as the author wrote it, checked before anything renders it, so that every
 * problem is reported with the line it is on: the encoding, an empty or huge file, the
 * frontmatter's YAML (syntax, duplicate keys), dates that are not on the calendar, and each
 * field. Problems never stop the reading: a field that is wrong is reported and replaced by
 * a fallback, so the rest of the build still runs and reports everything else too.
 *
 * Astro's own frontmatter parser reports YAML errors without the file's line, rolls
 * 2025-13-45 over into 2026 silently and reads another encoding as mojibake. A BOM and CRLF
 * line endings are fine: they are what editors on Windows write.
 */
import YAML, { isMap, isScalar, type Document, type Node } from 'yaml';
import type { Problem } from '../lib/problems.ts';
import { articleDataSchema, type ArticleData } from '../lib/article-schema.ts';

/**
 * The largest article the build accepts. The library's longest is about 25 KB; a page
 * hundreds of times that takes minutes to build (every formula and code block is
 * rendered on the server) and is unusable on a phone.
 */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const MINIMAL_FRONTMATTER = '---\ntitle: "标题"\ndate: 2025-06-12\ntags: [attention]\n---';

/** Tag ids appear in URLs: lowercase letters (any script), digits, single hyphens. */
const TERM_ID = /^[\p{Ll}\p{Lo}0-9]+(?:-[\p{Ll}\p{Lo}0-9]+)*$/u;

/** A finding about one file, before it is tied to the file's path. */
export type FileProblem = Omit<Problem, 'file'>;

const error = (line: number, rule: string, message: string, fix: string): FileProblem => ({
  line,
  severity: 'error',
  rule,
  message,
  fix,
});

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

interface FrontmatterBlock {
  /** The YAML text between the --- lines. */
  yaml: string;
  /** File line of the first YAML line (the line after the opening ---). */
  firstLine: number;
  /** File line of the closing ---. */
  lastLine: number;
}

function splitFrontmatter(text: string): FrontmatterBlock | undefined {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return undefined;
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) return undefined;
  return { yaml: lines.slice(1, end).join('\n'), firstLine: 2, lastLine: end + 1 };
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

function yamlProblems(doc: Document, block: FrontmatterBlock): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const yamlError of doc.errors) {
    const line = lineOf(block.yaml, yamlError.pos[0], block.firstLine);
    if (yamlError.code === 'DUPLICATE_KEY') {
      const duplicate = /"?([^"]+)"?/.exec(yamlError.message.replace(/^Map keys must be unique;?\s*/, ''))?.[1];
      const pair = isMap(doc.contents)
        ? doc.contents.items.find((item) => isScalar(item.key) && item.key.range?.[0] === yamlError.pos[0])
        : undefined;
      const key = pair && isScalar(pair.key) ? String(pair.key.value) : duplicate;
      const first = key ? topLevelPair(doc, key) : undefined;
      const firstLine =
        first && isScalar(first.key) && first.key.range
          ? lineOf(block.yaml, first.key.range[0], block.firstLine)
          : undefined;
      problems.push(
        error(
          line,
          'frontmatter/duplicate-key',
          `frontmatter key ${key ? `"${key}" ` : ''}appears twice${firstLine && firstLine !== line ? ` (first on line ${firstLine})` : ''}`,
          'keep one of them',
        ),
      );
    } else if (/closing "?quote/i.test(yamlError.message)) {
      // The parser notices at the end of the frontmatter; the author needs the opening line.
      const yamlLines = block.yaml.split('\n');
      const opened = yamlLines.findIndex(
        (text) => (text.match(/(?<!\\)"/g) ?? []).length % 2 === 1 || (text.match(/'/g) ?? []).length % 2 === 1,
      );
      problems.push(
        error(
          opened >= 0 ? block.firstLine + opened : line,
          'frontmatter/yaml',
          'the frontmatter is not valid YAML: a quoted value is opened on this line and never closed',
          'end it with the same quote mark, e.g.  title: "A title"',
        ),
      );
    } else {
      const reason = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      problems.push(
        error(
          line,
          'frontmatter/yaml',
          `the frontmatter is not valid YAML: ${reason}`,
          'check quotes and brackets on this line or the one before; a value containing ": " or "#" must be quoted, e.g.  title: "A: B"',
        ),
      );
    }
  }
  return problems;
}

export interface ReadArticle {
  /** The frontmatter, normalised; fallbacks stand in for fields that were wrong. */
  data: ArticleData;
  /** The Markdown after the frontmatter. */
  body: string;
  /** Line of the body's first line in the file. */
  bodyLine: number;
  problems: FileProblem[];
  /** False when the file cannot be an article at all (encoding, size, empty). */
  publishable: boolean;
}

export interface ReadContext {
  /** Category ids of the taxonomy. */
  categories: string[];
  /** The name an article without a usable title gets (its file name). */
  fallbackTitle: string;
  /** The date an article without a usable date gets. */
  fallbackDate: Date;
  /** What counts as a future date. */
  now: Date;
}

/** Every problem in one article file, and its frontmatter as far as it can be read. */
export function readArticle(bytes: Uint8Array, context: ReadContext): ReadArticle {
  const fallback: ArticleData = {
    title: context.fallbackTitle,
    date: context.fallbackDate,
    tags: [],
    lang: 'zh',
    draft: false,
    papers: [],
  };
  const unpublishable = (problem: FileProblem): ReadArticle => ({
    data: fallback,
    body: '',
    bodyLine: 1,
    problems: [problem],
    publishable: false,
  });

  const nonUtf8 = firstNonUtf8Line(bytes);
  if (nonUtf8) {
    return unpublishable(
      error(
        nonUtf8.line,
        'file/encoding',
        `the file is not UTF-8 text (byte 0x${nonUtf8.byte.toString(16).toUpperCase().padStart(2, '0')} on this line; GBK or Latin-1 perhaps)`,
        're-save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8)',
      ),
    );
  }
  if (bytes.length > MAX_ARTICLE_BYTES) {
    const megabytes = (size: number) => `${(size / 1024 / 1024).toFixed(1)} MB`;
    return unpublishable(
      error(
        1,
        'file/too-large',
        `the article is ${megabytes(bytes.length)}; articles may be at most ${megabytes(MAX_ARTICLE_BYTES)}`,
        'split it into parts published as a series (series: <id> and seriesOrder: 1, 2, … in each part), and keep data or logs out of the article',
      ),
    );
  }
  const text = new TextDecoder('utf-8')
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    return unpublishable(
      error(
        1,
        'file/empty',
        `the file is empty. An article starts with frontmatter, e.g.\n${MINIMAL_FRONTMATTER}\nthen the text`,
        'write the article, or delete the file if it is not meant to be one',
      ),
    );
  }
  const block = splitFrontmatter(text);
  if (!block) {
    return unpublishable(
      error(
        1,
        'frontmatter/missing',
        `no frontmatter: the file must start with a line "---", the fields, and another "---", e.g.\n${MINIMAL_FRONTMATTER}`,
        'add the frontmatter at the top of the file',
      ),
    );
  }
  const body = text.split('\n').slice(block.lastLine).join('\n');
  const result = (data: ArticleData, problems: FileProblem[]): ReadArticle => ({
    data,
    body,
    bodyLine: block.lastLine + 1,
    problems,
    publishable: true,
  });

  const doc = YAML.parseDocument(block.yaml, { uniqueKeys: true, prettyErrors: false });
  const syntax = yamlProblems(doc, block);
  if (syntax.length > 0) return result(fallback, syntax);

  const raw = doc.toJS() as unknown;
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    return result(fallback, [
      error(
        block.firstLine,
        'frontmatter/not-a-map',
        `the frontmatter must be fields such as  title: …  (one per line), not a ${Array.isArray(raw) ? 'list' : 'single value'}`,
        'write one field per line',
      ),
    ]);
  }
  return normaliseFields((raw ?? {}) as Record<string, unknown>, doc, block, context, fallback, result);
}

/** Fields with rules of their own below; the other optional strings of the schema are plain text. */
const SPECIAL_FIELDS = new Set([
  'title',
  'date',
  'updated',
  'tags',
  'category',
  'series',
  'seriesOrder',
  'lang',
  'draft',
  'papers',
  'noindex',
  'translations',
]);
const optionalTextFields = Object.entries(articleDataSchema.shape)
  .filter(
    ([name, type]) => !SPECIAL_FIELDS.has(name) && type.safeParse(undefined).success && type.safeParse('x').success,
  )
  .map(([name]) => name);

/** Each field checked on its own; a wrong one is reported at its line and falls back. */
function normaliseFields(
  raw: Record<string, unknown>,
  doc: Document,
  block: FrontmatterBlock,
  context: ReadContext,
  fallback: ArticleData,
  result: (data: ArticleData, problems: FileProblem[]) => ReadArticle,
): ReadArticle {
  const problems: FileProblem[] = [];
  const keyLine = (key: string): number | undefined => {
    const node = (topLevelPair(doc, key)?.key ?? undefined) as Node | undefined;
    return node?.range ? lineOf(block.yaml, node.range[0], block.firstLine) : undefined;
  };
  const fieldError = (field: string, rule: string, message: string, fix: string) =>
    problems.push(error(keyLine(field) ?? 1, rule, message, fix));
  const missing = (field: string, message: string, fix: string) =>
    problems.push(
      error(
        1,
        'frontmatter/missing-field',
        `${message} (the frontmatter, lines 1–${block.lastLine}, has no "${field}")`,
        fix,
      ),
    );

  const data: ArticleData = { ...fallback };

  if (raw.title === undefined)
    missing('title', '"title" is required', 'add a line such as  title: "RoPE：用绝对位置实现相对位置"');
  else if (typeof raw.title !== 'string')
    fieldError('title', 'frontmatter/title', '"title" must be text', 'write it as  title: "A title"');
  else if (!raw.title.trim())
    fieldError('title', 'frontmatter/title', '"title" must not be empty', "write the article's title after  title:");
  else data.title = raw.title.trim();

  const date = (field: 'date' | 'updated'): Date | undefined => {
    const value = raw[field];
    if (value === undefined) return undefined;
    const pair = topLevelPair(doc, field);
    const literal =
      pair && isScalar(pair.value) && pair.value.source !== undefined
        ? String(pair.value.source).trim()
        : String(value);
    const problem =
      value instanceof Date || typeof value === 'string'
        ? dateLiteralProblem(literal)
        : 'is not a date in the form YYYY-MM-DD';
    const parsed = new Date(value instanceof Date ? value.getTime() : String(value));
    if (problem || Number.isNaN(parsed.getTime())) {
      fieldError(
        field,
        'frontmatter/date',
        `"${field}: ${literal}" ${problem ?? 'is not a date'}`,
        `write a real date such as  ${field}: 2025-06-12`,
      );
      return undefined;
    }
    return parsed;
  };
  if (raw.date === undefined)
    missing('date', '"date" must be a date such as 2025-06-12 (YYYY-MM-DD)', 'add a line such as  date: 2025-06-12');
  else data.date = date('date') ?? data.date;
  const updated = date('updated');
  if (updated) data.updated = updated;

  // Optional text fields of the schema that need no rule of their own (description,
  // subtitle, …): text, trimmed, empty means absent. A new one needs only the schema.
  for (const field of optionalTextFields) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'string')
      fieldError(field, `frontmatter/${field}`, `"${field}" must be text`, `write it as  ${field}: "One sentence."`);
    else if (value.trim()) (data as Record<string, unknown>)[field] = value.trim();
  }

  if (raw.tags === undefined) missing('tags', '"tags" needs at least one tag', 'add a line such as  tags: [attention]');
  else if (!Array.isArray(raw.tags))
    fieldError('tags', 'frontmatter/tags', '"tags" must be a list', 'write it as  tags: [rope, attention]');
  else {
    const tags = raw.tags.map((tag) => String(tag).trim()).filter(Boolean);
    for (const tag of tags.filter((tag) => !TERM_ID.test(tag))) {
      fieldError(
        'tags',
        'frontmatter/tag-id',
        `tag "${tag}" cannot be part of a URL (/tags/<tag>/)`,
        'use lowercase words joined by hyphens, e.g. kv-cache, and give it a display name under tags: in the taxonomy file',
      );
    }
    data.tags = [...new Set(tags.filter((tag) => TERM_ID.test(tag)))];
    if (tags.length === 0)
      fieldError('tags', 'frontmatter/tags', '"tags" needs at least one tag', 'write it as  tags: [attention]');
  }

  if (raw.category !== undefined) {
    const category = String(raw.category);
    if (context.categories.includes(category)) data.category = category;
    else
      fieldError(
        'category',
        'frontmatter/category',
        `unknown category "${category}"`,
        `use one of: ${context.categories.join(', ')} (or add it to the taxonomy file)`,
      );
  }

  if (raw.series !== undefined) {
    if (typeof raw.series === 'string' && raw.series.trim()) data.series = raw.series.trim();
    else
      fieldError(
        'series',
        'frontmatter/series',
        '"series" must be the id of a series',
        'write it as  series: efficient-attention',
      );
  }
  if (raw.seriesOrder !== undefined) {
    if (typeof raw.seriesOrder !== 'number' || !Number.isInteger(raw.seriesOrder) || raw.seriesOrder < 1) {
      fieldError(
        'seriesOrder',
        'frontmatter/series-order',
        '"seriesOrder" must be a whole number, 1 or more',
        'write it as  seriesOrder: 2',
      );
    } else if (data.series === undefined) {
      fieldError(
        'seriesOrder',
        'frontmatter/series-order',
        '"seriesOrder" is set but "series" is not',
        'add  series: <series-id>',
      );
    } else data.seriesOrder = raw.seriesOrder;
  }

  if (raw.lang !== undefined) {
    if (raw.lang === 'zh' || raw.lang === 'en') data.lang = raw.lang;
    else fieldError('lang', 'frontmatter/lang', '"lang" must be zh or en', 'write  lang: zh  or  lang: en');
  }
  if (raw.draft !== undefined) {
    if (typeof raw.draft === 'boolean') data.draft = raw.draft;
    else
      fieldError(
        'draft',
        'frontmatter/draft',
        '"draft" must be true or false',
        'write  draft: true  or remove the line',
      );
  }
  if (raw.noindex !== undefined) {
    if (typeof raw.noindex === 'boolean') data.noindex = raw.noindex;
    else
      fieldError(
        'noindex',
        'frontmatter/noindex',
        '"noindex" must be true or false',
        'write  noindex: true  or remove the line',
      );
  }
  if (raw.translations !== undefined) {
    const value = raw.translations;
    const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
    const valid = entries?.every(
      ([lang, slug]) => (lang === 'zh' || lang === 'en') && typeof slug === 'string' && slug.trim(),
    );
    if (entries && valid)
      data.translations = Object.fromEntries(entries.map(([lang, slug]) => [lang, String(slug).trim()]));
    else
      fieldError(
        'translations',
        'frontmatter/translations',
        '"translations" must map a language (zh or en) to the slug of the article in that language',
        'write it as  translations: { en: rope-en }',
      );
  }
  if (raw.papers !== undefined) {
    if (Array.isArray(raw.papers)) data.papers = raw.papers.map((id) => String(id).trim()).filter(Boolean);
    else
      fieldError(
        'papers',
        'frontmatter/papers',
        '"papers" must be a list',
        'write it as  papers: ["arXiv:2104.09864"]',
      );
  }

  if (
    data.date.getTime() > context.now.getTime() &&
    !data.draft &&
    raw.date !== undefined &&
    !problems.some((problem) => problem.rule === 'frontmatter/date')
  ) {
    problems.push({
      line: keyLine('date') ?? 1,
      severity: 'warning',
      rule: 'frontmatter/future-date',
      message: `date ${data.date.toISOString().slice(0, 10)} is in the future; the article is published now anyway and listed first`,
      fix: "use today's date, or set  draft: true  until it is ready",
    });
  }
  return result(articleDataSchema.parse(data), problems);
}
