import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { parseTaxonomy } from '../../../src/lib/taxonomy.ts';
import { expandPhysics, takeOperatorDeclarations, texExtensionMacros } from '../../../src/lib/tex-extensions.ts';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

/** What KaTeX renders for TeX with the site's extension macros. */
const katexOf = (tex: string) =>
  katex.renderToString(expandPhysics(tex), { macros: { ...texExtensionMacros }, throwOnError: true, strict: 'ignore' });
/** The visible glyph layer only. */
const glyphs = (html: string) => html.slice(html.indexOf('katex-html'));

describe('KaTeX gaps: physics basics, the indicator, \\DeclareMathOperator, numbered align', () => {
  it('renders \\abs, \\norm and \\expval as stretching delimiters', () => {
    expect(glyphs(katexOf('\\abs{x}'))).toMatch(/∣.*x.*∣/s);
    expect(glyphs(katexOf('\\norm{\\frac{a}{b}}'))).toMatch(/delimsizing|∥/);
    expect(glyphs(katexOf('\\expval{H}'))).toMatch(/⟨.*H.*⟩/s);
    expect(glyphs(katexOf('\\expval{A}{\\psi}'))).toMatch(/⟨.*ψ.*∣.*A.*∣.*ψ.*⟩/s);
  });

  it('reads \\dv and \\pdv with one or two arguments and an optional order, as physics does', () => {
    expect(expandPhysics('\\dv{f}{x}')).toBe('\\frac{\\mathrm{d} f}{\\mathrm{d} x} ');
    expect(expandPhysics('\\dv{t} y')).toBe('\\frac{\\mathrm{d}}{\\mathrm{d} t}  y');
    expect(expandPhysics('\\pdv[2]{f}{x}')).toBe('\\frac{\\partial^{2} f}{\\partial x^{2}} ');
    expect(expandPhysics('\\dvx')).toBe('\\dvx');
    expect(glyphs(katexOf('\\pdv{L}{\\theta}'))).toContain('∂');
  });

  it('draws \\mathbbm{1} and \\1 as a double-struck one (two overlapping 1s), with 𝟙 in MathML', () => {
    for (const tex of ['\\mathbbm{1}_{A}', '\\1_{A}']) {
      const html = katexOf(tex);
      expect(glyphs(html)).toMatch(
        /mathrm">1<\/span><span class="mspace" style="margin-right:-0\.\d+em;"><\/span><span class="mord mathrm">1</,
      );
      expect(html).toContain('<mtext>𝟙</mtext>');
    }
    // Any other letter is \mathbb.
    expect(glyphs(katexOf('\\mathbbm{R}'))).toContain('mathbb');
  });

  it('defines operators from \\DeclareMathOperator in an article; a declaring formula prints nothing', async () => {
    const { html, problems } = await renderWithProblems(
      '$$\n\\DeclareMathOperator{\\Tr}{Tr}\n\\DeclareMathOperator*{\\esssup}{ess\\,sup}\n$$\n\n迹 $\\Tr(AB) = \\Tr(BA)$，以及 $\\esssup_x f$。',
    );
    expect(problems).toEqual([]);
    expect(html).toMatch(/<span class="mop">.*Tr/);
    expect(html).not.toContain('DeclareMathOperator');
    expect(takeOperatorDeclarations('\\DeclareMathOperator{\\sgn}{sgn} x').macros).toEqual({
      '\\sgn': '\\operatorname{sgn}',
    });
  });

  it('takes \\DeclareMathOperator lines in the taxonomy macros, next to map entries', () => {
    const taxonomy = parseTaxonomy('macros:\n  - \\DeclareMathOperator{\\Tr}{Tr}\n  - \\R: \\mathbb{R}\n', 't.yaml');
    expect(taxonomy.macros).toEqual({ '\\Tr': '\\operatorname{Tr}', '\\R': '\\mathbb{R}' });
    expect(() => parseTaxonomy('macros:\n  - \\foo\n', 't.yaml')).toThrow(/is not a declaration/);
  });

  it('numbers every row of \\begin{align}, each row with its own \\label for \\eqref', async () => {
    const html = await renderMarkdown(
      '$$\n\\begin{align}\na &= b \\label{eq:first} \\\\\nc &= d \\nonumber \\\\\ne &= f \\label{eq:third}\n\\end{align}\n$$\n\n由 \\eqref{eq:first} 与 \\eqref{eq:third}，以及 @eq-third。',
    );
    expect(html).toMatch(/<span class="enclosing" id="eq-first"><span class="mord">1<\/span>/);
    expect(html).toMatch(/<span class="enclosing" id="eq-third"><span class="mord">2<\/span>/);
    expect(html).toContain('<a href="#eq-first" class="eqref" data-equation="eq-first">(1)</a>');
    expect(html).toContain('<a href="#eq-third" class="eqref" data-equation="eq-third">(2)</a>');
    expect(html).toContain('<a href="#eq-third" class="crossref" data-crossref="eq">式 (2)</a>');
  });

  it('keeps the TeX as written in the annotation when physics commands were expanded (copy and search)', async () => {
    const html = await renderMarkdown('导数 $\\dv{f}{x}$。');
    expect(html).toContain('<annotation encoding="application/x-tex">\\dv{f}{x}</annotation>');
  });
});
