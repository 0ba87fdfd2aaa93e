import { describe, expect, it } from 'vitest';
import { parseDivAttributes } from '../../../src/markdown/remark-fenced-divs.ts';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('remark-fenced-divs: Pandoc fenced divs', () => {
  it('reads ids, classes and quoted values, or a bare class word', () => {
    expect(parseDivAttributes('{#thm-a .important name="Robbins–Monro"} :::')).toEqual({
      id: 'thm-a',
      classes: ['important'],
      values: { name: 'Robbins–Monro' },
    });
    expect(parseDivAttributes('warning')).toEqual({ id: undefined, classes: ['warning'], values: {} });
  });

  it('makes a div of any Markdown, closed by a fence right under a paragraph', async () => {
    const html = await renderMarkdown('前文\n::: {#box .wide}\n第一段\n接着一行\n\n- 列表项 $x$\n:::\n后文');
    expect(html).toMatch(/<p>前文<\/p>\s*<div id="box" class="user-wide"><p>第一段\n接着一行<\/p>\s*<ul>/);
    expect(html).toMatch(/<\/ul><\/div>\s*<p>后文<\/p>/);
  });

  it('nests divs whose fences have the same length (a bare fence closes the innermost)', async () => {
    const html = await renderMarkdown('::: {.outer}\n外层\n::: {.inner}\n内层\n:::\n仍在外层\n:::\n');
    expect(html).toMatch(
      /<div class="user-outer"><p>外层<\/p><div class="user-inner"><p>内层<\/p><\/div><p>仍在外层<\/p><\/div>/,
    );
  });

  it('does not close on a fence inside a code block, and works in lists and quotes', async () => {
    const html = await renderMarkdown(
      '::: {.a}\n```text\n:::\n```\n:::\n\n- 项\n  ::: {.b}\n  列表里\n  :::\n\n> ::: {.c}\n> 引用里\n> :::\n',
    );
    expect(html).toMatch(/<div class="user-a"><div class="code-block".*<span>:::<\/span>.*<\/pre><\/div><\/div>/s);
    expect(html).toMatch(/<li>项\s*<div class="user-b"><p>列表里<\/p><\/div>/);
    expect(html).toMatch(/<blockquote>\s*<div class="user-c"><p>引用里<\/p><\/div>/);
  });

  it('reports a div that is never closed, at its opening line', async () => {
    const { problems, html } = await renderWithProblems('文字\n\n::: {.aside}\n没有结尾', '/tmp/content/articles/d.md');
    expect(problems).toEqual([
      expect.stringMatching(
        /d\.md:3:1 — the fenced div "::: \{\.aside\}" is never closed\n\s+fix: end it with a line of three colons/,
      ),
    ]);
    expect(html).toContain('没有结尾');
  });
});
