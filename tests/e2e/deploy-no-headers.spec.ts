/**
 * GitHub Pages cannot send headers: the bundled library is served here with no headers
 * at all (scripts/serve.ts --no-headers, the "no-headers" project), and the policy each
 * page repeats in a <meta http-equiv> must hold on its own: injected inline scripts and
 * inline event handlers do not run, nothing loads from another origin, while the site's
 * own scripts (theme, search with Pagefind's WebAssembly) still work without a violation.
 */
import { expect, test, type Page } from '@playwright/test';

/** Every Content-Security-Policy violation the page reports. */
async function collectViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

for (const path of ['', 'articles/rope/', 'search/?q=attention']) {
  test(`${path || 'home'}: no headers sent, the meta policy alone blocks inline code and other origins`, async ({
    page,
  }) => {
    const violations = await collectViolations(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(
      Object.keys(response!.headers()).filter((name) => /security-policy|x-frame|referrer-policy/i.test(name)),
    ).toEqual([]);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toMatch(/script-src 'self'/);
    expect(meta).not.toMatch(/unsafe-inline[^;]*;\s*style-src/);

    // The site's own scripts run: the theme toggle appears (it is hidden until its script runs).
    await expect(page.locator('.theme-toggle')).toBeVisible();
    expect(await violations()).toEqual([]);

    // What an attacker's markup would try: an inline script, an inline handler, a remote image.
    const ran = await page.evaluate(async () => {
      const flags = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__handlerRan = true');
      document.body.append(button);
      button.click();
      const image = new Image();
      image.src = 'https://tracker.invalid/pixel.png';
      document.body.append(image);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { inline: flags.__inlineRan === true, handler: flags.__handlerRan === true };
    });
    expect(ran).toEqual({ inline: false, handler: false });
    const blocked = await violations();
    expect(blocked.some((entry) => entry.startsWith('script-src-elem inline'))).toBe(true);
    expect(blocked.some((entry) => entry.startsWith('script-src-attr inline'))).toBe(true);
    expect(blocked.some((entry) => entry.startsWith('img-src https://tracker.invalid'))).toBe(true);
  });
}

test('search works without headers: Pagefind and its WebAssembly are allowed by the meta policy', async ({ page }) => {
  const violations = await collectViolations(page);
  await page.goto('search/?q=' + encodeURIComponent('旋转位置编码'));
  const results = page.locator('#search-results');
  // The first search loads Pagefind and compiles its WebAssembly: slow on a busy machine.
  await expect(results).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await expect(results.locator('.search-hit-title').first()).toBeVisible();
  expect(await violations()).toEqual([]);
});
