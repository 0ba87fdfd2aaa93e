/**
 * `npm run bench:reading [-- --dir <built site> --label main --runs 3]`: what reading the
 * bundled library costs and looks like in Chromium. A benchmark, not a test: it prints
 * figures and asserts nothing (the browser tests assert the rules).
 *
 * - Layout at 390, 768, 1024 and 1440 px: numbered equations whose number overlaps visible
 *   glyphs of the formula, numbers that scroll away with their formula, display formulas
 *   wider than their box, pages wider than the screen (every HTML page of the site), and
 *   equation previews outside the screen or too narrow for their formula.
 * - The heaviest article (largest HTML) on a phone, 4× slower CPU, empty cache, gzip as any
 *   host sends, under two networks: Lighthouse's mobile one (150 ms RTT, 1.6 Mbit/s) and a
 *   slow 3G one (400 ms RTT, 400 kbit/s): first contentful paint, largest contentful
 *   paint, cumulative layout shift, and the time until the formulas on the first screen
 *   show glyphs and until they show their final glyphs (the KaTeX faces they use arrived).
 *
 * Without --dir it builds the bundled library first; --no-layout skips the layout figures. Pass --dir to measure another build,
 * e.g. one made from main, with the same script. Writes bench-results/reading-<label>.{json,md}.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { childEnv, settings } from '../src/settings.ts';
import { option } from './lib/cli.ts';
import { median } from './lib/measure.ts';
import { serveSite } from './lib/serve-site.ts';
import { auditDisplayMath, auditPreviewCard, pageOverflow, type PreviewAudit } from './lib/reading-audit.ts';

const label = option('label', 'branch');
const runs = Number(option('runs', '3'));
const layout = !process.argv.includes('--no-layout');
const port = Number(option('port', '4461'));
const given = option('dir');
const siteDir = path.resolve(given ?? path.join(settings.root, '.kb-bench', 'reading-site'));
const WIDTHS = [390, 768, 1024, 1440];
const log = (message: string) => console.log(`[bench:reading] ${message}`);

if (!given) {
  log(`building the bundled library into ${path.relative(process.cwd(), siteDir)}`);
  const built = spawnSync(process.execPath, [path.join(settings.root, 'scripts/build.ts')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: childEnv({ KB_OUT_DIR: siteDir }),
  });
  if (built.status !== 0) throw new Error('the build failed');
}

const htmlPages = fs
  .readdirSync(siteDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
  .map((entry) => {
    const relative = path.relative(siteDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    return `/${relative.replace(/(^|\/)index\.html$/, '$1')}`;
  })
  .sort();
const articlePages = htmlPages.filter((page) => /^\/articles\/[^/]+\/$/.test(page));
const bySize = articlePages
  .map((page) => ({ page, bytes: fs.statSync(path.join(siteDir, page, 'index.html')).size }))
  .sort((a, b) => b.bytes - a.bytes);
const heaviest = bySize[0]!;
// A typical article too: on the heaviest one, parsing its HTML on a slow CPU outlasts the fonts.
const typical = bySize[Math.floor(bySize.length / 2)]!;
const slowPages = [heaviest, typical];

interface WidthFigures {
  width: number;
  numbered: number;
  numberOverlaps: number;
  numberScrolls: number;
  displays: number;
  displaysOverflowing: number;
  pages: number;
  pagesWiderThanScreen: string[];
  previews: number;
  previewsOutside: number;
  previewsCut: number;
  previewsNumberOverlaps: number;
  previewWidths: number[];
}

async function auditWidth(browser: Browser, width: number): Promise<WidthFigures> {
  const context = await browser.newContext({ viewport: { width, height: width < 700 ? 844 : 900 } });
  const page = await context.newPage();
  const figures: WidthFigures = {
    width,
    numbered: 0,
    numberOverlaps: 0,
    numberScrolls: 0,
    displays: 0,
    displaysOverflowing: 0,
    pages: htmlPages.length,
    pagesWiderThanScreen: [],
    previews: 0,
    previewsOutside: 0,
    previewsCut: 0,
    previewsNumberOverlaps: 0,
    previewWidths: [],
  };
  for (const url of htmlPages) {
    await page.goto(`http://localhost:${port}${url}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const overflow = await page.evaluate(pageOverflow);
    if (overflow > 0) figures.pagesWiderThanScreen.push(`${url} (+${overflow} px)`);
    if (!articlePages.includes(url)) continue;
    const math = await page.evaluate(auditDisplayMath);
    figures.displays += math.displays;
    figures.displaysOverflowing += math.overflowing;
    figures.numbered += math.equations.length;
    figures.numberOverlaps += math.equations.filter((equation) => equation.overlaps).length;
    figures.numberScrolls += math.equations.filter((equation) => equation.numberScrolls).length;
    for (const preview of await previewsOn(page)) {
      figures.previews++;
      if (!preview.inside) figures.previewsOutside++;
      if (preview.cut) figures.previewsCut++;
      if (preview.numberOverlaps) figures.previewsNumberOverlaps++;
      figures.previewWidths.push(preview.width);
    }
  }
  await context.close();
  return figures;
}

/** Focuses every equation reference in the prose (focus shows the preview) and measures the card. */
async function previewsOn(page: Page): Promise<PreviewAudit[]> {
  const references = page.locator('.prose a.eqref');
  const found: PreviewAudit[] = [];
  for (let index = 0; index < (await references.count()); index++) {
    const reference = references.nth(index);
    await page.mouse.move(0, 0);
    await reference.focus();
    const href = (await reference.getAttribute('href')) ?? '';
    await page
      .locator('#link-preview:not([hidden])')
      .waitFor({ timeout: 2000 })
      .catch(() => undefined);
    await page.waitForTimeout(50);
    found.push(await page.evaluate(auditPreviewCard, href));
    await reference.blur();
    await page.keyboard.press('Escape');
  }
  return found;
}

interface Profile {
  name: string;
  latency: number;
  downKbit: number;
  upKbit: number;
}
const PROFILES: Profile[] = [
  { name: 'Lighthouse mobile (150 ms, 1.6 Mbit/s)', latency: 150, downKbit: 1638.4, upKbit: 675 },
  { name: 'slow 3G (400 ms, 400 kbit/s)', latency: 400, downKbit: 400, upKbit: 400 },
];

interface SlowRun {
  fcp: number;
  lcp: number;
  cls: number;
  mathGlyphs: number;
  mathFinal: number;
  fontDisplay: string;
  faces: string[];
}

/** Runs in the page from its first byte: paint, layout-shift and first-math timings. */
function recordTimings() {
  const record = { fcp: 0, lcp: 0, shifts: [] as [number, number][], mathInView: 0 };
  (window as unknown as { __reading: typeof record }).__reading = record;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') record.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
      if (!entry.hadRecentInput) record.shifts.push([entry.startTime, entry.value]);
  }).observe({ type: 'layout-shift', buffered: true });
  const look = () => {
    const first = document.querySelector('.prose .katex');
    if (first && first.getBoundingClientRect().top < innerHeight) record.mathInView = performance.now();
    else if (performance.now() < 30_000) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/** Cumulative layout shift as Web Vitals defines it: the largest session window. */
function cumulativeShift(shifts: [number, number][]): number {
  let best = 0;
  let sum = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const [time, value] of shifts) {
    if (time - last > 1000 || time - start > 5000) {
      start = time;
      sum = 0;
    }
    sum += value;
    last = time;
    best = Math.max(best, sum);
  }
  return best;
}

/** The KaTeX faces (postscript names) that render the formulas on the first screen. */
async function facesOnFirstScreen(page: Page, cdp: CDPSession): Promise<string[]> {
  await page.evaluate(() => {
    for (const math of document.querySelectorAll('.prose .katex-html')) {
      if (math.getBoundingClientRect().top >= innerHeight) break;
      for (const span of math.querySelectorAll('span')) if (span.childNodes[0]?.nodeType === 3) span.dataset.probe = '';
    }
  });
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-probe]' });
  const faces = new Set<string>();
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    for (const font of fonts) if (font.familyName.startsWith('KaTeX')) faces.add(font.postScriptName);
  }
  return [...faces].sort();
}

async function slowRun(browser: Browser, profile: Profile, url: string): Promise<SlowRun> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: (profile.downKbit * 1024) / 8,
    uploadThroughput: (profile.upKbit * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(recordTimings);
  await page.goto(`http://localhost:${port}${url}`, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  await page.waitForTimeout(1500);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const faces = await facesOnFirstScreen(page, cdp);
  const measured = await page.evaluate((faces) => {
    const record = (window as unknown as { __reading: ReturnType<typeof Object> }).__reading as {
      fcp: number;
      lcp: number;
      shifts: [number, number][];
      mathInView: number;
    };
    const fonts = performance
      .getEntriesByType('resource')
      .filter((entry) => /\/katex\/fonts\//.test(entry.name)) as PerformanceResourceTiming[];
    const timing = (face: string) => fonts.find((entry) => entry.name.includes(`/${face}.woff2`));
    const display = [...document.fonts].find((font) => font.family.includes('KaTeX_Main'))?.display ?? '?';
    // A face in its block period hides its glyphs until it arrives, for at most 3 s.
    const arrived = faces.map((face) => timing(face)?.responseEnd ?? 0);
    const visible = faces.map((face) => {
      const entry = timing(face);
      if (!entry) return record.mathInView;
      return display === 'block' ? Math.min(entry.responseEnd, entry.startTime + 3000) : record.mathInView;
    });
    // Nothing is visible before the first paint.
    const shown = Math.max(record.fcp, record.mathInView);
    return {
      fcp: record.fcp,
      lcp: record.lcp,
      shifts: record.shifts,
      mathGlyphs: Math.max(shown, ...visible),
      mathFinal: Math.max(shown, ...arrived),
      fontDisplay: display,
    };
  }, faces);
  await context.close();
  return { ...measured, cls: cumulativeShift(measured.shifts), faces };
}

const server = await serveSite(siteDir, port, { gzip: true });
const browser = await chromium.launch({
  executablePath: settings.chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let widths: WidthFigures[] = [];
const slow = new Map<string, SlowRun[]>();
const slowKey = (profile: Profile, page: string) => `${profile.name}\u0000${page}`;
try {
  for (const width of layout ? WIDTHS : []) {
    log(`${width} px: ${htmlPages.length} pages`);
    widths.push(await auditWidth(browser, width));
  }
  for (const { page } of slowPages)
    for (const profile of PROFILES) {
      const done: SlowRun[] = [];
      slow.set(slowKey(profile, page), done);
      for (let run = 1; run <= runs; run++) {
        log(`${profile.name}, run ${run}/${runs}: ${page}`);
        done.push(await slowRun(browser, profile, page));
      }
    }
} finally {
  await browser.close();
  server.kill();
}
widths = widths.map((row) => ({ ...row, previewWidths: [...new Set(row.previewWidths)].sort((a, b) => a - b) }));

const ms = (value: number) => `${Math.round(value)} ms`;
const summary = {
  label,
  site: path.relative(settings.root, siteDir) || siteDir,
  heaviest,
  widths,
  slow: slowPages.flatMap(({ page, bytes }) =>
    PROFILES.map((profile) => {
      const done = slow.get(slowKey(profile, page)) ?? [];
      return {
        page,
        kib: Math.round(bytes / 1024),
        profile: profile.name,
        runs: done,
        fcp: median(done.map((run) => run.fcp)),
        lcp: median(done.map((run) => run.lcp)),
        cls: median(done.map((run) => run.cls)),
        mathGlyphs: median(done.map((run) => run.mathGlyphs)),
        mathFinal: median(done.map((run) => run.mathFinal)),
        fontDisplay: done[0]?.fontDisplay ?? '',
        faces: done[0]?.faces ?? [],
      };
    }),
  ),
};
const lines = [
  `Reading figures (${label}), ${htmlPages.length} pages, ${articlePages.length} articles.`,
  '',
  '| width | numbers overlapping their formula | numbers scrolling away | display formulas wider than their box | pages wider than the screen | previews outside the screen | previews too narrow for their formula | preview numbers overlapping | preview widths (px) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...widths.map(
    (row) =>
      `| ${row.width} | ${row.numberOverlaps} of ${row.numbered} | ${row.numberScrolls} | ${row.displaysOverflowing} of ${row.displays} | ${row.pagesWiderThanScreen.length} of ${row.pages} | ${row.previewsOutside} of ${row.previews} | ${row.previewsCut} | ${row.previewsNumberOverlaps} | ${row.previewWidths.join(', ')} |`,
  ),
  '',
  ...widths
    .filter((row) => row.pagesWiderThanScreen.length > 0)
    .map((row) => `Wider than ${row.width} px: ${row.pagesWiderThanScreen.join(', ')}`),
  '',
  `The heaviest article and a typical one (median size), 390×844, 4× slower CPU, empty cache, median of ${runs}:`,
  '',
  '| article | network | first contentful paint | largest contentful paint | cumulative layout shift | first-screen math shows glyphs | first-screen math in its final fonts | KaTeX font-display |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...summary.slow.map(
    (row) =>
      `| ${row.page} (${row.kib} KiB) | ${row.profile} | ${ms(row.fcp)} | ${ms(row.lcp)} | ${row.cls.toFixed(3)} | ${ms(row.mathGlyphs)} | ${ms(row.mathFinal)} | ${row.fontDisplay} |`,
  ),
  '',
  ...summary.slow
    .map((row) => `First-screen faces, ${row.page}: ${row.faces.join(', ')}.`)
    .filter((line, at, all) => all.indexOf(line) === at),
];
console.log(`\n${lines.join('\n')}\n`);
const results = path.join(settings.root, 'bench-results');
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(path.join(results, `reading-${label}.json`), JSON.stringify(summary, null, 2));
fs.writeFileSync(path.join(results, `reading-${label}.md`), `${lines.join('\n')}\n`);
