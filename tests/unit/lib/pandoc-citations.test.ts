import { describe, expect, it } from 'vitest';
import { findCitations } from '../../../src/lib/pandoc-citations.ts';

const items = (text: string) =>
  findCitations(text).map((match) => ({ narrative: match.narrative, items: match.items }));

describe("Pandoc's citation syntax", () => {
  it('reads bracketed groups with prefixes, locators and suppressed authors', () => {
    expect(items('如 [@vaswani2017] 所示')).toEqual([
      { narrative: false, items: [{ key: 'vaswani2017', prefix: '', locator: '', suppressAuthor: false }] },
    ]);
    expect(items('[@su2021; @dao2022]')[0]!.items.map((item) => item.key)).toEqual(['su2021', 'dao2022']);
    expect(items('[see @dao2022, p. 4]')[0]!.items[0]).toEqual({
      key: 'dao2022',
      prefix: 'see',
      locator: 'p. 4',
      suppressAuthor: false,
    });
    expect(items('[-@su2021]')[0]!.items[0]!.suppressAuthor).toBe(true);
  });

  it('reads narrative citations, with a locator in brackets after them, and stops keys at Chinese text', () => {
    expect(items('@su2021 shows')).toEqual([
      { narrative: true, items: [{ key: 'su2021', prefix: '', locator: '', suppressAuthor: false }] },
    ]);
    expect(items('@su2021提出了 RoPE')[0]!.items[0]!.key).toBe('su2021');
    expect(items('@a [p. 33] says')[0]!.items[0]!.locator).toBe('p. 33');
    expect(items('句末引用 @dao2022.')[0]!.items[0]!.key).toBe('dao2022');
  });

  it('leaves e-mail addresses, links and plain brackets alone', () => {
    expect(findCitations('mail me: someone@example.org')).toEqual([]);
    expect(findCitations('[not a citation] and x @ y')).toEqual([]);
    expect(findCitations('[@a](https://example.org)')).toMatchObject([{ narrative: true }]);
  });
});
