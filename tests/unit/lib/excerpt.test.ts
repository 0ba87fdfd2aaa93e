import { describe, expect, it } from 'vitest';
import {
  excerptText,
  formulaAsText,
  normaliseParts,
  partsFromDollarText,
  truncateParts,
  type ExcerptPart,
} from '../../../src/lib/excerpt.ts';

const text = (value: string): ExcerptPart => ({ type: 'text', value });
const math = (value: string): ExcerptPart => ({ type: 'math', value });

describe('excerpts as plain text (meta descriptions, feeds, previews)', () => {
  it('say formulas in Unicode where it can, with plain carets where it cannot, and never as raw TeX', () => {
    expect(formulaAsText('\\alpha^2 + \\beta_i')).toBe('α² + βᵢ');
    expect(formulaAsText('x_{t+1} = x_t - \\eta \\nabla f(x_t)')).toBe('xₜ₊₁ = xₜ − η ∇ f(xₜ)');
    expect(formulaAsText('\\E[x] \\le \\sqrt{d}')).toBe('𝔼[x] ≤ √d');
    expect(formulaAsText('\\softmax(QK^\\top/\\sqrt{d})')).toBe('softmax(QK^⊤/√d)');
    expect(formulaAsText('Q\\in\\R^{n\\times d}')).toMatch(/^Q∈ℝ\^\(n× ?d\)$/);
    expect(formulaAsText('\\frac{a}{b}')).toBe('a/b');
    expect(formulaAsText('\\begin{pmatrix}a & b\\end{pmatrix}')).toBe('…');
  });

  it('join text and formulas, one ellipsis for formulas in a row that have no plain form', () => {
    expect(
      excerptText([
        text('设 '),
        math('\\theta_i'),
        text(' 与 '),
        math('\\begin{cases}1\\end{cases}'),
        math('\\begin{cases}2\\end{cases}'),
        text(' 成立。'),
      ]),
    ).toBe('设 θᵢ 与 … 成立。');
  });
});

describe('excerpt parts', () => {
  it('join adjacent text, collapse white space and trim the ends', () => {
    expect(normaliseParts([text('  设 '), text('\n '), math('x'), text(' 为\n矩阵。 ')])).toEqual([
      text('设 '),
      math('x'),
      text(' 为 矩阵。'),
    ]);
  });

  it('cut long prose to the limit with an ellipsis, never inside a formula', () => {
    const parts = truncateParts([text('这是一段很长的中文说明文字。'.repeat(30)), math('x')], 150);
    const visible = excerptText(parts);
    expect([...visible].length).toBe(151);
    expect(visible.endsWith('…')).toBe(true);
    expect(parts.some((part) => part.type === 'math')).toBe(false);
  });

  it('count a formula by its TeX, at most 12, and mark a cut after it', () => {
    expect(truncateParts([text('abc'), math('\\frac{a}{b}'), text('def')], 17)).toEqual([
      text('abc'),
      math('\\frac{a}{b}'),
      text('def'),
    ]);
    expect(truncateParts([text('abc'), math('\\frac{a}{b}+\\frac{c}{d}'), text('def')], 14)).toEqual([
      text('abc'),
      math('\\frac{a}{b}+\\frac{c}{d}'),
      text('…'),
    ]);
    expect(truncateParts([text('abc'), math('\\frac{a}{b}'), text('def')], 15)).toEqual([
      text('abc'),
      math('\\frac{a}{b}'),
      text('d…'),
    ]);
  });

  it('read the $…$ formulas of a heading as the outline keeps it', () => {
    expect(partsFromDollarText('推广到 $d$ 维')).toEqual([text('推广到 '), math('d'), text(' 维')]);
  });
});
