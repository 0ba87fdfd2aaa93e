/**
 * What the search stage hands Pagefind for a page (scripts/build/search-index.ts): formulas
 * as their TeX between the formula marks, KaTeX's glyph HTML gone, code blocks between the
 * code marks and reduced to their text.
 */
import { describe, expect, it } from 'vitest';
import { markCodeBlocks, prepareForIndex } from '../../../scripts/build/search-index.ts';
import { CODE_CLOSE, CODE_OPEN, FORMULA_CLOSE, FORMULA_OPEN } from '../../../src/lib/search-contract.ts';

const text = (html: string) => html.replace(/<[^>]*>/g, '');

describe('markCodeBlocks', () => {
  const shiki =
    '<pre class="astro-code" tabindex="0" data-language="python"><code><span class="line">' +
    '<span style="color:var(--k)">import</span><span style="color:var(--f)"> torch</span></span>\n' +
    '<span class="line"><span style="color:var(--s)">x </span><span>&#x3C; y &amp;&amp; a</span></span></code></pre>';

  it('keeps the code text, line breaks and escapes, and drops the token spans', () => {
    const marked = markCodeBlocks(`<p>before</p>${shiki}<p>after</p>`);
    expect(marked).toBe(
      `<p>before</p><pre class="astro-code" tabindex="0" data-language="python">${CODE_OPEN} ` +
        `import torch\nx &#x3C; y &amp;&amp; a ${CODE_CLOSE}</pre><p>after</p>`,
    );
    // The words a reader searches for are the words of the highlighted block.
    expect(text(marked)).toBe(`before${CODE_OPEN} ${text(shiki)} ${CODE_CLOSE}after`);
  });

  it('leaves prose outside code blocks as it is', () => {
    const prose = '<p>A <em>styled</em> <span class="kb-term">word</span></p>';
    expect(markCodeBlocks(prose)).toBe(prose);
  });
});

describe('prepareForIndex', () => {
  it('indexes a formula by its TeX and not by its glyphs', () => {
    const formula =
      '<span class="katex"><span class="katex-mathml"><math><semantics><mi>x</mi>' +
      '<annotation encoding="application/x-tex">\\sqrt{d_k}</annotation></semantics></math></span>' +
      '<span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">x</span></span></span></span>';
    const prepared = prepareForIndex(`<p>scale by ${formula}.</p>`);
    expect(prepared).toContain(`${FORMULA_OPEN} \\sqrt{d_k} ${FORMULA_CLOSE}`);
    expect(prepared).not.toContain('katex-html');
    expect(prepared).not.toContain('<math>');
  });
});
