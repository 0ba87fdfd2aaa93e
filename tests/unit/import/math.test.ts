import { describe, expect, it } from 'vitest';
import {
  adjacentDollars,
  containMath,
  escapedBracketsAsText,
  formulaPass,
  kramdownInlineMath,
  macroDefinitions,
  spacedDollars,
  splitDisplayRuns,
} from '../../../scripts/import/math.ts';
import { recordNotes } from '../../helpers/import.ts';

describe('formulas as the old tool read them', () => {
  it('kramdown: $$ in a sentence, a table cell or after a text line is inline; a block of its own stays display', () => {
    const notes = recordNotes();
    const text = [
      'Given $$w_I$$ and $$ N $$ samples.',
      '',
      '$$',
      'L = -\\log p',
      '$$',
      '',
      'As follows:',
      '$$x = 1$$',
      '',
      '| $$Q$$ | $$n \\times d$$ |',
      '',
      '- $$',
      '  a = b',
      '  $$',
      '- next',
      '',
      'Inline $$\\begin{align*} a &= b \\end{align*}$$ stays display.',
    ].join('\n');
    expect(kramdownInlineMath(text, notes).split('\n')).toEqual([
      'Given $w_I$ and $N$ samples.',
      '',
      '$$',
      'L = -\\log p',
      '$$',
      '',
      'As follows:',
      '$x = 1$',
      '',
      '| $Q$ | $n \\times d$ |',
      '',
      '- $$',
      '  a = b',
      '  $$',
      '- next',
      '',
      'Inline $$\\begin{align*} a &= b \\end{align*}$$ stays display.',
    ]);
    expect(notes.taken).toEqual([
      "1: kramdown's inline $$…$$ → $…$",
      "1: kramdown's inline $$…$$ → $…$",
      "8: kramdown's inline $$…$$ → $…$",
      "10: kramdown's inline $$…$$ → $…$",
      "10: kramdown's inline $$…$$ → $…$",
    ]);
  });

  it('a $$ with no partner in its paragraph stays text, as kramdown showed it, and the pages after it keep their formulas', () => {
    const notes = recordNotes();
    const text = ['A state $$s$$ and an action $$a$ chosen.', '', 'Later $$b$$ holds.', '', '$$', 'c = d', '$$'].join(
      '\n',
    );
    expect(kramdownInlineMath(text, notes).split('\n')).toEqual([
      'A state $s$ and an action \\$\\$a$ chosen.',
      '',
      'Later $b$ holds.',
      '',
      '$$',
      'c = d',
      '$$',
    ]);
    expect(notes.taken).toEqual([
      '1: NOT $$ with no closing $$ in its paragraph: shown as text, as kramdown showed it (close the formula in the source)',
      "1: kramdown's inline $$…$$ → $…$",
      "3: kramdown's inline $$…$$ → $…$",
    ]);
  });

  it('docsify and Obsidian: \\(1\\) and \\[解析\\] were brackets, and stay brackets; formulas are untouched', () => {
    const notes = recordNotes();
    expect(escapedBracketsAsText('\\(1\\) 当 $\\left[0, 1\\right]$ 时，\\[解析\\]：见下。', 'pandoc', notes)).toBe(
      '(1\\) 当 $\\left[0, 1\\right]$ 时，[解析\\]：见下。',
    );
    expect(notes.taken).toHaveLength(2);
  });

  it('docsify-katex: $ x $ with spaces is a formula, written without them', () => {
    const notes = recordNotes();
    expect(spacedDollars('当 $ z = 0 $ 时 $p$，价格 $ 5', notes)).toBe('当 $z = 0$ 时 $p$，价格 $ 5');
    expect(notes.taken).toEqual(['1: $ x $ with spaces inside → $x$']);
  });

  it('macro definitions of a preamble become KaTeX macros; optional arguments are listed, not guessed', () => {
    const found = macroDefinitions(
      '\\newcommand{\\RR}{\\mathbb{R}}\n\\newcommand\\inner[2]{\\langle #1, #2 \\rangle}\n\\DeclareMathOperator*{\\argmin}{arg\\,min}\n\\def\\eps{\\varepsilon}\n\\newcommand{\\opt}[1][x]{#1^*}',
    );
    expect(found.macros).toEqual({
      '\\RR': '\\mathbb{R}',
      '\\inner': '\\langle #1, #2 \\rangle',
      '\\argmin': '\\operatorname*{arg\\,min}',
      '\\eps': '\\varepsilon',
    });
    expect(found.unsupported).toEqual(['\\newcommand{\\opt}[1][x]{#1^*}']);
  });

  it('MathJax sites: macros defined in a formula are collected, MathJax-only TeX rewritten, inline align made display', () => {
    const notes = recordNotes();
    const pass = formulaPass(
      '$$\\newcommand{\\X}{\\mathbf{X}}$$\n\nThen $\\X$, $\\tau_\\max$ and $\\text{seq_len}$ and $\\begin{aligned} a &= b \\end{aligned}$ and $\\begin{align*} a &= b \\end{align*}$.',
      {},
      notes,
      true,
    );
    expect(pass.macros).toEqual({ '\\X': '\\mathbf{X}' });
    expect(pass.body).toBe(
      '\n\nThen $\\X$, $\\tau_{\\max}$ and $\\text{seq\\_len}$ and $\\begin{aligned} a &= b \\end{aligned}$ and $$\\begin{align*} a &= b \\end{align*}$$.',
    );
    expect(notes.taken).toEqual([
      '1: macro definitions in a formula → taxonomy.yaml macros',
      expect.stringMatching(/^3: TeX only MathJax reads → KaTeX's form \(a command as a subscript/),
      expect.stringMatching(/^3: TeX only MathJax reads → KaTeX's form \(_, &, % or # inside/),
      '3: inline formula with a display environment (align, gather…) → display',
    ]);
    // A KaTeX site (docsify) showed what KaTeX showed: nothing is changed.
    expect(formulaPass('$\\tau_\\max$', {}, recordNotes(), false).body).toBe('$\\tau_\\max$');
  });

  it('MathJax sites: a \\$ inside $…$ stays a dollar sign in the formula', () => {
    const notes = recordNotes();
    expect(formulaPass('GDP is $\\$Y_t$ a year.', {}, notes, true).body).toBe('GDP is ${\\char36}Y_t$ a year.');
    expect(notes.taken).toEqual(['1: a \\$ (dollar sign) inside $…$ → {\\char36}']);
  });

  it('a $$ block in a callout or list item gets its container on every line', () => {
    const notes = recordNotes();
    expect(
      containMath('> [!note] Claim\n> Then $$\ng(t) \\le a\n$$ holds.\n\n3. Last:\n    - $$\n  a = b\n  $$', notes),
    ).toBe('> [!note] Claim\n> Then $$\n> g(t) \\le a\n> $$ holds.\n\n3. Last:\n    - $$\n      a = b\n      $$');
    expect(notes.taken).toEqual([
      '2: $$ block in a quote or callout given its container on every line',
      '7: $$ block in a list item given its container on every line',
    ]);
  });

  it('$a$$$b$$ and a line that closes one display formula and opens the next are split for the parser', () => {
    expect(adjacentDollars('map $f$$$g$$.', recordNotes())).toBe('map $f$ $$g$$.');
    const split = splitDisplayRuns('Meanwhile,$$\na = b\n$$because of this,$$\nc = d\n$$Now.', recordNotes());
    expect(split.body).toBe('Meanwhile,$$\na = b\n$$\nbecause of this,$$\nc = d\n$$Now.');
    expect(split.addedAfter).toEqual([3]);
  });
});
