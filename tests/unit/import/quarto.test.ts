import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quartoCells, quartoDivs } from '../../../scripts/import/quarto.ts';
import { importFixture, recordNotes, type ImportedFixture } from '../../helpers/import.ts';

describe('Quarto: cells and divs, without running anything', () => {
  it('a code cell becomes plain code without its #| options; an echo: false cell is left out; lines are kept', () => {
    const notes = recordNotes();
    const source = 'a\n```{python}\n#| label: fit\nx = 1\n```\n```{r}\n#| echo: false\nplot(x)\n```\nb';
    const out = quartoCells(source, notes);
    expect(out).toBe('a\n\n```python\nx = 1\n```\n\n\n\n\nb');
    expect(out.split('\n')).toHaveLength(source.split('\n').length);
    expect(notes.taken).toEqual([
      '2: {python} code cell → plain code (not executed)',
      '6: {r} cell with echo/include: false left out (no code was shown; nothing is executed)',
    ]);
  });

  it('::: {.hidden} blocks go (their macros are kept), other fenced divs stay', () => {
    const macros: Record<string, string> = {};
    expect(
      quartoDivs(
        '::: {.hidden}\n$$\\newcommand{\\X}{\\mathbf{X}}$$\n:::\n\n::: {#thm-a}\nText.\n:::',
        recordNotes(),
        macros,
      ),
    ).toBe('\n\n\n\n::: {#thm-a}\nText.\n:::');
    expect(macros).toEqual({ '\\X': '\\mathbf{X}' });
  });
});

describe('npm run import -- --from quarto on a small book', () => {
  let fixture: ImportedFixture;
  beforeAll(() => {
    fixture = importFixture('quarto');
  });
  afterAll(() => fixture.remove());

  it('imports the chapters as a series (.qmd → .md), the macros and the bibliography; reports the notebook', () => {
    expect(fixture.result.articles.sort()).toEqual([
      'chapters/01-least-squares.md',
      'chapters/02-ridge.md',
      'index.md',
    ]);
    expect(fixture.read('taxonomy.yaml')).toMatch(
      /macros:\n  \\R: \\mathbb\{R\}\n  \\norm: .*\n  \\X: \\mathbf\{X\}\nseries:\n  regression-notes:/,
    );
    expect(fixture.read('references.bib')).toContain('@book{hastie2009,');
    // The appendix notebook was a page of the book; the unlisted one and the editor's checkpoint never were.
    expect(fixture.printed).toContain('notebooks/lab.ipynb: Jupyter notebook: notebooks are not imported');
    expect(fixture.printed).not.toMatch(/scratch\.ipynb|checkpoint/);
    expect(fixture.printed).toContain("1 notebook not in the book's chapters: not pages, not imported");
    expect(fixture.sourceUnchanged).toBe(true);
  });

  it('a chapter keeps its Quarto syntax for the site (fenced divs, labels, @-references, citations) and links to .md', () => {
    const chapter = fixture.read('articles/chapters/01-least-squares.md');
    expect(chapter).toMatch(/^---\ntitle: Least squares\ndate: 2023-03-01\nseries: regression-notes\nseriesOrder: 2\n/);
    expect(chapter).not.toContain('execute:');
    expect(chapter).toContain('$$ {#eq-normal}');
    expect(chapter).toContain('::: {#thm-unique}');
    expect(chapter).toContain('[@hastie2009]');
    expect(chapter).toContain('![Residuals of the fit](./img/residuals.png){#fig-residuals width=60%}');
    expect(chapter).not.toContain('matplotlib');
    expect(fixture.read('articles/chapters/02-ridge.md')).toContain('[the previous chapter](./01-least-squares.md)');
    expect(fixture.read('articles/index.md')).not.toMatch(/redirect_from|pagebreak|hidden/);
  });
});
