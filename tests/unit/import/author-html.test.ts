import { describe, expect, it } from 'vitest';
import {
  emptyLinksAsAnchors,
  redundantAnchors,
  separateHtmlBlocks,
  tidyAuthorHtml,
} from '../../../scripts/import/author-html.ts';
import { findReferences, replaceReferences } from '../../../scripts/import/references.ts';
import { recordNotes } from '../../helpers/import.ts';

describe("the author's HTML, tidied before the build sees it", () => {
  it('closes <a … />, drops what the allow-list would remove, keeps safe style, titles iframes, gives images an alt', () => {
    const notes = recordNotes();
    const out = tidyAuthorHtml(
      [
        'Text.',
        '',
        '<a name="ppo_loss" />',
        '',
        '<table class="info"><tr><td style="width: 40%; margin-top: 3px;">x</td></tr></table>',
        '',
        '<iframe src="https://www.youtube.com/embed/x" frameborder="0" width="560"></iframe>',
        '',
        '<img src="figs/roc%20curve.png" width="300">',
      ].join('\n'),
      notes,
    );
    expect(out.split('\n')).toEqual([
      'Text.',
      '',
      '<a name="ppo_loss"></a>',
      '',
      '<table><tr><td style="width: 40%;">x</td></tr></table>'.replace('40%;', '40%'),
      '',
      '<iframe src="https://www.youtube.com/embed/x" width="560" title="www.youtube.com"></iframe>',
      '',
      '<img src="figs/roc%20curve.png" width="300" alt="roc curve">',
    ]);
    expect(notes.taken).toEqual([
      '3: HTML: <a … /> closed',
      '5: HTML: class on <table> removed (not allowed here)',
      '5: HTML: style margin-top on <td> removed (not allowed here)',
      '7: HTML: frameborder on <iframe> removed (not allowed here)',
      '7: HTML: title added to <iframe>',
      '9: HTML: alt added to <img>',
    ]);
  });

  it('Markdown written right under an HTML line, or inside <figure markdown>, is separated by a blank line', () => {
    const notes = recordNotes();
    const { body, addedAfter } = separateHtmlBlocks(
      'x\n\n<br />\n![fig](a.png)\n\n<figure markdown>\n  ![b](b.png)\n  <figcaption>B</figcaption>\n</figure>',
      notes,
      false,
    );
    expect(body).toBe(
      'x\n\n<br />\n\n![fig](a.png)\n\n<figure>\n\n  ![b](b.png)\n  <figcaption>B</figcaption>\n</figure>',
    );
    expect(addedAfter).toEqual([3, 6]);
  });

  it('an <a name> that repeats the id of the heading under it goes', () => {
    expect(
      redundantAnchors('<a name="limits"></a>\n## Limits\n\n<a name="other"></a>\n## Limits again', recordNotes()),
    ).toBe('\n## Limits\n\n<a name="other"></a>\n## Limits again');
  });

  it('an empty <a href="#x"> (an anchor written as a link) becomes <a id="x">, unless x is already an id', () => {
    const notes = recordNotes();
    const out = emptyLinksAsAnchors(
      [
        'See [the trick](#trick), [aging](#aging) and [loss](#loss).',
        '',
        '<a href="#trick"></a>The trick is to pick the base. <a href="aging"></a>Aging, <a href="other"></a>other.',
        '',
        '## Loss',
        '',
        '<a href="#loss"></a>Already a heading id, left alone.',
        '',
        '```html',
        '<a href="#code"></a>',
        '```',
      ].join('\n'),
      notes,
    );
    // `href="aging"` without the `#` too, as the page links to #aging; `other` is left alone.
    expect(out.split('\n')[2]).toBe(
      '<a id="trick"></a>The trick is to pick the base. <a id="aging"></a>Aging, <a href="other"></a>other.',
    );
    expect(out.split('\n')[6]).toBe('<a href="#loss"></a>Already a heading id, left alone.');
    expect(out.split('\n')[9]).toBe('<a href="#code"></a>');
    expect(notes.taken).toEqual([
      '3: <a href="#…"> with no text (an anchor written as a link) → <a id>',
      '3: <a href="#…"> with no text (an anchor written as a link) → <a id>',
    ]);
  });
});

describe('the files a page points at', () => {
  it('finds Markdown links, images, definitions, HTML src/href and embeds, never in code or formulas', () => {
    const text = [
      '[a](./a.md#x) ![b](<img/my fig.png> "t") `[c](c.md)` $[d](d)$',
      '',
      '[ref]: ../r.pdf',
      '',
      '<img src="h.png"> ![[emb.png|200]]',
      '',
      'Text$$\nx\n$$ and [after](after.md).',
    ].join('\n');
    const found = findReferences(text).map((reference) => `${reference.kind}:${reference.url}@${reference.line}`);
    expect(found).toEqual([
      'link:./a.md#x@1',
      'image:img/my fig.png@1',
      'link:../r.pdf@3',
      'html:h.png@5',
      'embed:emb.png@5',
      'link:after.md@9',
    ]);
    const references = findReferences(text);
    expect(
      replaceReferences(text, references, (reference) =>
        reference.url === './a.md#x' ? '../b/c d.md#x' : undefined,
      ).split('\n')[0],
    ).toBe('[a](<../b/c d.md#x>) ![b](<img/my fig.png> "t") `[c](c.md)` $[d](d)$');
  });
});
