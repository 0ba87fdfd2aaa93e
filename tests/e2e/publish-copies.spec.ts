/**
 * Copies for machines on the bundled library: /llms.txt lists every article once, under
 * its category (in the taxonomy's order), with its absolute URL and description; each
 * article links "查看 Markdown" to its source at /articles/<slug>/index.md, whose
 * frontmatter is reduced to title, date, tags and URL and whose body is the file's.
 * (An article with `noindex: true` is left out: tests/build/publishing.test.ts.)
 */
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import YAML from 'yaml';
import { loadTaxonomy, termName } from '../../src/lib/taxonomy.ts';
import { bundledArticles } from './helpers.ts';

const articles = bundledArticles();
const taxonomy = loadTaxonomy(path.resolve('content'));

async function siteRoot(request: APIRequestContext): Promise<string> {
  return /<link rel="canonical" href="([^"]+)"/.exec(await (await request.get('')).text())![1]!;
}

test('/llms.txt: the site, then one line per article with its URL and description, grouped by category', async ({
  request,
}) => {
  const root = await siteRoot(request);
  const response = await request.get('llms.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/plain/);
  const text = await response.text();
  const lines = text.split('\n');
  expect(lines[0]).toBe('# ML 知识库');
  expect(lines[2]).toMatch(/^> \S/);

  const sections = [...text.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
  const categories = [...taxonomy.categories.keys()].filter((id) => articles.some((a) => a.category === id));
  expect(sections).toEqual(categories.map((id) => termName(taxonomy.categories.get(id)!, 'zh')));

  const entries = [...text.matchAll(/^- \[(.+)\]\((\S+)\): (.+)$/gm)];
  expect(entries).toHaveLength(articles.length);
  for (const article of articles) {
    const url = new URL(`articles/${article.slug}/`, root).href;
    const entry = entries.find((match) => match[2] === url);
    expect(entry, url).toBeTruthy();
    expect(entry![1]).toBe(article.title.replace(/([[\]\\])/g, '\\$1'));
    expect(entry![3]!.length).toBeGreaterThan(10);
    // Under its category's heading.
    const section = text
      .slice(0, entry!.index)
      .match(/^## (.+)$/gm)!
      .at(-1);
    expect(section).toBe(`## ${termName(taxonomy.categories.get(article.category)!, 'zh')}`);
  }
});

test('the "查看 Markdown" link under the title opens the source', async ({ page }) => {
  for (const slug of ['rope', 'poisson-processes']) {
    await page.goto(`articles/${slug}/`);
    const link = page.locator('.article-tools').getByRole('link', { name: /查看 Markdown|View Markdown/ });
    await expect(link).toHaveAttribute('type', 'text/markdown');
    const expected = new URL('index.md', page.url()).href;
    const [response] = await Promise.all([page.waitForResponse(/index\.md$/), link.click()]);
    expect(response.url()).toBe(expected);
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(/^---\ntitle: /);
  }
});

test('every article links its Markdown source, with a reduced frontmatter and the body as written', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const root = await siteRoot(request);
  for (const article of articles) {
    // Every page's link read from its HTML (loading 40 pages in the browser takes minutes
    // on a busy machine; the test above follows the link in the browser).
    const page = new URL(`articles/${article.slug}/`, root);
    const html = await (await request.get(`articles/${article.slug}/`)).text();
    const links = [...html.matchAll(/<a href="([^"]+)" type="text\/markdown">(查看 Markdown|View Markdown)<\/a>/g)];
    expect(links, article.slug).toHaveLength(1);
    const href = new URL(links[0]![1]!, page).href;
    expect(href).toBe(new URL('index.md', page).href);

    const response = await request.get(href.slice(root.length));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/markdown/);
    const text = await response.text();
    const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text)!;
    expect(match, article.slug).toBeTruthy();
    expect(YAML.parse(match[1]!)).toEqual({
      title: article.title,
      date: article.date,
      tags: article.tags,
      url: new URL(`articles/${article.slug}/`, root).href,
    });
    expect(match[2]).toBe(article.body.replace(/^\n+/, ''));
  }
});
