/**
 * Pagefind over the built site. One index for the whole site, whatever each page's
 * language, so every article is found from every page: Chinese segmentation is forced,
 * and it still splits Latin words on spaces and punctuation. What is indexed is decided by
 * the pages themselves: `data-pagefind-body` on the article, `data-pagefind-ignore` on the
 * components that are not the article (their own markup), fields named by
 * src/lib/search-contract.ts.
 *
 * Pages are handed to Pagefind after one rewrite (`prepareForIndex`): each KaTeX formula's
 * MathML is replaced by its TeX source, and KaTeX's glyph HTML is removed. KaTeX renders a
 * formula twice, as MathML (one element per glyph, with the TeX in an <annotation>) and as
 * .katex-html (spans per glyph); indexed as they are, both put "QK⊤QK^\top"-style noise
 * into every excerpt. The TeX alone is what readers remember and type (`\sqrt{d}`, `QK^T`,
 * `softmax`), and Pagefind splits it on punctuation into searchable words. The TeX is
 * wrapped in FORMULA_OPEN … FORMULA_CLOSE (src/lib/search-contract.ts) so excerpts can
 * show each formula whole.
 *
 * Besides the index, this writes `pagefind/kb-vocabulary.json`: the Latin words of the site
 * (title and heading words, taxonomy names and aliases, and body words found in at least
 * two pages), which the search UI uses to correct a one-letter typo that Pagefind, which
 * matches prefixes but not misspellings, would otherwise miss; and the alias groups of
 * src/lib/search-aliases.ts, under whose names each query word is also looked up.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { SEARCH_ALIASES } from '../../src/lib/search-aliases.ts';
import { CODE_CLOSE, CODE_OPEN, FORMULA_CLOSE, FORMULA_OPEN } from '../../src/lib/search-contract.ts';
import { htmlFiles } from './pages.ts';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' };
const decodeEntities = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, name: string) => ENTITIES[name]!);

/**
 * KaTeX's MathML (`<span class="katex-mathml"><math>…<annotation encoding="application/x-tex">TeX
 * </annotation></math></span>`) becomes a span holding the TeX source, still HTML-escaped.
 * The MathML holds no <span>, so the first `</math></span>` closes it.
 */
export function texForIndex(html: string): string {
  return html.replace(/<span class="katex-mathml">([\s\S]*?)<\/math><\/span>/g, (_whole, mathml: string) => {
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(mathml)?.[1];
    return tex === undefined ? '' : `<span class="kb-tex"> ${FORMULA_OPEN} ${tex.trim()} ${FORMULA_CLOSE} </span>`;
  });
}

/**
 * Removes KaTeX's glyph HTML (`.katex-html`) before the page is sent to Pagefind: it is most
 * of a math-heavy page's bytes, and piping and parsing it for nothing was most of the
 * indexing time.
 */
export function withoutKatexHtml(html: string): string {
  const OPEN = '<span class="katex-html"';
  let out = '';
  let from = 0;
  for (let at = html.indexOf(OPEN); at !== -1; at = html.indexOf(OPEN, from)) {
    out += html.slice(from, at);
    let depth = 0;
    let cursor = at;
    do {
      const open = html.indexOf('<span', cursor);
      const close = html.indexOf('</span>', cursor);
      if (close === -1) return out + html.slice(at); // malformed: keep the rest as it is
      if (open !== -1 && open < close) {
        depth++;
        cursor = open + 5;
      } else {
        depth--;
        cursor = close + 7;
      }
    } while (depth > 0);
    from = cursor;
  }
  return out + html.slice(from);
}

/**
 * Code blocks marked (CODE_OPEN … CODE_CLOSE), so excerpts can prefer the prose around them,
 * and reduced to their text: Shiki wraps every token in a styled <span>, which was 60% of an
 * article's bytes sent to Pagefind for no word. Inline tags join no words and split none, so
 * the index is the same without them (byte for byte, checked on the benchmark corpus).
 */
export function markCodeBlocks(html: string): string {
  return html.replace(
    /(<pre\b[^>]*>)([\s\S]*?)(<\/pre>)/g,
    (_whole, open: string, code: string, close: string) =>
      `${open}${CODE_OPEN} ${code.replace(/<[^>]*>/g, '')} ${CODE_CLOSE}${close}`,
  );
}

/** The HTML Pagefind indexes for one built page. */
export function prepareForIndex(html: string): string {
  return markCodeBlocks(withoutKatexHtml(texForIndex(html)));
}

const LATIN_WORD = /[A-Za-z][A-Za-z0-9]{2,}/g;
const stripTags = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' '));
const latinWords = (text: string) => new Set((text.match(LATIN_WORD) ?? []).map((word) => word.toLowerCase()));

/** Words worth correcting a typo towards: from titles, headings and taxonomy terms, or common in the body. */
function createVocabulary() {
  const strong = new Set<string>();
  const pagesPerWord = new Map<string, number>();
  return {
    /** One page at a time, so a 10,000-page site is never held in memory at once. */
    add(html: string) {
      const headings = [...html.matchAll(/<h[1-4][^>]*>([\s\S]*?)<\/h[1-4]>/g)].map((match) => match[1]!);
      const metas = [...html.matchAll(/data-pagefind-(?:meta|filter)="[^":]*:([^"]*)"/g)].map((match) => match[1]!);
      const filters = [...html.matchAll(/data-pagefind-filter="[^"]*">([^<]*)</g)].map((match) => match[1]!);
      for (const word of latinWords(stripTags([...headings, ...metas, ...filters].join(' ')))) strong.add(word);
      const body = /data-pagefind-body[^>]*>([\s\S]*)<\/article>/.exec(html)?.[1] ?? '';
      // Tags are replaced by spaces, so KaTeX's one-glyph spans never join into words.
      for (const word of latinWords(stripTags(texForIndex(body))))
        pagesPerWord.set(word, (pagesPerWord.get(word) ?? 0) + 1);
    },
    words() {
      const all = new Set(strong);
      for (const [word, count] of pagesPerWord) if (count >= 2) all.add(word);
      return [...all].sort();
    },
  };
}

/** Indexes every page with `data-pagefind-body` (the articles) and writes `<siteDir>/pagefind/`. */
export async function buildSearchIndex(siteDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(errors.join('; '));
  const vocabulary = createVocabulary();
  let indexedPages = 0;
  try {
    // Several pages in flight at once: Pagefind indexes them on all cores.
    const pending = new Set<Promise<void>>();
    for (const file of htmlFiles(siteDir)) {
      const html = fs.readFileSync(file, 'utf8');
      if (!html.includes('data-pagefind-body')) continue;
      // Root-relative URL; the browser adds the deployment's base path itself.
      const url = `/${path.relative(siteDir, file).split(path.sep).join('/')}`.replace(/index\.html$/, '');
      const task = index.addHTMLFile({ url, content: prepareForIndex(html) }).then((added) => {
        if (added.errors.length) throw new Error(`${url}: ${added.errors.join('; ')}`);
      });
      pending.add(task);
      task.finally(() => pending.delete(task)).catch(() => {});
      vocabulary.add(html);
      indexedPages++;
      if (pending.size >= 16) await Promise.race(pending);
    }
    await Promise.all(pending);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    await pagefind.close();
  }
  const written: { words: string[]; aliases: readonly (readonly string[])[] } = {
    words: vocabulary.words(),
    aliases: SEARCH_ALIASES,
  };
  fs.writeFileSync(path.join(siteDir, 'pagefind', 'kb-vocabulary.json'), JSON.stringify(written));
  return { pages: indexedPages };
}
