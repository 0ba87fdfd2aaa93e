/**
 * What the benchmark reads from a built site besides build time: the gzip weight of one
 * article page, the bytes of a reader's first search, how many pages Pagefind indexed,
 * and a spot check that the pages and the index are right (three articles spread over the
 * corpus, each page carrying its title and each found by a search for its title).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { searchSite, type FirstSearch } from '../lib/first-search.ts';
import { freePort } from '../lib/free-port.ts';
import { articleFiles } from './scenarios.ts';

export interface PageWeight {
  htmlGzipKiB: number;
  cssGzipKiB: number;
  scripts: number;
}

export interface SpotCheck {
  slug: string;
  pageHasTitle: boolean;
  foundByTitle: boolean;
}

export interface SiteFacts {
  pageWeight: PageWeight;
  firstSearch: FirstSearch | undefined;
  indexedPages: number;
  articlePages: number;
  spotCheck: SpotCheck[];
}

const gzip = (buffer: Buffer) => zlib.gzipSync(buffer, { level: 9 }).length;

/** One article page and the stylesheets it links, gzip, before fonts. */
function pageWeight(siteDir: string, slug: string): PageWeight {
  const html = fs.readFileSync(path.join(siteDir, 'articles', slug, 'index.html'));
  const css = [...String(html).matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) =>
    fs.readFileSync(path.join(siteDir, match[1]!.replace(/^\//, ''))),
  );
  return {
    htmlGzipKiB: gzip(html) / 1024,
    cssGzipKiB: css.reduce((sum, file) => sum + gzip(file), 0) / 1024,
    scripts: (String(html).match(/<script[^>]+src=/g) ?? []).length,
  };
}

function indexedPages(siteDir: string): number {
  const entry = JSON.parse(fs.readFileSync(path.join(siteDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export async function readSiteFacts(
  siteDir: string,
  contentDir: string,
  log: (message: string) => void,
): Promise<SiteFacts> {
  const files = articleFiles(contentDir);
  const picks = [files[0]!, files[Math.floor(files.length / 2)]!, files.at(-1)!].map((file) => {
    const text = fs.readFileSync(path.join(contentDir, 'articles', file), 'utf8');
    return { slug: path.basename(file, '.md'), title: JSON.parse(/^title: (.*)$/m.exec(text)![1]!) as string };
  });
  let firstSearch: FirstSearch | undefined;
  const spotCheck: SpotCheck[] = [];
  try {
    const { first, lookups } = await searchSite(
      siteDir,
      'attention',
      picks.map((pick) => pick.title),
      await freePort(),
    );
    firstSearch = first;
    picks.forEach((pick, index) => {
      const page = fs.readFileSync(path.join(siteDir, 'articles', pick.slug, 'index.html'), 'utf8');
      const top = lookups[index]!.top;
      spotCheck.push({
        slug: pick.slug,
        pageHasTitle: page.includes(escapeHtml(pick.title)),
        // The corpus repeats title templates: twenty hits that all carry this exact title
        // also count (ranking among identical titles is not the point).
        foundByTitle:
          top.some((hit) => hit.url.includes(`/articles/${pick.slug}/`)) ||
          (top.length === 20 && top.every((hit) => hit.title === pick.title)),
      });
    });
  } catch (error) {
    log(`search measurement failed: ${(error as Error).message}`);
  }
  return {
    pageWeight: pageWeight(siteDir, picks[0]!.slug),
    firstSearch,
    indexedPages: indexedPages(siteDir),
    articlePages: fs.readdirSync(path.join(siteDir, 'articles')).length,
    spotCheck,
  };
}
