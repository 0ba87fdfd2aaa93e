import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('remark-equation-refs: \\label, \\eqref, \\ref', () => {
  it('numbers labelled equations in order and links prose references to them', async () => {
    const html = await renderMarkdown(
      [
        '$$a=b \\label{eq:first}$$',
        '',
        '$$c=d$$',
        '',
        '$$e=f \\label{eq:second}$$',
        '',
        '由 \\eqref{eq:second} 与 \\ref{eq:first} 得证。',
      ].join('\n'),
    );
    expect(html).toContain('id="eq-first"');
    expect(html).toContain('id="eq-second"');
    expect(html).toMatch(/<a href="#eq-second" class="eqref"[^>]*>\(2\)<\/a>/);
    expect(html).toMatch(/<a href="#eq-first" class="eqref"[^>]*>1<\/a>/);
    expect(html).toContain('(1)'); // the tag KaTeX draws in the margin
  });

  it('resolves references that come before the definition', async () => {
    const html = await renderMarkdown('见 \\eqref{eq:later}。\n\n$$x \\label{eq:later}$$');
    expect(html).toMatch(/href="#eq-later"[^>]*>\(1\)</);
  });

  it('keeps an author-written \\tag as the number', async () => {
    const html = await renderMarkdown('$$x=1 \\tag{A} \\label{eq:a}$$\n\n参见 \\eqref{eq:a}。');
    expect(html).toMatch(/href="#eq-a"[^>]*>\(A\)</);
  });

  it('links references inside formulas, and $\\eqref{}$ written as math', async () => {
    const html = await renderMarkdown('$$y \\label{eq:y}$$\n\n$$z = \\eqref{eq:y} + 1$$\n\n由 $\\eqref{eq:y}$ 可知。');
    expect(html).toMatch(/<a href="#eq-y"[^>]*>.*\(1\)/s);
    expect(html).toMatch(/<a href="#eq-y" class="eqref"/);
  });

  it('numbers a multi-line aligned block once', async () => {
    const html = await renderMarkdown(
      '$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n\\label{eq:sys}\n$$\n\n\\eqref{eq:sys}',
    );
    expect(html).toContain('id="eq-sys"');
    expect(html).toMatch(/>\(1\)<\/a>/);
  });

  it('reports an unknown label, naming file, line and the known labels, and still renders the sentence', async () => {
    const { html, problems } = await renderWithProblems(
      '$$x \\label{eq:x}$$\n\n参见 \\eqref{eq:nope}。',
      '/tmp/content/articles/refs.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /refs\.md:3:\d+ — \\eqref\{eq:nope\} refers to no equation\n\s+fix: use one of the labels in this article: eq:x/,
      ),
    ]);
    expect(html).toContain('参见 (?)。');
  });

  it('reports a duplicate label, naming both lines', async () => {
    const { problems } = await renderWithProblems(
      '$$x \\label{eq:x}$$\n\n$$y \\label{eq:x}$$',
      '/tmp/content/articles/dup.md',
    );
    expect(problems).toEqual([
      expect.stringMatching(/dup\.md:3:1 — duplicate equation label "eq:x" \(first defined on line 1\)/),
    ]);
  });

  it('reports two labels in one block, and numbers it once', async () => {
    const { html, problems } = await renderWithProblems('$$x \\label{eq:a} \\label{eq:b}$$');
    expect(problems).toEqual([expect.stringMatching(/carries 2 labels/)]);
    expect(html).not.toContain('katex-error');
  });
});
