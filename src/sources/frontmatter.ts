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
import { termId } from '../lib/slugs.ts';
import { articleDataSchema, type ArticleData } from '../lib/article-schema.ts';

/**
 * The largest article the build accepts. The library's longest is about 25 KB; a page
 * hundreds of times that takes minutes to build (every formula and code block is
 * rendered on the server) and is unusable on a phone.
 */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const MINIMAL_FRONTMATTER = '---\ntitle: "标题"\ndate: 2025-06-12\ntags: [attention]\n---';

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
const DATE_LITERAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

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

/** An article's text as the reader parses it: no byte-order mark, `\n` line ends. */
const normalisedText = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/** The frontmatter block of an article's text, `---` lines included ('' without one). */
export function frontmatterBlock(text: string): string {
  const normal = normalisedText(text);
  const block = splitFrontmatter(normal);
  return block ? normal.split('\n').slice(0, block.lastLine).join('\n') : '';
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
  /** The frontmatter, normalised; fallbacks stand in for fields that were wrong or absent. */
  data: ArticleData;
  /** The Markdown after the frontmatter. */
  body: string;
  /** Line of the body's first line in the file. */
  bodyLine: number;
  problems: FileProblem[];
  /** False when the file cannot be an article at all (encoding, size, empty). */
  publishable: boolean;
  /** The slug the frontmatter asks for (`slug:`, or the last part of `permalink:`). */
  slug: string | undefined;
}

export interface ReadContext {
  /**
   * Category ids of the taxonomy file, or undefined when it defines none: then any
   * category an article names is accepted (an imported blog brings its own).
   */
  categories: string[] | undefined;
  /** The title of an article without one: its file name. */
  fallbackTitle: string;
  /** When the file was first committed, if it is in a git repository. */
  created: Date | undefined;
  /** The file's modification time, the last resort for a date. */
  modified: Date;
  /** What counts as a future date. */
  now: Date;
}

/** Tags written as a list, or as one string separated by spaces or commas (Jekyll's form). */
function termList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/[,，、\s]+/).filter(Boolean);
  if (Array.isArray(value)) return value.flatMap((item) => (item === null || item === undefined ? [] : [String(item)]));
  return undefined;
}

/** The first `# heading` of Markdown, outside code fences. */
export function firstHeading(markdown: string): { text: string; line: number } | undefined {
  let fence: string | undefined;
  const lines = markdown.split('\n');
  for (const [index, line] of lines.entries()) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (!fence) fence = marker[0]!.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence) continue;
    const heading = /^\s{0,3}#\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) return { text: heading[1]!.replace(/\s*\{[#.][^}]*\}\s*$/, '').trim(), line: index + 1 };
  }
  return undefined;
}

/** Names a field goes by in the tools people come from; the first one present is read. */
const FIELD_NAMES = {
  title: ['title'],
  date: ['date', 'pubDate', 'publishDate', 'published_at', 'created'],
  updated: ['updated', 'lastmod', 'last_modified_at', 'modified', 'updatedDate', 'lastUpdated'],
  description: ['description', 'summary', 'excerpt', 'abstract'],
  tags: ['tags', 'tag', 'keywords'],
  category: ['category', 'categories'],
  lang: ['lang', 'language', 'locale'],
} as const;

/** Every problem in one article file, and its frontmatter as far as it can be read. */
export function readArticle(bytes: Uint8Array, context: ReadContext): ReadArticle {
  const fallback: ArticleData = {
    title: context.fallbackTitle,
    date: context.created ?? context.modified,
    tags: [],
    lang: 'zh',
    draft: false,
    papers: [],
    aliases: [],
    redirects: [],
    termNames: {},
  };
  const unpublishable = (problem: FileProblem): ReadArticle => ({
    data: fallback,
    body: '',
    bodyLine: 1,
    problems: [problem],
    publishable: false,
    slug: undefined,
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
  const text = normalisedText(new TextDecoder('utf-8').decode(bytes));
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
  const body = block ? text.split('\n').slice(block.lastLine).join('\n') : text;
  const bodyLine = block ? block.lastLine + 1 : 1;
  const heading = firstHeading(body);
  const result = (data: ArticleData, problems: FileProblem[], slug?: string): ReadArticle => ({
    data,
    body,
    bodyLine,
    problems,
    publishable: true,
    slug,
  });

  // A file without frontmatter is an article too (every docsify or GitHub page is one):
  // its title is its first heading, or its file name; its date is when git first saw it.
  const withoutFrontmatter = (problems: FileProblem[]) => {
    const data = { ...fallback, title: heading?.text || fallback.title };
    if (!context.created) problems.push(dateFromModificationTime());
    return result(data, problems);
  };
  if (!block) return withoutFrontmatter([]);

  const doc = YAML.parseDocument(block.yaml, { uniqueKeys: true, prettyErrors: false });
  const syntax = yamlProblems(doc, block);
  if (syntax.length > 0) return result(fallback, syntax);

  const raw = doc.toJS() as unknown;
  if (raw === null || raw === undefined) return withoutFrontmatter([]);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return result(fallback, [
      error(
        block.firstLine,
        'frontmatter/not-a-map',
        `the frontmatter must be fields such as  title: …  (one per line), not a ${Array.isArray(raw) ? 'list' : 'single value'}`,
        'write one field per line',
      ),
    ]);
  }
  return normaliseFields(
    raw as Record<string, unknown>,
    doc,
    block,
    context,
    { ...fallback, title: heading?.text || fallback.title },
    result,
  );
}

function dateFromModificationTime(): FileProblem {
  return {
    line: 1,
    severity: 'warning',
    rule: 'frontmatter/no-date',
    message:
      "no date: the article is dated by the file's modification time (the file is not in a git repository, which would give the day it was added)",
    fix: 'add a line such as  date: 2025-06-12  to the frontmatter',
  };
}

/** Fields with rules of their own below; the other optional strings of the schema are plain text. */
const SPECIAL_FIELDS = new Set<string>([
  ...Object.keys(FIELD_NAMES),
  'series',
  'seriesOrder',
  'draft',
  'papers',
  'aliases',
  'redirects',
  'termNames',
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
  result: (data: ArticleData, problems: FileProblem[], slug?: string) => ReadArticle,
): ReadArticle {
  const problems: FileProblem[] = [];
  const keyLine = (key: string): number | undefined => {
    const node = (topLevelPair(doc, key)?.key ?? undefined) as Node | undefined;
    return node?.range ? lineOf(block.yaml, node.range[0], block.firstLine) : undefined;
  };
  const fieldError = (field: string, rule: string, message: string, fix: string) =>
    problems.push(error(keyLine(field) ?? 1, rule, message, fix));
  /** The name and value of the first of a field's names that is present. */
  const pick = (names: readonly string[]): [string, unknown] | undefined => {
    for (const name of names) if (raw[name] !== undefined && raw[name] !== null) return [name, raw[name]];
    return undefined;
  };

  const data: ArticleData = { ...fallback };

  const title = pick(FIELD_NAMES.title);
  if (title) {
    const [, value] = title;
    if (typeof value === 'string' || typeof value === 'number') {
      if (String(value).trim()) data.title = String(value).trim();
      else fieldError('title', 'frontmatter/title', '"title" is empty', "write the article's title after  title:");
    } else
      fieldError(
        'title',
        'frontmatter/title',
        '"title" must be text, not a list or a map',
        'write it as  title: "A title"',
      );
  }

  const date = (field: string, value: unknown): Date | undefined => {
    const pair = topLevelPair(doc, field);
    const literal =
      pair && isScalar(pair.value) && pair.value.source !== undefined
        ? String(pair.value.source).trim()
        : String(value);
    // Slashes and dots are written too: 2020/03/01, 2020.03.01.
    const normal = literal.replace(
      /^(\d{4})[./](\d{1,2})[./](\d{1,2})/,
      (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
    );
    const problem =
      value instanceof Date || typeof value === 'string'
        ? dateLiteralProblem(normal)
        : 'is not a date in the form YYYY-MM-DD';
    // Jekyll writes "2020-03-01 10:00:00 +0800"; Date wants "2020-03-01T10:00:00+08:00".
    const iso = normal.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2').replace(/\s?([+-])(\d{2}):?(\d{2})$/, '$1$2:$3');
    const parsed = new Date(value instanceof Date ? value.getTime() : iso);
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
  const dateField = pick(FIELD_NAMES.date);
  if (dateField) data.date = date(dateField[0], dateField[1]) ?? data.date;
  else if (!context.created) problems.push(dateFromModificationTime());
  const updatedField = pick(FIELD_NAMES.updated);
  const updated = updatedField ? date(updatedField[0], updatedField[1]) : undefined;
  if (updated) data.updated = updated;

  const description = pick(FIELD_NAMES.description);
  if (description) {
    if (typeof description[1] !== 'string') {
      fieldError(
        description[0],
        'frontmatter/description',
        `"${description[0]}" must be text`,
        `write it as  ${description[0]}: "One sentence."`,
      );
    } else if (description[1].trim()) data.description = description[1].trim();
  }

  // Optional text fields of the schema that need no rule of their own (subtitle, …):
  // text, trimmed, empty means absent. A new one needs only the schema.
  for (const field of optionalTextFields) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string')
      fieldError(field, `frontmatter/${field}`, `"${field}" must be text`, `write it as  ${field}: "One sentence."`);
    else if (value.trim()) (data as Record<string, unknown>)[field] = value.trim();
  }

  const tags = pick(FIELD_NAMES.tags);
  if (tags) {
    const names = termList(tags[1]);
    if (!names)
      fieldError(tags[0], 'frontmatter/tags', `"${tags[0]}" must be a list`, 'write it as  tags: [rope, attention]');
    else {
      for (const name of names) {
        const id = termId(name.replace(/^#/, ''));
        if (!id) continue;
        if (!data.tags.includes(id)) data.tags.push(id);
        data.termNames[id] ??= name.replace(/^#/, '').trim();
      }
    }
  }

  const category = pick(FIELD_NAMES.category);
  if (category) {
    // `category: Deep Learning` is one name; Jekyll's `categories: a b` is a list, the first counts.
    const name =
      category[0] === 'category' && typeof category[1] === 'string' ? category[1] : termList(category[1])?.[0];
    const id = name ? termId(name) : '';
    if (!id)
      fieldError(
        category[0],
        'frontmatter/category',
        `"${category[0]}" must name a category`,
        'write it as  category: transformer',
      );
    else if (context.categories && !context.categories.includes(id)) {
      fieldError(
        category[0],
        'frontmatter/category',
        `unknown category "${name}"`,
        `use one of: ${context.categories.join(', ')} (or add it to the taxonomy file)`,
      );
    } else {
      data.category = id;
      data.termNames[id] ??= name!.trim();
    }
  }

  if (raw.series !== undefined && raw.series !== null) {
    if ((typeof raw.series === 'string' || typeof raw.series === 'number') && String(raw.series).trim())
      data.series = termId(String(raw.series)) || String(raw.series).trim();
    else
      fieldError(
        'series',
        'frontmatter/series',
        '"series" must be the id of a series',
        'write it as  series: efficient-attention',
      );
  }
  if (raw.seriesOrder !== undefined && raw.seriesOrder !== null) {
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

  const lang = pick(FIELD_NAMES.lang);
  if (lang) {
    const code = String(lang[1]).trim().toLowerCase();
    if (/^zh\b/.test(code)) data.lang = 'zh';
    else if (/^en\b/.test(code)) data.lang = 'en';
    else fieldError(lang[0], 'frontmatter/lang', `"${lang[0]}" must be zh or en`, 'write  lang: zh  or  lang: en');
  }

  /** A true/false switch, or undefined; anything else is reported and the fallback kept. */
  const flag = (field: 'draft' | 'noindex', value: unknown): boolean | undefined => {
    if (value === undefined || typeof value === 'boolean') return value;
    const fix = `write  ${field}: true  or remove the line`;
    fieldError(field, `frontmatter/${field}`, `"${field}" must be true or false`, fix);
    return undefined;
  };
  // An empty `draft:` (null) counts as absent; an empty `noindex:` is reported.
  const draft = flag('draft', raw.draft ?? undefined);
  if (draft !== undefined) data.draft = draft;
  // Jekyll's way of keeping a post unpublished.
  if (raw.published === false) data.draft = true;

  const noindex = flag('noindex', raw.noindex);
  if (noindex !== undefined) data.noindex = noindex;
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
  if (raw.papers !== undefined && raw.papers !== null) {
    if (Array.isArray(raw.papers)) data.papers = raw.papers.map((id) => String(id).trim()).filter(Boolean);
    else
      fieldError(
        'papers',
        'frontmatter/papers',
        '"papers" must be a list',
        'write it as  papers: ["arXiv:2104.09864"]',
      );
  }

  // Old addresses (Hugo's aliases, Jekyll's redirect_from and permalink) get redirect pages;
  // Obsidian's aliases are other names of the note, for [[wikilinks]].
  for (const [field, value] of [
    ['aliases', raw.aliases],
    ['redirect_from', raw.redirect_from],
    ['permalink', raw.permalink],
  ] as const) {
    if (value === undefined || value === null) continue;
    const entries = termList(Array.isArray(value) ? value : [value]);
    for (const entry of entries ?? []) {
      if (entry.startsWith('/')) data.redirects.push(entry);
      else if (field === 'aliases') data.aliases.push(entry.trim());
    }
  }
  let slug: string | undefined;
  if (typeof raw.slug === 'string' || typeof raw.slug === 'number') slug = String(raw.slug).trim() || undefined;
  else if (typeof raw.permalink === 'string')
    slug =
      raw.permalink
        .replace(/\/+$/, '')
        .split('/')
        .pop()
        ?.replace(/\.html?$/, '') || undefined;

  if (
    data.date.getTime() > context.now.getTime() &&
    !data.draft &&
    dateField &&
    !problems.some((problem) => problem.rule === 'frontmatter/date')
  ) {
    problems.push({
      line: keyLine(dateField[0]) ?? 1,
      severity: 'warning',
      rule: 'frontmatter/future-date',
      message: `date ${data.date.toISOString().slice(0, 10)} is in the future; the article is published now anyway and listed first`,
      fix: "use today's date, or set  draft: true  until it is ready",
    });
  }
  return result(articleDataSchema.parse(data), problems, slug);
}
