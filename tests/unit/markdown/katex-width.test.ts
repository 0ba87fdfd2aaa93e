import katex from 'katex';
import { describe, expect, it } from 'vitest';
import {
  baseWidth,
  formulaBases,
  katexMetrics,
  reserveBaseWidths,
  type KatexNode,
} from '../../../src/markdown/katex-width.ts';

const tree = (tex: string, displayMode = false) =>
  (katex as unknown as { __renderToDomTree(tex: string, options: object): KatexNode }).__renderToDomTree(tex, {
    displayMode,
    strict: 'ignore',
  });
const glyph = (font: string, char: string) => katexMetrics()[font]![String(char.codePointAt(0))]!;
const metric = (font: string, char: string) => glyph(font, char)[4]!;
const italic = (font: string, char: string) => glyph(font, char)[2]!;

describe('katex-width', () => {
  it('adds up glyph advances and spaces the way KaTeX lays them out', () => {
    // "x", then a thick space around "=", in the base before the break after the relation.
    const [first, second] = formulaBases(tree('x=y'));
    const thick = 0.2778;
    expect(baseWidth(first!)).toBeCloseTo(metric('Math-Italic', 'x') + thick + metric('Main-Regular', '=') + thick, 3);
    expect(baseWidth(second!)).toBeCloseTo(metric('Math-Italic', 'y') + 0.03588, 3);
  });

  it('measures runs KaTeX merged into one glyph node glyph by glyph', () => {
    const [base] = formulaBases(tree('512'));
    expect(baseWidth(base!)).toBeCloseTo(3 * metric('Main-Regular', '5'), 4);
    const [operator] = formulaBases(tree('\\operatorname{diag}'));
    // The merged node keeps the last glyph's italic correction, drawn as a margin.
    const diag = [...'diag'].reduce((total, char) => total + metric('Main-Regular', char), 0);
    expect(baseWidth(operator!)).toBeCloseTo(diag + italic('Main-Regular', 'g'), 4);
  });

  it('scales script sizes and takes the widest row of a stack', () => {
    const [fraction] = formulaBases(tree('\\frac{a+b}{c}'));
    // Script style: no spaces around the binary operator, everything at 70%.
    const numerator = (metric('Math-Italic', 'a') + metric('Main-Regular', '+') + metric('Math-Italic', 'b')) * 0.7;
    // Null delimiters (0.12 em) on both sides of the fraction.
    expect(baseWidth(fraction!)).toBeCloseTo(numerator + 0.24, 2);
  });

  it('knows nothing it cannot know: a system font draws Chinese inside \\text', () => {
    const [base] = formulaBases(tree('\\text{中文}'));
    expect(baseWidth(base!)).toBeUndefined();
  });

  it('gives each base its width, and boxes a wide inline base', () => {
    const root = tree('a+\\sum_{i=1}^{n} x_i x_i x_i x_i x_i x_i x_i x_i x_i');
    reserveBaseWidths(root, (base) => ({ classes: ['math-scroll'], children: [base] }));
    const html = formulaBases(root);
    const boxed = (root.children?.[1]?.children ?? []).filter((child) => child.classes?.includes('math-scroll'));
    expect(boxed).toHaveLength(1);
    for (const base of html) expect(base.style?.width).toMatch(/^\d+(\.\d{1,3})?em$/);
  });
});
