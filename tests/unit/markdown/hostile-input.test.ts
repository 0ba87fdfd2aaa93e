/**
 * Input written to hurt the build (or by accident as costly): each is refused or shown
 * plainly with a problem that says why, and none takes more than a moment. The per-test
 * timeouts are the guard: without the bounds each of these runs for minutes or overflows
 * the stack.
 */
import { describe, expect, it } from 'vitest';
import { MATH_LIMITS, formulaLimitProblem } from '../../../src/markdown/rehype-katex-strict.ts';
import { MAX_HIGHLIGHTED, clampHighlights } from '../../../src/markdown/remark-code-languages.ts';
import { renderWithProblems } from '../../helpers/markdown.ts';

const rules = (file: { data: { problems?: { rule: string }[] } }) => (file.data.problems ?? []).map((p) => p.rule);

describe('bounds on what one article may cost', () => {
  it('refuses a macro bomb with a message, and renders the rest of the page', { timeout: 10_000 }, async () => {
    const bomb =
      '\\def\\a{xxxxxxxxxx}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}\\def\\d{\\c\\c\\c\\c\\c\\c\\c\\c\\c\\c}\\d\\d\\d';
    const { html, problems, file } = await renderWithProblems(`前文\n\n$$${bomb}$$\n\n后文 $x^2$`);
    expect(rules(file)).toEqual(['math/invalid-tex']);
    expect(problems[0]).toMatch(/Too many expansions/);
    expect(html).toContain('后文');
    expect(html).toContain('class="katex"');
  });

  it('refuses braces nested thousands deep before KaTeX recurses into them', { timeout: 10_000 }, async () => {
    const deep = '{'.repeat(3000) + 'x' + '}'.repeat(3000);
    expect(formulaLimitProblem(deep)).toMatch(/nests braces 3000 deep/);
    const { html, file } = await renderWithProblems(`$${deep}$ 之后`);
    expect(rules(file)).toEqual(['math/refused']);
    expect(html).toContain('之后');
  });

  it('refuses a formula longer than the limit, and an \\href or \\htmlStyle that would leave the page', () => {
    expect(formulaLimitProblem('x+'.repeat(MATH_LIMITS.formulaLength))).toMatch(/characters long/);
    expect(formulaLimitProblem('\\href{https://evil.example}{x}')).toMatch(/\\href is not allowed/);
    expect(formulaLimitProblem('\\htmlStyle{position:fixed}{x}')).toMatch(/htmlStyle is not allowed/);
    expect(formulaLimitProblem('\\href{#eq-1}{(1)}')).toBeUndefined();
    expect(formulaLimitProblem('\\frac{a}{b} + \\sqrt{\\hat{x}}')).toBeUndefined();
  });

  it('caps boxes at the size limit: \\rule{100000em} cannot cover the page', { timeout: 10_000 }, async () => {
    const { html } = await renderWithProblems('$\\rule{100000em}{100000em}$');
    const sizes = [...html.matchAll(/(?:width|height|border-right-width|border-top-width):\s*([\d.]+)em/g)].map((m) =>
      Number(m[1]),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MATH_LIMITS.maxSize);
  });

  it('renders at most the formula limit per article and says so once', { timeout: 60_000 }, async () => {
    const many = Array.from({ length: MATH_LIMITS.formulas + 50 }, (_, i) => `$x_{${i}}$`).join(' ');
    const { html, file } = await renderWithProblems(many);
    expect(rules(file)).toEqual(['math/too-many']);
    expect(html.match(/class="katex"/g)?.length).toBe(MATH_LIMITS.formulas);
  });

  it('shows a code block too large to highlight as plain text, with a warning', { timeout: 20_000 }, async () => {
    const code = 'x = <b>1</b>\n'.repeat(Math.ceil((MAX_HIGHLIGHTED * 2) / 12));
    const { html, file } = await renderWithProblems('```python\n' + code + '```');
    expect(rules(file)).toEqual(['code/too-large']);
    expect(file.data.problems?.[0]?.severity).toBe('warning');
    expect(html).toContain('x = &#x3C;b>1&#x3C;/b>');
    // One escaped text node, not a span per line and token.
    expect(html).not.toContain('class="line"');
  });

  it('clamps line-highlight ranges to the block: {1-99999999} costs nothing', { timeout: 10_000 }, async () => {
    expect(clampHighlights('{1-99999999}', 3)).toBe('{1-3}');
    expect(clampHighlights('{2,5,7-9}', 6)).toBe('{2,5}');
    expect(clampHighlights('title="a" {40-50}', 6)).toBe('title="a" ');
    const { html } = await renderWithProblems('```ts {1-99999999}\nconst a = 1;\nconst b = 2;\n```');
    expect(html.match(/class="line highlighted"/g)?.length).toBe(2);
  });

  it('renders thousands of headings of one name, each with its own id', { timeout: 60_000 }, async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `## 同名标题\n\n段落 ${i}\n`).join('\n');
    const { html, file } = await renderWithProblems(text);
    expect(rules(file)).toEqual([]);
    expect(html).toContain('id="同名标题-2999"');
    expect(new Set(html.match(/id="同名标题[^"]*"/g)).size).toBe(3000);
  });
});
