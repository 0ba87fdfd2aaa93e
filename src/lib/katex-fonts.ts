/**
 * How KaTeX's fonts reach the reader (served by src/integrations/katex-assets.ts).
 *
 * - woff2 only: every browser we support reads it.
 * - `font-display: swap` instead of KaTeX's `block`: with block, formulas stay invisible
 *   until their faces arrive (seconds on a slow link); with swap they show at once in a
 *   fallback face and change to KaTeX's when it comes. Their boxes keep their final width
 *   meanwhile (src/markdown/katex-width.ts), so nothing re-wraps when that happens.
 * - The two faces nearly every formula uses are preloaded by pages with math
 *   (src/layouts/Base.astro), so they are fetched with the stylesheet, not after it.
 */

/** The faces most formulas need: upright (digits, operators, roman) and math italic. */
export const PRELOADED_KATEX_FONTS = ['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2'];

/** KaTeX's stylesheet as we serve it. */
export function katexStylesheet(css: string): string {
  return css
    .replace(/src:([^;}]*)/g, (_, sources: string) => {
      const woff2 = sources.split(',').filter((source) => source.includes('.woff2'));
      return `src:${woff2.join(',')}`;
    })
    .replace(/font-display:\s*block/g, 'font-display:swap');
}
