import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineTags, obsidianComments, standaloneBlockIds } from '../../../scripts/import/obsidian.ts';
import { importFixture, recordNotes, type ImportedFixture } from '../../helpers/import.ts';

describe('Obsidian: tags, comments, block ids', () => {
  it('inline #tags are collected; a line of tags goes, a tag in a sentence keeps its word; headings, code and URLs are not tags', () => {
    const { body, tags } = inlineTags(
      '#math #凸分析\n# Heading\nSee #review here, `#code` and http://a.b/#frag and $\\#x$.',
      recordNotes(),
    );
    expect(tags).toEqual(['math', '凸分析', 'review']);
    expect(body).toBe('\n# Heading\nSee review here, `#code` and http://a.b/#frag and $\\#x$.');
  });

  it('%% comments over several lines are removed, line breaks kept; one-line ones are left to the build', () => {
    expect(obsidianComments('a %%one%% b\n%%\nTODO\n%%\nc', recordNotes())).toBe('a %%one%% b\n\n\n\nc');
  });

  it('a block id on a line of its own becomes an anchor, in a callout too', () => {
    expect(standaloneBlockIds('> [!note]\n> $$x$$\n>^key\n\n^5c9b44', recordNotes())).toBe(
      '> [!note]\n> $$x$$\n><a id="key"></a>\n\n<a id="5c9b44"></a>',
    );
  });
});

describe('npm run import -- --from obsidian on a small vault', () => {
  let fixture: ImportedFixture;
  beforeAll(() => {
    fixture = importFixture('obsidian');
  });
  afterAll(() => fixture.remove());

  it('imports every note (not .obsidian/), the empty one titled, the unpublished one as a draft; the source is untouched', () => {
    expect(fixture.result.articles.sort()).toEqual([
      'Probability/Chebyshev Inequality.md',
      'Probability/Markov Inequality.md',
      'Probability/bounds/Tail Bound.md',
      '优化/Convex Set.md',
      '优化/凸优化.md',
      '优化/凸集.md',
    ]);
    expect(fixture.read('articles/Probability/Chebyshev Inequality.md')).toMatch(
      /^---\ntitle: Chebyshev Inequality\n.*\ndescription: Chebyshev Inequality\n/s,
    );
    expect(fixture.read('articles/优化/Convex Set.md')).toContain('draft: true');
    // Probability/ is a nested vault: its notes' [[paths]] start at its folder.
    expect(fixture.read('articles/Probability/Markov Inequality.md')).toContain(
      '[[Probability/bounds/Tail Bound|the tail bound]]',
    );
    expect(fixture.sourceUnchanged).toBe(true);
  });

  it('the note is titled by its file name, tagged from its #tags, and keeps wikilinks, embeds and callouts for the build', () => {
    const note = fixture.read('articles/优化/凸优化.md');
    expect(note).toMatch(
      /^---\ntitle: 凸优化\ndate: \d{4}-\d{2}-\d{2}\ntags:\n  - optimization\n  - 凸分析\n  - review\n/,
    );
    // Convex Set is `publish: false`: Obsidian showed the link as text, and so does the site.
    expect(note).toContain('and the feasible set are convex, see [[凸集]].');
    expect(note).toContain('> [!note] 定义');
    expect(note).toContain('<a id="convex-def"></a>');
    expect(note).not.toContain('TODO: add the strong-convexity');
    expect(note).toContain('An escaped [1\\] is a citation mark here');
    expect(note).toContain('![[convex-set.png|200]]');
    expect(fixture.result.assets).toEqual(['优化/附件/convex-set.png']);
  });

  it('preamble.sty macros go to taxonomy.yaml, with only the physics commands the notes use', () => {
    const taxonomy = fixture.read('taxonomy.yaml');
    expect(taxonomy).toContain('\\RR: \\mathbb{R}');
    expect(taxonomy).toContain('\\dom: \\operatorname{dom}');
    expect(taxonomy).toContain('\\argmin: \\operatorname*{arg\\,min}');
    expect(taxonomy).toMatch(/\\norm: /);
    expect(taxonomy).toMatch(/\\grad: \\nabla/);
    expect(taxonomy).not.toMatch(/\\bra:|\\dv:/);
  });
});
