/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose
 * key and code are unchanged since the last build is copied from that build instead of
 * rendered again. Astro hashes the code (the page's module graph); the key must name
 * everything else the page shows.
 *
 * An article page shows its own article and parts of others: its series, the newer and older
 * article, related articles, backlinks, the articles that discuss its papers, the articles it
 * links to (their numbered blocks as hover previews, and in the local graph with the links of
 * those articles, two hops out), its translations. Rather than naming which part of each
 * other article each component shows (a list that goes stale as components grow), the key
 * takes every one of those articles whole (`articleView`: its frontmatter, facts, revisions,
 * the digest of its file and of its render) and the lists themselves in their order. A body
 * edit of one article then rebuilds its page and the pages of its neighbours, a few
 * pages, and no page can show an article the key did not name.
 *
 * Besides articles, a page shows what comes from the whole site: the names of the taxonomy
 * terms it shows, the colour groups of the local graph (one per category of the site), the
 * Content-Security-Policy's origins, the bibliography files the article cites from, its social
 * card's file name, and the settings that change output (read at run time, so Astro's code
 * hash does not see them).
 *
 * A key that misses something leaves a stale page behind: tests/build/incremental.test.ts
 * compares incremental builds with cold ones byte for byte after every kind of edit.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { linkedSlugs } from '../lib/backlinks.ts';
import { articleBibliographyFiles } from '../lib/bibliography.ts';
import { outputSettings, settings } from '../settings.ts';
import { remoteOrigins } from '../sources/remote-origins.ts';
import { categoryTerm, seriesTerm, tagTerm, taxonomy, type Article, type SiteData } from './articles.ts';
import { articleCard } from './social-cards.ts';

/**
 * Whether pages carry keys: only a build with the incremental cache on reads them. Under
 * `astro dev` every save runs getStaticPaths again, and the keys of 1,000 articles took a
 * third of a second of it.
 */
export const pageKeysWanted = !import.meta.env.DEV && settings.incremental;

const hash = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** An article as a key names it: all of it, its collection entry by the entry's digest. */
function articleView(article: Article) {
  const { entry, ...view } = article;
  return { ...view, entry: entry.digest ?? null };
}

const slugsOf = (articles: readonly Article[] | undefined) => (articles ?? []).map((article) => article.slug);

/** What every page shows that comes from the whole site, computed once per build. */
let siteWide: Promise<string> | undefined;
function siteWideKey(data: SiteData): Promise<string> {
  siteWide ??= remoteOrigins().then((origins) =>
    hash({
      images: origins.images,
      frames: origins.frames,
      settings: outputSettings(settings),
      categories: [...data.categoryCounts.keys()].sort(),
    }),
  );
  return siteWide;
}

const fileDigests = new Map<string, string>();
/** A file's contents by digest ('' when it does not exist), read once per build. */
function fileDigest(file: string): string {
  let digest = fileDigests.get(file);
  if (digest === undefined) {
    digest = fs.existsSync(file) ? hash(fs.readFileSync(file, 'utf8')) : '';
    fileDigests.set(file, digest);
  }
  return digest;
}

/** The key of an article's page (src/pages/articles/[slug].astro), given its neighbours. */
export async function articlePageKey(
  data: SiteData,
  article: Article,
  neighbours: { newer: Article | undefined; older: Article | undefined },
): Promise<string> {
  const linked = linkedSlugs(article.facts.articleLinks);
  const relations = {
    series: article.series ? slugsOf(data.series.get(article.series)) : [],
    newer: neighbours.newer?.slug ?? null,
    older: neighbours.older?.slug ?? null,
    related: slugsOf(data.related.get(article.slug)),
    backlinks: data.backlinks.get(article.slug) ?? [],
    papers: [...new Set([...article.papers, ...article.cites])].map((id) => [
      id,
      slugsOf(data.articlesByPaper.get(id)),
    ]),
    linked,
    versions: article.versions.map((version) => version.slug),
  };
  const others = new Set<string>([
    ...relations.series,
    ...[relations.newer, relations.older].filter((slug) => slug !== null),
    ...relations.related,
    ...relations.backlinks.map((backlink) => backlink.from),
    ...relations.papers.flatMap(([, slugs]) => slugs as string[]),
    ...relations.versions,
  ]);
  // The local graph goes two hops out: the links of every linked article (of either direction).
  for (const slug of [...linked, ...relations.backlinks.map((backlink) => backlink.from)]) {
    others.add(slug);
    const next = data.bySlug.get(slug);
    if (next) for (const further of linkedSlugs(next.facts.articleLinks)) others.add(further);
  }
  others.delete(article.slug);
  const shown = [article, ...[...others].sort().flatMap((slug) => data.bySlug.get(slug) ?? [])];
  return hash({
    site: await siteWideKey(data),
    article: articleView(article),
    relations,
    others: shown.slice(1).map(articleView),
    // Unknown slugs among the links are named too: an article added under one changes the page.
    missing: [...others].filter((slug) => !data.bySlug.has(slug)).sort(),
    terms: {
      tags: [...new Set(shown.flatMap((shownArticle) => shownArticle.tags))].sort().map(tagTerm),
      categories: [...new Set(shown.map((shownArticle) => shownArticle.category))].sort().map(categoryTerm),
      series: article.series ? seriesTerm(article.series) : null,
    },
    bibliography: articleBibliographyFiles(settings.contentDir, article.filePath, article.bibliography).map((file) => [
      file,
      fileDigest(file),
    ]),
    card: articleCard(article, taxonomy).file,
  });
}

/** The key of a page whose whole output is `body` (a link preview's JSON): the body itself. */
export const outputKey = (body: string): string => hash(body);
