/**
 * The numbered blocks in the English UI (KB_UI_LANG=en): every theorem-like kind of Quarto's
 * named and numbered per kind, proofs titled "Proof", and references written "Theorem 1".
 * The UI language is read once at start-up, so the pipeline is imported after setting it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let renderMarkdown: (markdown: string) => Promise<string>;

beforeAll(async () => {
  vi.stubEnv('KB_UI_LANG', 'en');
  vi.resetModules();
  ({ renderMarkdown } = await import('../../helpers/markdown.ts'));
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const KINDS = [
  ['thm', 'Theorem'],
  ['lem', 'Lemma'],
  ['cor', 'Corollary'],
  ['prp', 'Proposition'],
  ['def', 'Definition'],
  ['exm', 'Example'],
  ['exr', 'Exercise'],
] as const;

describe('theorem-like blocks in the English UI', () => {
  it('names and numbers each of thm, lem, cor, prp, def, exm and exr per kind, and @-references say so', async () => {
    const blocks = KINDS.flatMap(([kind]) => [
      `::: {#${kind}-a}`,
      'First.',
      ':::',
      '',
      `::: {#${kind}-b}`,
      'Second.',
      ':::',
      '',
    ]);
    const refs = KINDS.map(([kind]) => `@${kind}-b`).join(', ');
    const html = await renderMarkdown(
      [`See ${refs}.`, '', ...blocks, '::: {.proof}', 'By induction.', ':::'].join('\n'),
    );
    for (const [kind, name] of KINDS) {
      expect(html).toMatch(
        new RegExp(`id="${kind}-a"[^>]*><p><span class="theorem-title"><span class="theorem-label">${name} 1<`),
      );
      expect(html).toMatch(
        new RegExp(`id="${kind}-b"[^>]*><p><span class="theorem-title"><span class="theorem-label">${name} 2<`),
      );
      expect(html).toContain(`<a href="#${kind}-b" class="crossref" data-crossref="${kind}">${name} 2</a>`);
    }
    expect(html).toMatch(
      /<div class="proof"><p><span class="proof-title">Proof<\/span> By induction\.<span class="qed" role="img" aria-label="End of proof">∎<\/span>/,
    );
  });

  it('calls figures and tables Figure and Table', async () => {
    const html = await renderMarkdown(
      [
        '@fig-a and @tbl-a.',
        '',
        '![A heat map](/favicon.svg){#fig-a}',
        '',
        '| a |',
        '| - |',
        '| 1 |',
        '',
        ': Results {#tbl-a}',
      ].join('\n'),
    );
    expect(html).toContain('<a href="#fig-a" class="crossref" data-crossref="fig">Figure 1</a>');
    expect(html).toContain('<a href="#tbl-a" class="crossref" data-crossref="tbl">Table 1</a>');
  });
});
