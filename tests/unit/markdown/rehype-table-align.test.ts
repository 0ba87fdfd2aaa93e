import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../helpers/markdown.ts';

describe('rehype-table-align', () => {
  it('turns GFM column alignment into classes instead of the obsolete align attribute', async () => {
    const html = await renderMarkdown('| a | b | c |\n| :-- | :-: | --: |\n| 1 | 2 | 3 |');
    expect(html).not.toContain('align=');
    expect(html).toContain('<th class="align-left">a</th>');
    expect(html).toContain('<td class="align-center">2</td>');
    expect(html).toContain('<td class="align-right">3</td>');
  });
});
