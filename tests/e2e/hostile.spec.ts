/**
 * Hostile articles (tests/fixtures/hostile, one per attack family), built as a site of
 * untrusted content is built (KB_LENIENT=1, KB_MDX=off) and served WITHOUT the _headers
 * policy, as GitHub Pages serves a site: only the sanitizer and the <meta> policy stand
 * in the way. Every page is opened, hovered, tabbed through and scrolled; any dialog, any
 * request to another origin, any navigation or any change to the site header's box fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PAGE_IDS, PAGE_ID_PATTERNS } from '../../src/lib/page-ids.ts';
import { bundledArticles } from './helpers.ts';

const fixture = 'tests/fixtures/hostile';
const siteDir = '.kb-test/site-hostile';
// The inventory reads .mdx too; the site was built with KB_MDX=off.
const published = bundledArticles(fixture).filter((article) => !article.file.endsWith('.mdx'));

interface Watch {
  dialogs: string[];
  foreign: string[];
  navigations: string[];
  errors: string[];
}

/** Everything a payload could do that a reader would notice, recorded while `act` runs. */
async function watch(page: Page, act: () => Promise<void>): Promise<Watch> {
  const seen: Watch = { dialogs: [], foreign: [], navigations: [], errors: [] };
  let loaded = false;
  page.on('dialog', async (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname) && url.protocol !== 'data:')
      seen.foreign.push(request.url());
  });
  page.on('framenavigated', (frame) => {
    if (loaded && frame === page.mainFrame()) seen.navigations.push(frame.url());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  await act();
  loaded = true;
  return seen;
}

/** The site header's box and whether it is what a reader sees at its centre. */
const headerBox = (page: Page) =>
  page.evaluate(() => {
    const header = document.querySelector('header.site-header');
    if (!header) return null;
    const box = header.getBoundingClientRect();
    const style = getComputedStyle(header);
    const atCentre = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      top: Math.round(box.top),
      height: Math.round(box.height),
      width: Math.round(box.width),
      visible: style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0,
      onTop: atCentre !== null && header.contains(atCentre),
    };
  });

/** What in the article could run, fetch, restyle, capture or clobber (KaTeX's own markup aside). */
const dangers = (page: Page) =>
  page.evaluate(
    ([reserved, patterns]) => {
      const found: string[] = [];
      const prose = document.querySelector('.prose');
      if (!prose) return ['no .prose'];
      const forbidden =
        'script, style, form, button, textarea, select, link, meta, base, object, embed, svg, math, iframe[srcdoc], source, video, audio, input:not([type="checkbox"][disabled])';
      for (const element of prose.querySelectorAll('*')) {
        // KaTeX's markup and the site's own code-block bar (language, copy button) are not content.
        if (element.closest('.katex, .code-block-bar')) continue;
        const tag = element.tagName.toLowerCase();
        if (element.matches(forbidden)) found.push(`<${tag}>`);
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          if (name.startsWith('on')) found.push(`${tag}[${name}]`);
          if (['srcset', 'ping', 'formaction', 'action', 'srcdoc'].includes(name)) found.push(`${tag}[${name}]`);
          if (/^\s*(javascript|vbscript|data:(?!image\/))/i.test(attribute.value.replace(/[\s\u0000-\u001f]/g, '')))
            found.push(`${tag}[${name}=${attribute.value.slice(0, 30)}]`);
          if (
            name === 'style' &&
            /position|inset|z-index|transform|display|visibility|opacity|margin|url\(/i.test(attribute.value)
          )
            found.push(`${tag}[style=${attribute.value}]`);
          if (
            name === 'id' &&
            (reserved.includes(attribute.value) || patterns.some((p) => new RegExp(p).test(attribute.value)))
          )
            found.push(`#${attribute.value} in the article`);
        }
        const position = getComputedStyle(element).position;
        if (position === 'fixed' || position === 'absolute' || position === 'sticky')
          found.push(`${tag} is ${position}`);
      }
      // The site has no <style> elements of its own; one anywhere came from content.
      if (document.querySelectorAll('style').length > 0) found.push('a <style> in the document');
      const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
      for (const id of new Set(ids)) if (ids.filter((other) => other === id).length > 1) found.push(`#${id} twice`);
      return found;
    },
    [[...PAGE_IDS], PAGE_ID_PATTERNS.map((pattern) => pattern.source)] as const,
  );

test.describe('hostile articles, served without the _headers policy', () => {
  test('the site is served without a Content-Security-Policy header (only the <meta> one)', async ({ request }) => {
    const response = await request.get('');
    expect(response.headers()['content-security-policy']).toBeUndefined();
  });

  let reference: Awaited<ReturnType<typeof headerBox>>;
  test.beforeAll(async ({ browser }, info) => {
    const page = await browser.newPage({ baseURL: info.project.use.baseURL! });
    await page.goto('');
    reference = await headerBox(page);
    await page.close();
  });

  test('every hostile article but the refused ones is published', () => {
    expect(published.map((article) => article.slug).sort()).toEqual(
      [
        'dom-clobbering',
        'event-handlers',
        'forms',
        'katex-commands',
        'limits',
        'link-meta-base',
        'path-traversal',
        'script-urls',
        'style-overlay',
        'svg-mathml',
        'unclosed',
      ].sort(),
    );
  });

  for (const article of published) {
    test(`${article.slug}: nothing runs, loads from elsewhere, navigates, covers or restyles`, async ({ page }) => {
      const seen = await watch(page, async () => {
        await page.goto(`articles/${article.slug}/`);
        await page.waitForLoadState('networkidle');
      });
      await expect(page.locator('h1')).toHaveText(article.title);
      expect(await headerBox(page)).toEqual(reference);
      expect(reference?.visible && reference.onTop).toBe(true);
      expect(await dangers(page)).toEqual([]);

      // What a reader does: move over the text, tab through the links, scroll to the end.
      const viewport = page.viewportSize()!;
      for (let y = 40; y < viewport.height; y += 80)
        for (let x = 20; x < viewport.width; x += 120) await page.mouse.move(x, y);
      for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(300);
      await page.evaluate(() => window.scrollTo(0, 0));
      // The article's last line is on the page: nothing swallowed or hid the text.
      await expect(page.locator('.prose')).toContainText(/End of|Everything below/);

      expect(seen.dialogs).toEqual([]);
      expect(seen.foreign).toEqual([]);
      expect(seen.navigations).toEqual([]);
      expect(seen.errors).toEqual([]);
      // Back at the top the sticky header slides back in (src/client/site-header.ts): wait for it.
      await expect.poll(() => headerBox(page)).toEqual(reference);
    });
  }

  test('an MDX article and a link out of the content folder are not published', async ({ request }) => {
    expect((await request.get('articles/mdx-code/')).status()).toBe(404);
    expect((await request.get('articles/linked-outside/')).status()).toBe(404);
  });

  test('nothing from outside the content folder is published, and no redirect page escaped', async ({ page }) => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(path.relative(siteDir, full));
      }
    };
    walk(siteDir);
    const repoPackage = fs.readFileSync('package.json', 'utf8');
    expect(files.filter((file) => /(^|\/)(package\.json|README\.md|passwd)$/.test(file))).toEqual([]);
    expect(
      files.filter(
        (file) => /\.(json|md)$/.test(file) && fs.readFileSync(path.join(siteDir, file), 'utf8') === repoPackage,
      ),
    ).toEqual([]);
    expect(fs.existsSync('/tmp/kb-hostile-escape')).toBe(false);
    // The old addresses / and /search/ did not replace the site's own pages.
    await page.goto('');
    await expect(page.locator('.article-card').first()).toBeVisible();
    await page.goto('search/');
    await expect(page.locator('#search-page-input')).toBeVisible();
  });
});
