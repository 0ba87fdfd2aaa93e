import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

afterEach(() => vi.restoreAllMocks());

describe('code blocks: Shiki, label, transformers', () => {
  it('highlights with theme variables (light and dark from CSS) and shows the language', async () => {
    const html = await renderMarkdown('```python\nprint(1)\n```');
    expect(html).toContain('<div class="code-block" data-language="python">');
    expect(html).toContain('<span class="code-lang">python</span>');
    expect(html).toMatch(/style="color:var\(--astro-code-token-[a-z-]+\)"/);
  });

  it('highlights lines from the meta and marks diff lines', async () => {
    const html = await renderMarkdown('```ts {2}\nconst a = 1;\nconst b = 2;\nconst c = 3; // [!code ++]\n```');
    expect(html).toMatch(/class="line highlighted"/);
    expect(html).toMatch(/class="line diff add"/);
    expect(html).not.toContain('[!code ++]');
  });

  it('renders an unknown language as plain text and warns with file and line', async () => {
    const { html, file, problems } = await renderWithProblems(
      'text\n\n```klingon\nqapla\n```',
      '/tmp/content/articles/code.md',
    );
    expect(html).toContain('qapla');
    expect(problems).toEqual([expect.stringMatching(/code\.md:3:1 — unknown code language "klingon"/)]);
    expect(file.data.problems?.[0]?.severity).toBe('warning');
  });

  it('escapes what a fence line carries: a hostile language or meta never becomes markup', async () => {
    const { html } = await renderWithProblems(
      [
        '```x"><img/src/onerror=alert(1)>',
        'a',
        '```',
        '',
        '```python title="</pre><script>alert(1)</script>" {1}',
        'print(1)',
        '```',
      ].join('\n'),
    );
    expect(html).not.toMatch(/<img|<script|onerror/);
    expect(html.match(/<pre/g)?.length).toBe(2);
    expect(html).toContain('class="line highlighted"');
  });

  it('shows a line too long to tokenize reliably as plain text, and highlights the rest (the same in every build)', async () => {
    const long = `x = "${'a'.repeat(12_000)}"`;
    const html = await renderMarkdown('```python\n' + long + '\ny = 1\n```');
    const lines = html.match(/<span class="line">.*?<\/span><\/span>/gs) ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[0]!.match(/<span/g)).toHaveLength(2);
    expect(lines[1]).toMatch(/--astro-code-token-/);
  });
});
