/**
 * Author HTML in Markdown: parsed as a browser parses it, cleaned by the allow-list,
 * normalised where browsers accept old forms, every removal reported with its line.
 * One test per family of hostile input, and per kind of ordinary author HTML that must
 * just work.
 */
import { describe, expect, it } from 'vitest';
import { safeStyle } from '../../../src/markdown/rehype-author-html.ts';
import { renderWithProblems } from '../../helpers/markdown.ts';

const render = (markdown: string) => renderWithProblems(`Intro.\n\n${markdown}\n\nAfter.\n`);
/** The article body without the site's own markup around it. */
const body = (html: string) => html.replace(/<p>Intro\.<\/p>\n?/, '').replace(/\n?<p>After\.<\/p>\n?$/, '');

describe('ordinary author HTML is kept, normalised, and never a problem', () => {
  it('void-style tags, single quotes, align, percentage widths, <center>, <font>, <a name>', async () => {
    const { html, problems } = await render(
      `First line<br/>second line.\n\n<div align='center'><img src="https://example.org/a.png" width="90%" alt="a"/></div>\n\n<center>centred</center> <font color="red">red</font>\n\n<a name="input_format"></a>Format.`,
    );
    expect(problems).toEqual([]);
    expect(html).toContain('First line<br>second line.');
    expect(html).toContain(
      '<div class="align-center"><img src="https://example.org/a.png" alt="a" style="width: 90%" loading="lazy" decoding="async"></div>',
    );
    expect(html).toContain('<div class="align-center">centred</div>');
    expect(html).toContain('<span style="color: red">red</span>');
    expect(html).toContain('<a id="input_format"></a>');
  });

  it('formatting, details, tables with header cells, figures, marks and abbreviations', async () => {
    const { html, problems } = await render(
      '<details><summary>More</summary>\n\nHidden **Markdown**.\n\n</details>\n\n<table><tr><th>A</th><th>B</th></tr><tr><th>row</th><td>1</td></tr></table>\n\n<figure><img src="./x.png" alt="x"><figcaption>Cap</figcaption></figure> H<sub>2</sub>O <mark>m</mark> <abbr title="Key-Value">KV</abbr> <kbd>Ctrl</kbd>',
    );
    expect(problems.filter((problem) => !problem.includes('image "./x.png"'))).toEqual([]);
    expect(html).toContain('<details><summary>More</summary>');
    expect(html).toContain('<strong>Markdown</strong>');
    expect(html).toContain('<th scope="col">A</th>');
    expect(html).toContain('<th scope="row">row</th>');
    expect(html).toContain('<figcaption>Cap</figcaption>');
    expect(html).toContain('<abbr title="Key-Value">KV</abbr>');
  });

  it('escaped markup stays text', async () => {
    const { html, problems } = await render('Write \\<script> to show the tag, or `<script>`.');
    expect(problems).toEqual([]);
    expect(html).toContain('&#x3C;script>');
  });
});

describe('what could run is removed and reported', () => {
  it('scripts, with their content, at their line', async () => {
    const { html, problems } = await render('<script>alert(1)</script>');
    expect(body(html)).toBe('');
    expect(problems).toEqual([
      expect.stringMatching(
        /test\.md:3:1 — <script> removed: articles may not contain scripts[\s\S]*fix: to show the markup as text/,
      ),
    ]);
  });

  it('event handlers, however the markup is written', async () => {
    for (const markup of [
      '<img src=x alt=">" onerror=alert(1)>',
      '<div\nonmouseover="alert(1)">x</div>',
      '<p onclick=alert(1)>x</p>',
      '<IMG SRC=x OnError=alert(1)>',
    ]) {
      const { html, problems } = await render(markup);
      expect(html, markup).not.toMatch(/\son[a-z]+=/i);
      expect(problems.join('\n'), markup).toMatch(
        /"on(error|mouseover|click)" removed from <(img|div|p)>: event handlers would run code/,
      );
    }
  });

  it('script URLs in every encoding, in Markdown links too', async () => {
    for (const markup of [
      '<a href="javascript:alert(1)">x</a>',
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<a href="java&#x09;script:alert(1)">x</a>',
      '<a href="jav\nascript:alert(1)">x</a>',
      '[x](javascript:alert(1))',
      '<a href="vbscript:msgbox(1)">x</a>',
      '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    ]) {
      const { html, problems } = await render(markup);
      expect(html, markup).not.toMatch(/href="(java|vb|data)/i);
      expect(problems.join('\n'), markup).toMatch(/"href" removed from <a>/);
    }
  });

  it('SVG and MathML namespaces: removed whole, with their scripts and styles', async () => {
    for (const markup of [
      '<svg><animate onbegin=alert(1) attributeName=x dur=1s /></svg>',
      '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      '<svg><style>body{display:none}</style></svg>',
      '<math><mtext><script>alert(1)</script></mtext></math>',
    ]) {
      const { html, problems } = await render(markup);
      expect(body(html), markup).toBe('');
      expect(problems.join('\n'), markup).toMatch(/<(svg|math)> removed/);
    }
  });

  it('style sheets, overlays and hiding: only harmless declarations survive', async () => {
    const { html, problems } = await render(
      '<style>body::before{content:"call us"}</style>\n\n<a href="https://elsewhere.example" style="position:fixed; inset:0; color: blue; z-index: 9">covering link</a>',
    );
    expect(html).not.toContain('<style');
    expect(html).not.toContain('body::before');
    expect(html).toContain('style="color: blue"');
    expect(problems.join('\n')).toMatch(/<style> removed/);
    expect(problems.join('\n')).toMatch(/style "position", "inset", "z-index" on <a> removed/);
    expect(safeStyle('width: 50%; background: url(https://x.example/t.png); color: red').kept).toBe(
      'width: 50%; color: red',
    );
  });

  it('forms, inputs, link, meta, base, object and embed', async () => {
    const { html, problems } = await render(
      '<form action="https://elsewhere.example"><input type="password" name="p"><button>Go</button></form>\n\n<link rel="stylesheet" href="https://x.example/a.css"><meta http-equiv="refresh" content="0;url=https://x.example"><base href="https://x.example/">\n\n<object data="x.swf"></object><embed src="x.swf">',
    );
    expect(body(html)).not.toMatch(/<(form|input|button|link|meta|base|object|embed)/);
    expect(problems.join('\n')).toMatch(/<form> removed: articles may not contain forms/);
  });

  it('only https embeds, lazy, sandboxed from the page; http ones are removed', async () => {
    const { html, problems, file } = await render(
      '<iframe src="https://www.example.org/embed/x" width="560" height="315"></iframe>\n\n<iframe src="http://insecure.example/x"></iframe>',
    );
    expect(html).toContain(
      '<iframe src="https://www.example.org/embed/x" width="560" height="315" loading="lazy" referrerpolicy="strict-origin-when-cross-origin" sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"></iframe>',
    );
    expect(html).not.toContain('insecure.example');
    expect(problems.join('\n')).toMatch(/<iframe> removed: an embed must come from an https address/);
    expect(file.data.remoteFrames).toEqual(['https://www.example.org']);
  });

  it("ids: the page's own are renamed, duplicates are an error", async () => {
    const { html, problems } = await render('<div id="main">x</div>\n\n<p id="a">1</p>\n\n<p id="a">2</p>');
    expect(html).toContain('id="user-content-main"');
    expect(problems.join('\n')).toMatch(/id "main" is used by the page around the article/);
    expect(problems.join('\n')).toMatch(/id "a" is used twice in this article \(first on line 5\)/);
  });

  it('an element left open that swallows the rest of the article is an error at its line', async () => {
    const { problems } = await render('<details><summary>S</summary>\n\nnever closed');
    expect(problems).toEqual([
      expect.stringMatching(
        /test\.md:3:1 — <details> is opened here and never closed, so it holds the rest of the article/,
      ),
    ]);
  });

  it('data: addresses only for images', async () => {
    const { html } = await render(
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"> <img src="data:text/html,x" alt="x">',
    );
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).not.toContain('data:text/html');
  });

  it('an image whose address was removed shows its alt text; media players and <source> go whole', async () => {
    const { html, problems } = await render(
      [
        '![图一](javascript:alert(1)) <img alt="图二" srcset="https://track.example/a.png 2x">',
        '',
        '<video controls><source src="https://track.example/v.mp4" onerror="alert(1)">fallback</video>',
        '',
        '<picture><source media="(prefers-color-scheme: dark)" srcset="https://track.example/dark.png"><img src="data:image/png;base64,iVBORw0KGgo=" alt="light"></picture>',
      ].join('\n'),
    );
    expect(html).not.toMatch(/<img(?![^>]*src="data:image)/);
    expect(html).toContain('图一');
    expect(html).toContain('图二');
    expect(html).not.toMatch(/<video|<source|track\.example|fallback/);
    expect(html).toContain('alt="light"');
    expect(problems.join('\n')).toMatch(/<video> removed: articles may not contain media players/);
    expect(problems.join('\n')).toMatch(/<source> removed/);
  });
});

describe('Markdown itself passes untouched', () => {
  it('footnotes, task lists, math, equation references and code keep their markup', async () => {
    const { html, problems } = await renderWithProblems(
      '$$x \\label{eq:x}$$\n\n见 \\eqref{eq:x}[^1]。\n\n- [x] done\n\n```ts {1}\nconst a = 1;\n```\n\n[^1]: 注。\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('id="eq-x"');
    expect(html).toMatch(/<a href="#eq-x" class="eqref" data-equation="eq-x">\(1\)<\/a>/);
    expect(html).toContain('data-footnote-ref');
    expect(html).toContain('type="checkbox"');
    expect(html).toMatch(/class="line highlighted"/);
  });
});

describe('math inside author HTML', () => {
  it('renders formulas in table cells, divs and details, and leaves prices and code alone', async () => {
    const { html, problems } = await renderWithProblems(
      '<table><tr><td>$\\epsilon$</td><td>\\(\\delta\\)</td><td>$5 and $6</td></tr></table>\n\n<div>$$\\sum_i x_i$$</div>\n\n<details><summary>Proof</summary>$a^2$ <code>$not$</code></details>\n',
    );
    expect(problems).toEqual([]);
    expect((html.match(/class="katex"/g) ?? []).length).toBe(4);
    expect(html).toContain('$5 and $6');
    expect(html).toContain('<code>$not$</code>');
    expect(html).toContain('katex-display');
  });
});

describe('links and images are judged the same with and without author HTML', () => {
  // An article without HTML of its own is checked in place (no copy through the allow-list);
  // one with HTML goes through hast-util-sanitize. A reader must not be able to tell which.
  const addresses = [
    'https://example.org/a',
    'http://example.org/a',
    'mailto:a@example.org',
    '/articles/rope/',
    './x.png',
    '#eq-x',
    '?q=1',
    'notes/a:b',
    'a?b:c',
    'a#b:c',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'vbscript:x',
    'data:text/html,<b>x</b>',
    'ftp://example.org/a',
  ];
  const kept = (html: string, attribute: string) => new RegExp(`<(a|img)[^>]* ${attribute}="`).test(html);

  for (const address of addresses) {
    it(address, async () => {
      const markdown = `[x](<${address}>) ![y](<${address}>)`;
      const plain = await render(markdown);
      const withHtml = await render(`${markdown} <span>author HTML</span>`);
      expect(withHtml.html).toContain('<span>author HTML</span>');
      expect(kept(plain.html, 'href'), 'link').toBe(kept(withHtml.html, 'href'));
      expect(kept(plain.html, 'src'), 'image').toBe(kept(withHtml.html, 'src'));
      expect(plain.problems.length > 0, 'reported').toBe(withHtml.problems.length > 0);
    });
  }

  it('and the unsafe ones are removed in both', async () => {
    for (const html of [
      (await render('[x](<javascript:alert(1)>)')).html,
      (await render('[x](<javascript:alert(1)>) <span>h</span>')).html,
    ])
      expect(html).not.toMatch(/javascript:/i);
  });
});
