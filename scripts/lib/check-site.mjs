// Checks a built site before it is published. Returns a list of problems (empty when good):
// - every internal link and #anchor resolves (a broken link in an article names the
//   article's source file and line);
// - every page has a unique title, a description and a canonical URL;
// - nothing is loaded from another origin (scripts, styles, fonts, images are self-hosted);
// - every page passes html-validate with the repository's .htmlvalidate.json.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRS = new Set(['pagefind', '_astro', 'katex']);

export function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...htmlFiles(full));
    } else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

const decode = (text) =>
  text
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const shown = (file) => path.relative(process.cwd(), file) || file;

/** `file:line` of the first source line that contains the link, or the file alone. */
function sourceLine(file, href, base) {
  const candidates = [href, href.startsWith(base) ? `/${href.slice(base.length)}` : href, href.slice(href.indexOf('#'))].filter((text) => text.length > 1);
  try {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    for (const candidate of candidates) {
      const index = lines.findIndex((line) => line.includes(candidate));
      if (index >= 0) return `${shown(file)}:${index + 1}`;
    }
  } catch {
    // The source is only a hint; the page path is reported either way.
  }
  return shown(file);
}

/**
 * @param root    the built site
 * @param base    the base path it is built for ('/' or '/kb/')
 * @param sources url path of a page → the Markdown file it was rendered from
 */
export function checkSite(root, base = '/', sources = new Map()) {
  const problems = [];
  const files = htmlFiles(root);
  const pages = new Map(); // url path -> { ids, hrefs, title, html, rel }
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    const rel = path.relative(root, file).split(path.sep).join('/');
    const urlPath = base + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
    const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1])));
    const headingIds = [...html.matchAll(/<h[1-6]\s[^>]*?\bid="([^"]*)"/g)].map((m) => decode(m[1]));
    const hrefs = [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => decode(m[1]));
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
    // Facts only, not the HTML: a 10,000-article site would otherwise sit in memory twice.
    const hasDescription = /<meta name="description" content="[^"]*\S[^"]*"/.test(html);
    const hasCanonical = /<link rel="canonical" href="[^"]+"/.test(html);
    const foreign = [...html.matchAll(/<(script|img|iframe|source|video|audio)\s[^>]*?\bsrc="((?:https?:)?\/\/[^"]*)"|<link\s[^>]*?rel="(?:stylesheet|preload|modulepreload|icon|manifest)"[^>]*?href="((?:https?:)?\/\/[^"]*)"/g)].map((match) => match[2] ?? match[3]);
    pages.set(urlPath, { ids, headingIds, hrefs, title, hasDescription, hasCanonical, foreign, rel });
  }

  const titles = new Map();
  for (const [urlPath, page] of pages) {
    if (page.rel === '404.html') continue;
    if (!page.title?.trim()) problems.push(`${urlPath}: no <title>`);
    else if (titles.has(page.title)) problems.push(`${urlPath}: same <title> as ${titles.get(page.title)}: "${decode(page.title)}"; titles must be unique`);
    else titles.set(page.title, urlPath);
    if (!page.hasDescription) problems.push(`${urlPath}: no description meta (or an empty one)`);
    if (!page.hasCanonical) problems.push(`${urlPath}: no canonical link`);
  }

  for (const [urlPath, page] of pages) {
    // Loads from another origin: the site must work offline and under its CSP.
    for (const url of page.foreign) {
      problems.push(`${urlPath}: loads ${url} from another origin; self-host it (put the file in public/ or import it)`);
    }
    const where = sources.get(urlPath);
    for (const href of page.hrefs) {
      if (/^(https?:|mailto:|\/\/|data:|javascript:|tel:)/i.test(href)) continue;
      const target = new URL(href, `http://site${urlPath}`);
      const targetPath = decodeURIComponent(target.pathname);
      const hash = decodeURIComponent(target.hash.slice(1));
      const at = where ? `${sourceLine(where, href, base)} (${urlPath})` : urlPath;
      if (!targetPath.startsWith(base)) {
        problems.push(`${at}: link "${href}" leaves the base path ${base}`);
        continue;
      }
      const targetPage = pages.get(targetPath);
      if (!targetPage) {
        const asFile = path.join(root, targetPath.slice(base.length));
        if (fs.existsSync(asFile) && fs.statSync(asFile).isFile()) continue;
        problems.push(`${at}: broken link "${href}": there is no page at ${targetPath}`);
        continue;
      }
      if (hash && !targetPage.ids.has(hash)) {
        const known = targetPage.headingIds.filter((id) => !/-title$|^footnote-label$/.test(id)).slice(0, 8);
        problems.push(`${at}: link "${href}" points at #${hash}, which ${targetPath} does not have; heading anchors there: ${known.map((id) => `#${id}`).join(' ') || '(none)'}`);
      }
    }
  }
  return { problems, pageCount: pages.size };
}

/**
 * The page with each KaTeX formula's inner markup left out. KaTeX's output (HTML plus
 * MathML) is the library's, tested by it, and makes up most of a math page: validating it
 * took five times as long as everything else together. The formula's wrapper stays.
 */
export function withoutKatexInternals(html) {
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
    out += `${html.slice(at, start)}${open}</span>`;
    at = end;
  }
  return out + html.slice(at);
}

/**
 * Validates every page with html-validate and the repository's .htmlvalidate.json, which
 * is html-validate:recommended with six changes (JSON has no comments, so they are here):
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
export async function validateHtml(root, configFile = path.resolve('.htmlvalidate.json')) {
  let htmlValidate;
  try {
    htmlValidate = await import('html-validate');
  } catch {
    return { problems: [], skipped: 'html-validate is not installed (npm ci without --omit=dev installs it)' };
  }
  const configText = fs.readFileSync(configFile, 'utf8');
  const validator = new htmlValidate.HtmlValidate(new htmlValidate.StaticConfigLoader(JSON.parse(configText)));
  // Pages that passed before, by content: a rebuild validates only what changed.
  const cacheFile = path.resolve('node_modules/.cache/kb/html-valid.json');
  const salt = crypto.createHash('sha256').update(configText).update(htmlValidate.version ?? '').digest('hex');
  let passed = new Set();
  let seen = new Set();
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
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
    hash: crypto.createHash('sha256').update(withoutKatexInternals(fs.readFileSync(file, 'utf8'))).digest('hex'),
  }));
  const todo = pages.filter((page) => !passed.has(page.hash));
  // A large site validates a deterministic sample per build: pages that changed since the
  // last build first, then a few never-validated older pages, so coverage grows build by
  // build. KB_VALIDATE_LIMIT=0 validates every page.
  const limit = Number(process.env.KB_VALIDATE_LIMIT ?? 150);
  const byHash = (a, b) => a.hash.localeCompare(b.hash);
  const fresh = todo.filter((page) => !seen.has(page.hash)).sort(byHash);
  const older = todo.filter((page) => seen.has(page.hash)).sort(byHash);
  const rotation = seen.size > 0 ? 20 : limit;
  const chosen =
    limit <= 0 ? todo : [...fresh.slice(0, limit), ...older.slice(0, Math.max(0, Math.min(rotation, limit - fresh.length)))];
  const problems = [];
  for (const page of chosen) {
    const report = await validator.validateString(withoutKatexInternals(fs.readFileSync(page.file, 'utf8')), page.file);
    const messages = report.results.flatMap((result) => result.messages);
    if (messages.length === 0) passed.add(page.hash);
    for (const message of messages) {
      problems.push(`${path.relative(root, page.file)}:${message.line}:${message.column} — [${message.ruleId}] ${message.message}${message.selector ? ` (at ${message.selector})` : ''}`);
    }
  }
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify({ salt, pages: [...passed].slice(-50_000), seen: pages.map((page) => page.hash) }));
  const sampled = chosen.length < todo.length ? `validated ${chosen.length} pages (${fresh.length} changed); ${todo.length - chosen.length} not yet validated are checked in later builds (KB_VALIDATE_LIMIT=0 validates all now)` : undefined;
  return { problems, skipped: undefined, validated: chosen.length, unchanged: pages.length - todo.length, note: sampled };
}
