import { describe, expect, it } from 'vitest';
import { renderWithProblems } from '../../helpers/markdown.ts';

describe("Obsidian's Markdown and other tools' leftovers", () => {
  it('==highlight== is a mark, %%comments%% are left out, ^block-ids become ids', async () => {
    const { html, problems } = await renderWithProblems(
      'A ==stopping time== is a random time. %% check this %% ^def-st\n\nBut a == b stays.\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<p id="def-st">A <mark>stopping time</mark> is a random time.</p>');
    expect(html).toContain('But a == b stays.');
  });

  it('a highlight around bold or italic text (==**term**==) is one mark; a == b == c stays text', async () => {
    const { html, problems } = await renderWithProblems(
      'An ==**abelian group**== is commutative, a ==*torsion* element $g$== has finite order.\n\nSo a == **b** == c stays.\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain(
      'An <mark><strong>abelian group</strong></mark> is commutative, a <mark><em>torsion</em> element <span',
    );
    expect(html).toContain('So a == <strong>b</strong> == c stays.');
  });

  it('heading attributes of Pandoc, Quarto and kramdown set the id and leave the text', async () => {
    const { html } = await renderWithProblems('## Method {#sec-method}\n\n### Results {.unnumbered}\n');
    expect(html).toMatch(/<h2 id="sec-method">Method<a class="heading-anchor"/);
    expect(html).toMatch(/<h3 id="results">Results<a /);
  });

  it("other tools' markup left as text is a warning with its line, naming the import that converts it", async () => {
    const { problems } = await renderWithProblems(
      'Intro.\n\n![loss]({{ \'/assets/loss.png\' | relative_url }})\n\n{% highlight python %}\nx = 1\n{% endhighlight %}\n\n{: class="center"}\n\n{{< figure src="a.png" >}}\n\n!!! note "Shapes"\n    body\n\n:material-chart-line: Results.\n',
      '/tmp/content/articles/leftovers.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /leftovers\.md:3:\d+ — "\{\{ '\/assets\/loss\.png' \| relative_url \}\}" is Jekyll's Liquid output[\s\S]*--from jekyll/,
      ),
      expect.stringMatching(/leftovers\.md:5:1 — "\{% highlight python %\}" is Jekyll's Liquid tag/),
      expect.stringMatching(/leftovers\.md:9:1 — "\{: class="center"\}" is a kramdown attribute list/),
      expect.stringMatching(
        /leftovers\.md:11:1 — "\{\{< figure src="a\.png" >\}\}" is a Hugo shortcode[\s\S]*--from hugo/,
      ),
      expect.stringMatching(/leftovers\.md:13:1 — "!!! note" is an MkDocs admonition[\s\S]*--from mkdocs/),
      expect.stringMatching(/leftovers\.md:16:1 — ":material-chart-line:" is an MkDocs Material icon/),
    ]);
  });
});
