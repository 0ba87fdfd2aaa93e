import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('remark-callouts: Quarto callouts and GitHub/Obsidian alerts in plain Markdown', () => {
  it('renders Quarto .callout-note/-warning/-tip with a default or given title', async () => {
    const html = await renderMarkdown(
      '::: {.callout-note}\n注意事项。\n:::\n\n::: {.callout-warning}\n## 数值溢出\n小心。\n:::\n\n::: {.callout-tip title="小窍门"}\n试试。\n:::',
    );
    expect(html).toContain(
      '<div class="callout callout-note callout-kind-note" role="note"><p class="callout-title">说明</p><p>注意事项。</p></div>',
    );
    expect(html).toContain('<p class="callout-title">数值溢出</p><p>小心。</p>');
    expect(html).toMatch(/class="callout callout-tip callout-kind-tip" role="note"><p class="callout-title">小窍门</);
  });

  it('folds a Quarto callout with collapse, as <details> without JavaScript', async () => {
    const html = await renderMarkdown(
      '::: {.callout-tip collapse="true"}\n## 展开看\n内容。\n:::\n\n::: {.callout-note collapse="false"}\n开着。\n:::',
    );
    expect(html).toMatch(
      /<details class="callout callout-tip callout-kind-tip"><summary class="callout-title">展开看<\/summary><div class="callout-body"><p>内容。<\/p><\/div><\/details>/,
    );
    expect(html).toMatch(/<details class="callout callout-note callout-kind-note" open><summary/);
  });

  it('renders > [!NOTE], > [!WARNING], > [!TIP], case-insensitively, with an optional title', async () => {
    const html = await renderMarkdown(
      '> [!NOTE]\n> 一条说明。\n\n> [!warning] 别这样\n> 会出错。\n\n> [!Tip]\n> 提示 $x$。',
    );
    expect(html).toContain(
      '<div class="callout callout-note callout-kind-note" role="note"><p class="callout-title">说明</p><p>一条说明。</p></div>',
    );
    expect(html).toContain('<p class="callout-title">别这样</p><p>会出错。</p>');
    expect(html).toMatch(/callout-kind-tip" role="note"><p class="callout-title">提示<\/p><p>提示 <span class="math/);
    expect(html).not.toContain('[!');
  });

  it('takes any Obsidian kind, and folds with - (closed) and + (open)', async () => {
    const html = await renderMarkdown(
      '> [!definition] 极限\n> 对任意 ε……\n\n> [!faq]- 为什么？\n> 因为。\n\n> [!example]+\n> 例子。',
    );
    expect(html).toContain(
      '<div class="callout callout-note callout-kind-definition" role="note"><p class="callout-title">极限</p><p>对任意 ε……</p></div>',
    );
    expect(html).toMatch(
      /<details class="callout callout-warning callout-kind-faq"><summary class="callout-title">为什么？<\/summary>/,
    );
    expect(html).toMatch(
      /<details class="callout callout-important callout-kind-example" open><summary class="callout-title">示例<\/summary>/,
    );
  });

  it('leaves ordinary quotes alone and reports an unknown Quarto callout type', async () => {
    expect(await renderMarkdown('> 普通引用')).toMatch(/<blockquote>\s*<p>普通引用<\/p>\s*<\/blockquote>/);
    const { problems } = await renderWithProblems('::: {.callout-hint}\n文字\n:::', '/tmp/content/articles/c.md');
    expect(problems).toEqual([
      expect.stringMatching(
        /c\.md:1:1 — "\.callout-hint" is not a callout type\n\s+fix: use one of \.callout-note, \.callout-tip/,
      ),
    ]);
  });
});
