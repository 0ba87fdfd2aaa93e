/**
 * Checks a built site before it is published:
 * - every internal link and #anchor resolves (a broken link in an article is reported at
 *   the article's source line, which the Markdown pipeline recorded);
 * - every page has a unique title, a description and a canonical URL;
 * - nothing is loaded from another origin (scripts, styles, fonts, images are self-hosted).
 * It reads pages with a few patterns over the HTML our own templates write, and keeps
 * facts, not HTML: a 10,000-article site would otherwise sit in memory twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../src/lib/problems.ts';
import type { LinkFact } from '../../src/markdown/article-facts.ts';
import { htmlFiles, pageUrl } from './pages.ts';

/** An article page's source, to report a problem on the page where it was written. */
export interface PageSource {
  file: string;
  links: LinkFact[];
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url, 'https://site.invalid').origin;
  } catch {
    return undefined;
  }
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Origins the built policy lets pages load images and embeds from (articles' remote images). */
export interface AllowedOrigins {
  images: ReadonlySet<string>;
  frames: ReadonlySet<string>;
}

interface PageFacts {
  ids: Set<string>;
  headingIds: string[];
  hrefs: string[];
  title: string | undefined;
  hasDescription: boolean;
  hasCanonical: boolean;
  foreign: { tag: string; url: string }[];
  rel: string;
}

function readPage(html: string, rel: string): PageFacts {
  return {
    ids: new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!))),
    headingIds: [...html.matchAll(/<h[1-6]\s[^>]*?\bid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)),
    hrefs: [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)),
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
    hasDescription: /<meta name="description" content="[^"]*\S[^"]*"/.test(html),
    hasCanonical: /<link rel="canonical" href="[^"]+"/.test(html),
    foreign: [
      ...html.matchAll(
        /<(script|img|iframe|source|video|audio)\s[^>]*?\bsrc="((?:https?:)?\/\/[^"]*)"|<link\s[^>]*?rel="(?:stylesheet|preload|modulepreload|icon|manifest)"[^>]*?href="((?:https?:)?\/\/[^"]*)"/g,
      ),
    ].map((match) => ({ tag: match[1] ?? 'link', url: match[2] ?? match[3]! })),
    rel,
  };
}

/**
 * @param root    the built site
 * @param base    the base path it is built for ('/' or '/kb/')
 * @param sources url path of an article page → its source file and links
 */
export function checkSite(
  root: string,
  base = '/',
  sources = new Map<string, PageSource>(),
  allowed: AllowedOrigins = { images: new Set(), frames: new Set() },
): { problems: Problem[]; pageCount: number } {
  const problems: Problem[] = [];
  const pages = new Map<string, PageFacts>();
  for (const file of htmlFiles(root)) {
    pages.set(
      pageUrl(root, file, base),
      readPage(fs.readFileSync(file, 'utf8'), path.relative(root, file).split(path.sep).join('/')),
    );
  }
  const onPage = (urlPath: string, rule: string, message: string, fix: string): Problem => ({
    file: '',
    page: urlPath,
    severity: 'error',
    rule,
    message,
    fix,
  });

  const titles = new Map<string, string>();
  for (const [urlPath, page] of pages) {
    if (page.rel === '404.html') continue;
    if (!page.title?.trim()) problems.push(onPage(urlPath, 'page/title', 'no <title>', 'give the page a title'));
    else if (titles.has(page.title)) {
      problems.push(
        onPage(
          urlPath,
          'page/title',
          `same <title> as ${titles.get(page.title)}: "${decodeEntities(page.title)}"`,
          'titles must be unique: change one of them',
        ),
      );
    } else titles.set(page.title, urlPath);
    if (!page.hasDescription)
      problems.push(
        onPage(urlPath, 'page/description', 'no description meta (or an empty one)', 'give the page a description'),
      );
    if (!page.hasCanonical)
      problems.push(onPage(urlPath, 'page/canonical', 'no canonical link', 'add <link rel="canonical">'));
  }

  for (const [urlPath, page] of pages) {
    // Loads from another origin: the site must work offline and under its CSP.
    for (const { tag, url } of page.foreign) {
      const origin = originOf(url);
      if (origin && ((tag === 'img' && allowed.images.has(origin)) || (tag === 'iframe' && allowed.frames.has(origin))))
        continue;
      problems.push(
        onPage(
          urlPath,
          'page/foreign-origin',
          `loads ${url} from another origin`,
          'self-host it (put the file in public/ or import it)',
        ),
      );
    }
    const source = sources.get(urlPath);
    const at = (href: string, rule: string, message: string, fix: string): Problem => {
      const link = source?.links.find((candidate) => candidate.href === href);
      if (!source) return onPage(urlPath, rule, message, fix);
      return {
        file: source.file,
        page: urlPath,
        line: link?.line,
        column: link?.column,
        severity: 'error',
        rule,
        message: `${message} (on ${urlPath})`,
        fix,
      };
    };
    for (const href of page.hrefs) {
      if (/^(https?:|mailto:|\/\/|data:|javascript:|tel:)/i.test(href)) continue;
      const target = new URL(href, `http://site${urlPath}`);
      const targetPath = decodeURIComponent(target.pathname);
      const hash = decodeURIComponent(target.hash.slice(1));
      if (!targetPath.startsWith(base)) {
        problems.push(
          at(href, 'link/outside-base', `link "${href}" leaves the base path ${base}`, `link to a page below ${base}`),
        );
        continue;
      }
      const targetPage = pages.get(targetPath);
      if (!targetPage) {
        const asFile = path.join(root, targetPath.slice(base.length));
        if (fs.existsSync(asFile) && fs.statSync(asFile).isFile()) continue;
        problems.push(
          at(
            href,
            'link/broken',
            `broken link "${href}": there is no page at ${targetPath}`,
            'fix the address or remove the link',
          ),
        );
        continue;
      }
      if (hash && !targetPage.ids.has(hash)) {
        const known = targetPage.headingIds.filter((id) => !/-title$|^footnote-label$/.test(id)).slice(0, 8);
        problems.push(
          at(
            href,
            'link/missing-anchor',
            `link "${href}" points at #${hash}, which ${targetPath} does not have`,
            `heading anchors there: ${known.map((id) => `#${id}`).join(' ') || '(none)'}`,
          ),
        );
      }
    }
  }
  return { problems, pageCount: pages.size };
}
