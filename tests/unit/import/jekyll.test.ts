import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kramdownAttributes, liquidBlocks, liquidUrls, postUrl } from '../../../scripts/import/jekyll.ts';
import { importFixture, recordNotes, type ImportedFixture } from '../../helpers/import.ts';

describe('Jekyll: Liquid and kramdown', () => {
  it('{% highlight %} becomes a fenced block (its # comments stay code), {% raw %} is unwrapped', () => {
    const notes = recordNotes();
    expect(
      liquidBlocks(
        '{% highlight python hl_lines="2 3" %}\n# comment\nx = 1\n{% endhighlight %}\n{% raw %}{{ x }}{% endraw %}',
        notes,
      ),
    ).toBe('```python {2,3}\n# comment\nx = 1\n```\n{{ x }}');
    expect(notes.taken).toEqual([
      '1: {% highlight %} → fenced code',
      '5: {% raw %} unwrapped',
      '5: {% raw %} unwrapped',
    ]);
  });

  it('post_url, link, site.baseurl and relative_url become paths of the old site; other Liquid is reported', () => {
    const notes = recordNotes();
    const posts = new Map([['2020-01-02-a-post', '_posts/2020-01-02-a-post.md']]);
    expect(
      liquidUrls(
        "[a]({{ site.baseurl }} {% post_url 2020-01-02-a-post %}#x) ![i]({{ '/assets/i.png' | relative_url }}) [p]({% link about.md %}) {{ page.title }} $$x^{{2}}$$",
        posts,
        notes,
      ),
    ).toBe('[a](/_posts/2020-01-02-a-post.md#x) ![i](/assets/i.png) [p](/about.md) {{ page.title }} $$x^{{2}}$$');
    expect(notes.taken).toContainEqual('1: NOT Liquid the import cannot evaluate: {{ page.title }} (left as written)');
  });

  it('attribute lines: width and centring kept on an image, {:toc} and its * TOC removed, the rest dropped; lines kept', () => {
    const notes = recordNotes();
    const text =
      '{: class="table-of-content"}\n* TOC\n{:toc}\n\n![Fig](/a.png)\n{: style="width: 80%; margin: 0;" class="center"}\n*Fig. 1.*\n\n{: class="info"}\n| a |\n|---|\n';
    const out = kramdownAttributes(text, notes);
    expect(out.split('\n')).toEqual([
      '',
      '',
      '',
      '',
      '<p align="center"><img src="/a.png" alt="Fig" style="width: 80%;"></p>',
      '',
      '*Fig. 1.*',
      '',
      '',
      '| a |',
      '|---|',
      '',
    ]);
  });

  it('the old URL follows _config.yml’s permalink style', () => {
    expect(postUrl('date', '2018-06-24 11:07:00', 'attention', ['nlp'])).toBe('/nlp/2018/06/24/attention.html');
    expect(postUrl('pretty', '2018-06-24', 'attention', [])).toBe('/2018/06/24/attention/');
    expect(postUrl('/:year/:title/', '2018-06-24', 'attention', [])).toBe('/2018/attention/');
  });
});

describe('npm run import -- --from jekyll on a small blog', () => {
  let fixture: ImportedFixture;
  beforeAll(() => {
    fixture = importFixture('jekyll');
  });
  afterAll(() => fixture.remove());

  it('writes posts, drafts and pages (not listings, not files without frontmatter) and never touches the source', () => {
    expect(fixture.result.articles.sort()).toEqual([
      'about.md',
      'drafts/momentum.md',
      'posts/attention-scores.md',
      'posts/softmax-temperature.md',
    ]);
    expect(fixture.result.assets).toEqual(['assets/img/loss-curve.png']);
    expect(fixture.sourceUnchanged).toBe(true);
    expect(fixture.printed).toContain('tag/softmax.md: skipped: a page without text');
  });

  it('a post keeps its date and tags, gets its old address as redirect_from, and its Liquid, kramdown and math converted', () => {
    const post = fixture.read('articles/posts/softmax-temperature.md');
    expect(post).toMatch(
      /^---\ntitle: Softmax and its temperature\ndate: 2021-03-04 09:30:00 \+0800\ntags: softmax probability Auto-ML\nlang: en\nredirect_from:\n  - \/basics\/2021\/03\/04\/softmax-temperature.html\n/,
    );
    expect(post).toContain('each entry is $p_i = e^{z_i/T} / \\sum_j e^{z_j/T}$ for a temperature $T > 0$.');
    expect(post).toContain('$$\np_i = \\frac{\\exp(z_i / T)}{\\sum_{j=1}^n \\exp(z_j / T)}\n$$');
    expect(post).toContain('costs about \\$3 and a CPU hour \\$1');
    expect(post).toContain(
      '<p align="center"><img src="../assets/img/loss-curve.png" alt="Loss against temperature" style="width: 60%;"></p>',
    );
    expect(post).toContain('```python\n# a stable softmax');
    expect(post).toContain(
      'The [attention post](./attention-scores.md) uses $T = \\sqrt{d_k}$; see also [the about page](../about.md) and [the paper](https://arxiv.org/abs/1503.02531).',
    );
    expect(post).not.toMatch(/\{%|\{\{ site|\{:|\* TOC/);
    expect(fixture.read('articles/drafts/momentum.md')).toContain('draft: true');
  });

  it('reports every conversion with the source file and line', () => {
    expect(fixture.printed).toMatch(
      /× \{% post_url %\} → link to the article\s+\(2 files; e\.g\. _posts\/2021-03-04-softmax-temperature\.md:46/,
    );
    expect(fixture.printed).toMatch(
      /× \{% highlight %\} → fenced code\s+\(1 file; e\.g\. _posts\/2021-03-04-softmax-temperature\.md:34\)/,
    );
    expect(fixture.printed).toMatch(
      /× \$\$ block in a list item given its container on every line\s+\(1 file; e\.g\. _posts\/2021-05-06-attention-scores\.md:13\)/,
    );
  });
});
