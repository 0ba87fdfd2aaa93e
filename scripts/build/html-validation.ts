/**
 * Validates the built pages with html-validate and the repository's .htmlvalidate.json,
 * which is html-validate:recommended with six changes (JSON has no comments, so they are here):
 * - no-inline-style off: KaTeX positions glyphs and Shiki colours tokens with style
 *   attributes; they carry no script, and the CSP allows style attributes for this.
 * - valid-id relaxed: heading ids come from github-slugger and may start with a digit or a
 *   CJK character ("6n-近似"); HTML allows any id without spaces.
 * - aria-label-misuse allows any element that can be named: tag lists are <ul aria-label>,
 *   which ARIA permits (role list is nameable); the rule's default only warns it is unusual.
 * - wcag/h32 off: the header search form has one field and submits with Enter (implicit
 *   submission); H32 is one sufficient technique, not a requirement, and axe checks the
 *   form in tests/e2e.
 * - prefer-native-element allows role="listbox": the search box is an ARIA combobox whose
 *   result list holds links and excerpts, which a <select> cannot.
 * - long-title off: the <title> is the article's title plus the site name; its length is
 *   the author's choice (an SEO guideline, not validity), and a build must not fail on it.
 * html-validate is a development dependency: without it (an `npm ci --omit=dev` install)
 * the build says so and skips this check.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../src/lib/problems.ts';
import { htmlFiles, pageUrl } from './pages.ts';

/**
 * The page with each KaTeX formula's inner markup left out. KaTeX's output (HTML plus
 * MathML) is the library's, tested by it, and makes up most of a math page: validating it
 * took five times as long as everything else together. The formula's wrapper stays.
 */
export function withoutKatexInternals(html: string): string {
  const open = '<span class="katex">';
  const tags = /<span\b|<\/span>/g;
  let out = '';
  let at = 0;
  for (let start = html.indexOf(open); start >= 0; start = html.indexOf(open, at)) {
    let depth = 0;
    let end = html.length;
    tags.lastIndex = start;
    for (let match = tags.exec(html); match; match = tags.exec(html)) {
      depth += match[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        end = tags.lastIndex;
        break;
      }
    }
    // One letter stands for the formula: a link or heading whose text is a formula has text.
    out += `${html.slice(at, start)}${open}x</span>`;
    at = end;
  }
  return out + html.slice(at);
}

/**
 * Rules that matter to a reader when they fail inside an article's own HTML: a duplicate
 * id sends #links to the wrong place. Everything else html-validate finds in an author's
 * markup (content models, obsolete attributes) browsers read without trouble: a warning.
 * In the site's own templates every rule stays an error.
 */
const READING_RULES = new Set(['no-dup-id']);

/** Where the article body (`<div class="prose">`) starts and ends in a page, if it has one. */
export function proseRange(html: string): { start: number; end: number } | undefined {
  const start = html.indexOf('<div class="prose">');
  if (start < 0) return undefined;
  const tags = /<div\b|<\/div>/g;
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[0] === '</div>' ? -1 : 1;
    if (depth === 0) return { start, end: tags.lastIndex };
  }
  return { start, end: html.length };
}

/** The offset of a 1-based line and column. */
function offsetOf(html: string, line: number, column: number): number {
  let offset = 0;
  for (let at = 1; at < line; at++) {
    const next = html.indexOf('\n', offset);
    if (next < 0) return html.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

export interface ValidationResult {
  problems: Problem[];
  /** Why nothing was validated, when nothing was. */
  skipped: string | undefined;
  validated: number;
  /** How the sample was chosen, on a site too large to validate at once. */
  note: string | undefined;
}

export interface ValidationOptions {
  configFile: string;
  /** Where passed pages are remembered between builds. */
  cacheFile: string;
  /** Pages validated per build on large sites; 0 validates all. */
  limit: number;
  base: string;
}

export async function validateHtml(root: string, options: ValidationOptions): Promise<ValidationResult> {
  let htmlValidate: typeof import('html-validate');
  try {
    htmlValidate = await import('html-validate');
  } catch {
    return {
      problems: [],
      skipped: 'html-validate is not installed (npm ci without --omit=dev installs it)',
      validated: 0,
      note: undefined,
    };
  }
  const configText = fs.readFileSync(options.configFile, 'utf8');
  const validator = new htmlValidate.HtmlValidate(
    new htmlValidate.StaticConfigLoader(
      JSON.parse(configText) as ConstructorParameters<typeof htmlValidate.StaticConfigLoader>[0],
    ),
  );
  // Pages that passed before, by content: a rebuild validates only what changed.
  const salt = crypto
    .createHash('sha256')
    .update(configText)
    .update(htmlValidate.version ?? '')
    .digest('hex');
  let passed = new Set<string>();
  let seen = new Set<string>();
  try {
    const cached = JSON.parse(fs.readFileSync(options.cacheFile, 'utf8')) as {
      salt: string;
      pages: string[];
      seen?: string[];
    };
    if (cached.salt === salt) {
      passed = new Set(cached.pages);
      seen = new Set(cached.seen ?? []);
    }
  } catch {
    // first run
  }
  // Hashes first; only the pages chosen below are read again to be validated.
  const pages = htmlFiles(root).map((file) => ({
    file,
    hash: crypto
      .createHash('sha256')
      .update(withoutKatexInternals(fs.readFileSync(file, 'utf8')))
      .digest('hex'),
  }));
  const todo = pages.filter((page) => !passed.has(page.hash));
  // A large site validates a deterministic sample per build: pages that changed since the
  // last build first, then a few never-validated older pages, so coverage grows build by
  // build. KB_VALIDATE_LIMIT=0 validates every page.
  const byHash = (a: { hash: string }, b: { hash: string }) => a.hash.localeCompare(b.hash);
  const fresh = todo.filter((page) => !seen.has(page.hash)).sort(byHash);
  const older = todo.filter((page) => seen.has(page.hash)).sort(byHash);
  const rotation = seen.size > 0 ? 20 : options.limit;
  const chosen =
    options.limit <= 0
      ? todo
      : [
          ...fresh.slice(0, options.limit),
          ...older.slice(0, Math.max(0, Math.min(rotation, options.limit - fresh.length))),
        ];
  const problems: Problem[] = [];
  for (const page of chosen) {
    const html = withoutKatexInternals(fs.readFileSync(page.file, 'utf8'));
    const report = await validator.validateString(html, page.file);
    const messages = report.results.flatMap((result) => result.messages);
    if (messages.length === 0) passed.add(page.hash);
    const prose = proseRange(html);
    for (const message of messages) {
      const offset = offsetOf(html, message.line, message.column);
      const inArticle = prose !== undefined && offset >= prose.start && offset < prose.end;
      const rule = `https://html-validate.org/rules/${message.ruleId}.html`;
      problems.push({
        file: '',
        page: pageUrl(root, page.file, options.base),
        line: message.line,
        column: message.column,
        severity: inArticle && !READING_RULES.has(message.ruleId) ? 'warning' : 'error',
        rule: `html/${message.ruleId}`,
        message: `${inArticle ? "in the article's HTML: " : ''}${message.message}${message.selector ? ` (at ${message.selector})` : ''}`,
        fix: inArticle
          ? `change the article's markup (the rule: ${rule})`
          : `the page's HTML breaks the rule ${message.ruleId}: see ${rule}`,
      });
    }
  }
  fs.mkdirSync(path.dirname(options.cacheFile), { recursive: true });
  fs.writeFileSync(
    options.cacheFile,
    JSON.stringify({ salt, pages: [...passed].slice(-50_000), seen: pages.map((page) => page.hash) }),
  );
  const note =
    chosen.length < todo.length
      ? `validated ${chosen.length} pages (${fresh.length} changed); ${todo.length - chosen.length} not yet validated are checked in later builds (KB_VALIDATE_LIMIT=0 validates all now)`
      : undefined;
  return { problems, skipped: undefined, validated: chosen.length, note };
}
