import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hugoShortcodes, shortcodeArguments } from '../../../scripts/import/hugo.ts';
import { importFixture, recordNotes, type ImportedFixture } from '../../helpers/import.ts';

describe('Hugo: shortcodes', () => {
  it('reads named and positional arguments', () => {
    expect(shortcodeArguments(' go "linenos=table,hl_lines=8 15-17" src="a b.png" display')).toEqual({
      named: { src: 'a b.png' },
      positional: ['go', 'linenos=table,hl_lines=8 15-17', 'display'],
    });
  });

  it('katex, math and highlight become Markdown; figure becomes <figure>; unknown ones are reported', () => {
    const notes = recordNotes();
    const out = hugoShortcodes(
      '{{< katex >}}x^2{{< /katex >}} and {{< katex display >}}\na = b\n{{< /katex >}}\n{{< highlight go "hl_lines=2-3" >}}\nfmt.Println(1)\n{{< /highlight >}}\n{{< figure src="/img/a.png" caption="A chart" width="300" >}}\n{{< tweet 123 >}}',
      notes,
    );
    expect(out).toBe(
      '$x^2$ and $$\na = b\n$$\n```go {2-3}\nfmt.Println(1)\n```\n<figure><img src="/img/a.png" alt="A chart" width="300"><figcaption>A chart</figcaption></figure>\n{{< tweet 123 >}}',
    );
    expect(notes.taken.at(-1)).toBe('8: NOT Hugo shortcode {{< tweet >}}: {{< tweet 123 >}} (left as written)');
  });
});

describe('npm run import -- --from hugo on a small site', () => {
  let fixture: ImportedFixture;
  beforeAll(() => {
    fixture = importFixture('hugo');
  });
  afterAll(() => fixture.remove());

  it('imports content/ (bundles and sections with text), copies static/ and bundle images, never touches the source', () => {
    expect(fixture.result.articles.sort()).toEqual([
      'about/index.md',
      'posts/attention-bundle/index.md',
      'posts/kl-divergence.md',
    ]);
    expect(fixture.result.assets.sort()).toEqual([
      'files/static/images/logo.png',
      'posts/attention-bundle/heatmap.png',
    ]);
    expect(fixture.sourceUnchanged).toBe(true);
    expect(fixture.printed).toContain('posts/_index.md: skipped: a section listing without text');
  });

  it('TOML frontmatter becomes YAML; aliases stay, the old URL is added; refs point at the converted pages', () => {
    const post = fixture.read('articles/posts/kl-divergence.md');
    expect(post).toMatch(
      /^---\ntitle: KL divergence in one page\ndate: 2022-02-14T08:00:00\+01:00\ntags:\n  - information-theory\n  - Probability\n/,
    );
    expect(post).toContain('aliases:\n  - /old/kl/\nredirect_from:\n  - /posts/kl-divergence/');
    expect(post).toContain('$$\nD_{\\mathrm{KL}}(p \\| q) = \\sum_x p(x) \\log \\frac{p(x)}{q(x)}\n$$');
    expect(post).toContain('See the [attention note](./attention-bundle/index.md) for where it shows up.');
    expect(post).toContain('<img src="../files/static/images/logo.png" alt="The logo, as a figure" width="120">');
    expect(post).toContain('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video"');
    const bundle = fixture.read('articles/posts/attention-bundle/index.md');
    expect(bundle).toContain('slug: soft-lookup\nredirect_from:\n  - /posts/soft-lookup/');
    expect(bundle).toContain('Back to [KL divergence](../kl-divergence.md).');
  });
});
