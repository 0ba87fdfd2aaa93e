import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageAttributes, mkdocsBlocks, mkdocsIcons, navSections } from '../../../scripts/import/mkdocs.ts';
import { importFixture, recordNotes, type ImportedFixture } from '../../helpers/import.ts';

describe('MkDocs Material: admonitions, tabs, icons, attribute lists, nav', () => {
  it('admonitions (folded, open, nested) become callouts and tabs become sections, keeping the line count', () => {
    const source =
      '## Setup\n\n!!! note "Why"\n    Some $x$.\n\n    ??? tip\n        Nested.\n\n???+ warning ""\n    Open.\n\n=== "Result"\n\n    The plot.\n\n=== "Code"\n\n    ```python\n    x = 1\n    ```\n';
    const out = mkdocsBlocks(source, recordNotes());
    expect(out).toBe(
      '## Setup\n\n> [!NOTE] Why\n> Some $x$.\n>\n> > [!TIP]-\n> > Nested.\n\n> [!WARNING]+\n> Open.\n\n### Result\n\nThe plot.\n\n### Code\n\n```python\nx = 1\n```\n',
    );
    expect(out.split('\n')).toHaveLength(source.split('\n').length);
  });

  it('icon shortcodes go; an image’s width from attr_list is kept on <img>', () => {
    expect(mkdocsIcons('Done :material-check:{ .green } now :fontawesome-solid-dice:.', recordNotes())).toBe(
      'Done now.',
    );
    expect(
      imageAttributes('![A](a.png){ width="300" } ![B](b.png){ .shadow } ![C](c.png){#fig-c}', recordNotes()),
    ).toBe('<img src="a.png" alt="A" width="300"> ![B](b.png) ![C](c.png){#fig-c}');
  });

  it('each top-level nav section with several pages is a series, in nav order', () => {
    expect(
      navSections([
        { Home: 'index.md' },
        { Basics: ['basics/index.md', { A: 'basics/a.md' }, { More: [{ B: 'basics/b.md' }] }] },
      ]),
    ).toEqual([{ title: 'Basics', pages: ['basics/index.md', 'basics/a.md', 'basics/b.md'] }]);
  });
});

describe('npm run import -- --from mkdocs on a small site', () => {
  let fixture: ImportedFixture;
  beforeAll(() => {
    fixture = importFixture('mkdocs');
  });
  afterAll(() => fixture.remove());

  it('imports docs_dir, the nav series, the MathJax macros and the bib file, and never touches the source', () => {
    expect(fixture.result.articles.sort()).toEqual(['guide/elbo.md', 'guide/reparameterisation.md', 'index.md']);
    expect(fixture.read('taxonomy.yaml')).toMatch(
      /macros:\n  \\KLD: \\operatorname\{KL\}\n  \\vect: \\boldsymbol\{#1\}\nseries:\n  foundations:\n    zh: Foundations/,
    );
    expect(fixture.read('references.bib')).toContain('@article{kingma2014,');
    expect(fixture.sourceUnchanged).toBe(true);
  });

  it('page-URL-relative links and images point at the files; a notebook page links to its file', () => {
    const elbo = fixture.read('articles/guide/elbo.md');
    expect(elbo).toContain('> [!NOTE] Definition\n> For any \\(q\\),');
    expect(elbo).toContain('## Picture\n\n![ELBO](../assets/img/elbo.png)');
    expect(elbo).toContain(
      'See [reparameterisation](./reparameterisation.md) and the [notebook](../notebooks/elbo_demo.py).',
    );
    expect(elbo).toContain('from below [@kingma2014].');
    // #elbo is the page's title heading, which the site shows as the title: the link goes to the page.
    expect(fixture.read('articles/guide/reparameterisation.md')).toContain('Back to [the ELBO](./elbo.md).');
    const home = fixture.read('articles/index.md');
    expect(home).toContain('<figure>\n  <img src="./assets/img/elbo.png" alt="ELBO diagram" width="240">');
    // `../guide/reparameterisation/` from the home page climbs above the root, where a browser stops.
    expect(home).toContain('[the trick](./guide/reparameterisation.md)');
    expect(fixture.result.assets.sort()).toEqual(['assets/img/elbo.png', 'notebooks/elbo_demo.py']);
  });
});
