import { describe, expect, it } from 'vitest';
import { unsafeHtmlProblem } from '../../../src/markdown/rehype-unsafe-html.ts';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('raw HTML in articles', () => {
  it('allows formatting markup', async () => {
    expect(unsafeHtmlProblem('<sup>2</sup>')).toBeUndefined();
    expect(unsafeHtmlProblem('<img src="/a.png" alt="a">')).toBeUndefined();
    expect(await renderMarkdown('H<sub>2</sub>O and a <kbd>Ctrl</kbd> key.\n')).toContain('<sub>2</sub>');
  });

  it('refuses scripts, event handlers and javascript: links, with the way out', async () => {
    expect(unsafeHtmlProblem('<SCRIPT>x()</SCRIPT>')).toMatch(/^raw HTML <script> is not allowed/);
    expect(unsafeHtmlProblem('<img src=x onerror=alert(1)>')).toMatch(/event handler \(onerror=\)/);
    expect(unsafeHtmlProblem('<a href="javascript:alert(1)">x</a>')).toMatch(/javascript: link/);
    const { html, problems } = await renderWithProblems(
      'Intro.\n\n<iframe src="https://example.org"></iframe>\n\nAfter.\n',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /test\.md:3:1 — raw HTML <iframe> is not allowed[\s\S]*fix: to show it as text, escape the < as \\</,
      ),
    ]);
    expect(html).not.toContain('iframe');
    expect(html).toContain('After.');
  });

  it('leaves escaped markup alone: it is text', async () => {
    const html = await renderMarkdown('Write \\<script> to show the tag, or `<script>`.\n');
    expect(html).toContain('&#x3C;script>');
  });
});
