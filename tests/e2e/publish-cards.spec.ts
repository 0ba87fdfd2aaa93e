/**
 * Social cards: every article's page names a 1200×630 PNG as its OpenGraph and Twitter
 * image, at an absolute URL with the site URL and the base path, and the site serves it.
 * Each card is named by its content, so no two articles share one. At / and under /kb/.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();

async function siteRoot(request: APIRequestContext): Promise<string> {
  return /<link rel="canonical" href="([^"]+)"/.exec(await (await request.get('')).text())![1]!;
}

const metaOf = (html: string, attribute: 'property' | 'name', key: string) =>
  new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`).exec(html)?.[1];

test('every article has its own 1200×630 PNG card, linked absolutely for OpenGraph and Twitter', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const root = await siteRoot(request);
  const cards = new Set<string>();
  for (const article of articles) {
    const html = await (await request.get(`articles/${article.slug}/`)).text();
    const image = metaOf(html, 'property', 'og:image')!;
    expect(image, article.slug).toMatch(new RegExp(`^${root.replace(/[.]/g, '\\.')}_kb/cards/[0-9a-f]{20}\\.png$`));
    expect(metaOf(html, 'name', 'twitter:image')).toBe(image);
    expect(metaOf(html, 'name', 'twitter:card')).toBe('summary_large_image');
    expect(metaOf(html, 'property', 'og:image:width')).toBe('1200');
    expect(metaOf(html, 'property', 'og:image:height')).toBe('630');
    expect(metaOf(html, 'property', 'og:image:alt')).toBeTruthy();
    cards.add(image);

    const response = await request.get(image.slice(root.length));
    expect(response.status(), image).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    expect(png.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))).toBe(true);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    // A card with text drawn on it, not an empty canvas: flat colours alone compress to ~3 KB.
    expect(png.length).toBeGreaterThan(10_000);
  }
  expect(cards.size).toBe(articles.length);
});
