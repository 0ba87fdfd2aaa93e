import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderWithProblems } from '../../helpers/markdown.ts';

describe('$ in prose', () => {
  it('keeps prices as text', async () => {
    const html = await renderMarkdown('It costs $5 per month, or $50 a year.\n');
    expect(html).toContain('It costs $5 per month, or $50 a year.');
    expect(html).not.toContain('katex');
  });

  it('still renders formulas, also next to a price', async () => {
    const html = await renderMarkdown('Let $x^2$ be the cost, about $5.\n');
    expect(html).toContain('class="katex"');
    expect(html).toContain('about $5.');
  });

  it('reports a $ that opens a formula and never closes it', async () => {
    const { problems } = await renderWithProblems('Intro.\n\nThe weight $\\alpha_i = 1 is fixed.\n');
    expect(problems).toEqual([
      expect.stringMatching(/test\.md:3:12 — "\$\\alpha_i = 1 is fixed\.…": a \$ opens a formula that is never closed/),
    ]);
  });

  it('an escaped \\$ is a dollar sign, never an open formula, while a bare one next to it is', async () => {
    const { html, problems } = await renderWithProblems(
      'Prices: \\$x_1\\$ and \\$\\beta$ stay text.\n\nThen $\\gamma_2 alone.\n',
    );
    expect(html).toContain('Prices: $x_1$ and $\\beta$ stay text.');
    expect(problems).toEqual([
      expect.stringMatching(/test\.md:3:6 — "\$\\gamma_2 alone\.…": a \$ opens a formula that is never closed/),
    ]);
  });

  it('a $ left open inside the text of a runaway $$ block is reported with its line too', async () => {
    const { problems } = await renderWithProblems('Intro.\n\n$$\nx + y\n\nThen $\\alpha_1 stays open.\n');
    expect(problems).toEqual([
      expect.stringMatching(/test\.md:3:1 — this \$\$ display formula is never closed/),
      expect.stringMatching(/test\.md:6:6 — "\$\\alpha_1 stays open\.\s*…": a \$ opens a formula that is never closed/),
    ]);
  });

  it('reports a $$ block that runs to the end of the file, and publishes its text', async () => {
    const { html, problems } = await renderWithProblems('Intro.\n\n$$\nx + y\n');
    expect(problems).toEqual([expect.stringMatching(/test\.md:3:1 — this \$\$ display formula is never closed/)]);
    expect(html).toContain('x + y');
    expect(html).not.toContain('katex');
  });
});
