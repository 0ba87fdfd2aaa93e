/**
 * The HTML an author writes in Markdown, made safe and tidy the way a browser would read
 * it, in one place:
 * 1. parsed into the tree (hast-util-raw: entities decoded, attributes split, tags closed
 *    exactly as a browser does), so nothing is judged by regular expressions over text;
 * 2. cleaned by the allow-list of html-schema.ts (hast-util-sanitize): every element and
 *    attribute it removes is reported with its line, as a warning (an error with
 *    KB_STRICT_HTML=1), so an author knows why something did not appear;
 * 3. normalised where browsers accept what HTML5 no longer does (`align`, `<center>`,
 *    `<font>`, `<a name>`, percentage widths), so a page validates without the author
 *    rewriting old notes; and checked for what really breaks reading: an element left
 *    open that swallows the rest of the article, duplicate ids, ids that collide with the
 *    page's own.
 * Markdown's own output passes through the same allow-list (a `javascript:` link written
 * in Markdown is removed too). MDX articles are code, trusted like the site's own, and are
 * not sanitized here (README: "MDX is code").
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { find, html as htmlSpace } from 'property-information';
import { sanitize } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { SAFE_STYLE, articleHtmlSchema } from './html-schema.ts';
import { report, type Finding } from './report.ts';

export interface AuthorHtmlOptions {
  /** Removed HTML is an error, not a warning. */
  strict: boolean;
  /** Ids the page around the article already uses; an article may not take them. */
  /** Ids the page around the article uses (src/lib/page-ids.ts). */
  isReservedId: (id: string) => boolean;
}

declare module 'vfile' {
  interface DataMap {
    /** Origins of the embeds (iframes) an article shows, for the CSP and the build's list. */
    remoteFrames: string[];
  }
}

const MARK = 'dataKbNode';

/**
 * Properties of Markdown-made elements whose value the author writes: addresses (a
 * `[link](javascript:…)` is removed as in HTML), handlers and styles (never made by
 * Markdown, so never restored).
 */
const AUTHOR_CONTROLLED = /^(href|src|srcSet|action|formAction|poster|cite|data|xLinkHref|style|on.*)$/i;

/** Classes the scholarly plugins give what they make (src/markdown/remark-callouts.ts and the others). */
const PLUGIN_CLASS =
  /^(callout|callout-[a-z0-9-]+|citation|crossref|crossref-article|figure|figure-label|table-figure|margin-note|proof|proof-title|qed|qed-line|theorem|theorem-[a-z-]+|kb-error)$/;

/** Properties whose value is an address, with the protocols the allow-list takes for each. */
const PROTOCOLS: Record<string, string[]> = Object.fromEntries(
  Object.entries(articleHtmlSchema.protocols ?? {}).map(([name, list]) => [name, [...(list ?? [])]]),
);
const URL_PROPERTIES = Object.keys(PROTOCOLS);

/** hast-util-sanitize's rule: an address without a protocol is relative, else its protocol must be listed. */
function safeProtocol(value: string, protocols: string[]): boolean {
  if (protocols.length === 0) return true;
  const colon = value.indexOf(':');
  const question = value.indexOf('?');
  const hash = value.indexOf('#');
  const slash = value.indexOf('/');
  if (colon < 0 || (slash > -1 && colon > slash) || (question > -1 && colon > question) || (hash > -1 && colon > hash))
    return true;
  return protocols.some((protocol) => colon === protocol.length && value.slice(0, colon) === protocol);
}

/** Whether the allow-list keeps this class on this element, or it is one of our plugins'. */
function classAllowed(tagName: string, name: string): boolean {
  if (PLUGIN_CLASS.test(name)) return true;
  const rules = [...(articleHtmlSchema.attributes?.[tagName] ?? []), ...(articleHtmlSchema.attributes?.['*'] ?? [])];
  return rules.some(
    (rule) =>
      Array.isArray(rule) &&
      rule[0] === 'className' &&
      rule.slice(1).some((allowed) => (allowed instanceof RegExp ? allowed.test(name) : allowed === name)),
  );
}

/** Elements with an optional end tag: leaving them open never swallows what follows. */
const OPTIONAL_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'rb',
  'rt',
  'rp',
  'colgroup',
  'caption',
  'html',
  'head',
  'body',
]);
/** Elements HTML never closes (`param` too: parsers still read it as empty). */
const VOID = new Set([
  'br',
  'hr',
  'img',
  'input',
  'wbr',
  'col',
  'area',
  'base',
  'embed',
  'link',
  'meta',
  'source',
  'track',
  'param',
]);

/** An element with no end tag: `<br>`, `<img>`; the importer closes any other written `<x />`. */
export const isVoidElement = (tagName: string): boolean => VOID.has(tagName);

/** What the tree held before sanitizing: the element and its attributes. */
interface Original {
  node: Element;
  properties: Properties;
  /** Written as HTML by the author (not made from Markdown syntax). */
  html: boolean;
}

/** Elements in document order, and whether each is inside SVG or MathML. */
function elementsWithContext(tree: Root | Element, foreign = false, found: { node: Element; foreign: boolean }[] = []) {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    const inside = foreign || child.tagName === 'svg' || child.tagName === 'math';
    found.push({ node: child, foreign: inside });
    elementsWithContext(child, inside, found);
  }
  return found;
}

function elements(tree: Root | Element, found: Element[] = []): Element[] {
  for (const child of tree.children) {
    if (child.type === 'element') {
      found.push(child);
      elements(child, found);
    }
  }
  return found;
}

const describe = (node: Element) => `<${node.tagName}>`;
const attributeName = (property: string) => find(htmlSpace, property).attribute;

/** An element the author opened in HTML and never closed: it holds everything after it. */
function unclosed(node: Element, source: string): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined || OPTIONAL_END.has(node.tagName) || isVoidElement(node.tagName))
    return false;
  return !new RegExp(`</${node.tagName}\\s*>$`, 'i').test(source.slice(start, end));
}

/** Keeps the declarations of a style attribute that cannot position, hide or load anything. */
export function safeStyle(style: string): { kept: string; removed: string[] } {
  const kept: string[] = [];
  const removed: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!property || !value) continue;
    if (SAFE_STYLE.has(property) && !/[\\<>]|url\(|image-set|expression|var\(|@import|!important/i.test(value))
      kept.push(`${property}: ${value}`);
    else removed.push(property);
  }
  return { kept: kept.join('; '), removed };
}

/** The normalisations: what browsers accept and HTML5 spells otherwise. */
function normalise(node: Element, findings: (finding: Finding) => void): void {
  const properties = node.properties;
  const align = properties.align;
  if (typeof align === 'string' && /^(left|right|center|justify)$/i.test(align)) {
    delete properties.align;
    properties.className = [...((properties.className as string[] | undefined) ?? []), `align-${align.toLowerCase()}`];
  }
  if (node.tagName === 'center') {
    node.tagName = 'div';
    properties.className = [...((properties.className as string[] | undefined) ?? []), 'align-center'];
  }
  if (node.tagName === 'font') {
    const color = typeof properties.color === 'string' ? properties.color : undefined;
    node.tagName = 'span';
    node.properties = color && /^#?[\w-]+$/.test(color) ? { style: `color: ${color}` } : {};
  }
  if (node.tagName === 'a' && typeof properties.name === 'string') {
    // <a name="x"> is the old way to write an anchor; id is the one browsers prefer.
    if (properties.id === undefined) properties.id = properties.name;
    delete properties.name;
  }
  for (const dimension of ['width', 'height'] as const) {
    const value = properties[dimension];
    if (typeof value === 'string' && /^\d+(\.\d+)?%$/.test(value.trim())) {
      delete properties[dimension];
      properties.style = [typeof properties.style === 'string' ? properties.style : '', `${dimension}: ${value.trim()}`]
        .filter(Boolean)
        .join('; ');
    }
  }
  if (typeof properties.style === 'string') {
    const { kept, removed } = safeStyle(properties.style);
    if (removed.length > 0) {
      findings({
        rule: 'html/removed-style',
        message: `style ${removed.map((property) => `"${property}"`).join(', ')} on ${describe(node)} removed: an article may set colours, alignment and sizes, nothing that positions, hides or loads`,
        fix: 'remove it, or keep to color, background-color, text-align, vertical-align, width, height, font-weight, font-style, text-decoration',
      });
    }
    if (kept) properties.style = kept;
    else delete properties.style;
  }
  if (node.tagName === 'img') {
    properties.loading ??= 'lazy';
    properties.decoding ??= 'async';
  }
  if (node.tagName === 'iframe') {
    properties.loading = 'lazy';
    properties.referrerPolicy = 'strict-origin-when-cross-origin';
    // The embed runs its own scripts in its own origin, but may not navigate this page.
    properties.sandbox = ['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-presentation'];
  }
}

/** Header cells of author tables get a scope, as GFM's do by their <thead>. */
function scopeHeaders(table: Element): void {
  const rows = elements(table).filter((node) => node.tagName === 'tr');
  rows.forEach((row, index) => {
    const cells = row.children.filter((child): child is Element => child.type === 'element');
    cells.forEach((cell, column) => {
      if (cell.tagName === 'th' && cell.properties.scope === undefined)
        cell.properties.scope =
          index === 0 && cells.every((other) => other.tagName === 'th') ? 'col' : column === 0 ? 'row' : 'col';
    });
  });
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

export default function rehypeAuthorHtml(options: AuthorHtmlOptions) {
  return (tree: Root, file: VFile): Root => {
    if (String(file.path ?? '').endsWith('.mdx')) return tree;
    const source = String(file.value);
    const say = (node: Element | undefined, finding: Finding) =>
      report(file, node, { severity: options.strict ? 'error' : 'warning', ...finding });

    // 1. Number the elements Markdown made (and keep their data: hast-util-raw drops it),
    //    parse the author's HTML in, then number what it added.
    const stash = new Map<string, Element['data']>();
    let count = 0;
    for (const node of elements(tree)) {
      node.properties[MARK] = String(count);
      if (node.data) stash.set(String(count), node.data);
      count++;
    }
    let hasRaw = false;
    visit(tree, 'raw', () => {
      hasRaw = true;
    });
    const parsed: Root = hasRaw ? (raw(tree, { file }) as Root) : tree;
    const originals = new Map<string, Original>();
    for (const { node, foreign } of elementsWithContext(parsed)) {
      const mark = node.properties[MARK];
      const html = typeof mark !== 'string';
      if (html) {
        node.properties[MARK] = String(count++);
        // SVG and MathML may close elements with "/>"; they are removed anyway.
        if (!foreign && unclosed(node, source)) {
          const lastLine = node.position?.end.line;
          report(file, node, {
            rule: 'html/unclosed',
            message: `${describe(node)} is opened here and never closed, so it holds the rest of the article${lastLine ? ` (to line ${lastLine})` : ''}`,
            fix: `close it with </${node.tagName}> where it should end`,
          });
        }
      } else if (stash.has(mark)) node.data = stash.get(mark);
      originals.set(String(node.properties[MARK]), { node, properties: { ...node.properties }, html });
    }

    // 2. The allow-list. What it removed is found by the numbers that did not survive;
    //    only the outermost removed element is reported. An article without HTML of its
    //    own has only what Markdown and our plugins made, and of that only addresses and
    //    classes are judged (see below): they are judged in place, the same way, without
    //    the allow-list's copy of the whole tree.
    if (!hasRaw) {
      for (const node of elements(parsed)) {
        for (const name of URL_PROPERTIES) {
          const value = node.properties[name];
          if (typeof value !== 'string' || safeProtocol(value, PROTOCOLS[name] ?? [])) continue;
          say(node, removedAttributes(node, [name], node.properties));
          delete node.properties[name];
        }
        const value = node.properties.className;
        if (Array.isArray(value)) {
          const classes = authorClasses(value, (name) => classAllowed(node.tagName, name));
          if (classes.length > 0) node.properties.className = classes;
          else delete node.properties.className;
        }
      }
    }
    const safe = hasRaw ? (sanitize(parsed, articleHtmlSchema) as Root) : parsed;
    const kept = new Map<string, Element>();
    for (const node of elements(safe)) {
      const mark = node.properties[MARK];
      if (typeof mark === 'string') kept.set(mark, node);
    }
    const compare = (nodes: (RootContent | ElementContent)[], ancestorRemoved: boolean) => {
      for (const node of nodes) {
        if (node.type !== 'element') continue;
        const mark = String(node.properties[MARK]);
        const original = originals.get(mark)!;
        const survivor = kept.get(mark);
        if (!survivor) {
          if (!ancestorRemoved) {
            say(node, {
              rule: 'html/removed-element',
              message: `${describe(node)} removed: articles may not contain ${elementReason(node.tagName)}`,
              fix: 'to show the markup as text, escape the < as \\< or put it in `backticks`; interactive content belongs in a component used from an .mdx article',
            });
          }
          compare(node.children, true);
          continue;
        }
        if (node.data) survivor.data = node.data;
        // What Markdown made carries the attributes our own plugins gave it (data- and aria-
        // attributes, `open`, the classes of citations, callouts, theorems, figures): those
        // stay. What an author controls through Markdown are addresses, judged as in HTML,
        // and classes (`::: {.x}`), renamed below unless they are the plugins' own.
        if (!original.html) {
          const restored: Properties = {};
          for (const [name, value] of Object.entries(original.properties))
            if (name === 'className' && Array.isArray(value)) {
              const survived = new Set((survivor.properties.className as string[] | undefined) ?? []);
              const classes = authorClasses(value, (name) => survived.has(name) || PLUGIN_CLASS.test(name));
              if (classes.length > 0) restored.className = classes;
            } else if (name in survivor.properties) restored[name] = survivor.properties[name];
            else if (name === MARK || !AUTHOR_CONTROLLED.test(name)) restored[name] = value;
          survivor.properties = restored;
        }
        const lost = Object.keys(original.properties).filter((name) => name !== MARK && !(name in survivor.properties));
        const classes = (value: unknown) => (Array.isArray(value) ? value.length : 0);
        const lostClass = classes(original.properties.className) > classes(survivor.properties.className);
        if (lost.length > 0 || lostClass) say(node, removedAttributes(node, lost, original.properties, lostClass));
        compare(node.children, false);
      }
    };
    if (hasRaw) compare(parsed.children, false);
    // A paragraph that held only what was removed would leave an empty gap.
    visit(safe, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'p' || !parent || index === undefined) return undefined;
      if (node.children.some((child) => child.type !== 'text' || child.value.trim() !== '')) return undefined;
      const original = originals.get(String(node.properties[MARK] ?? ''));
      if (original && original.node.children.length === 0) return undefined;
      (parent.children as (RootContent | ElementContent)[]).splice(index, 1);
      return index;
    });

    // 3. Normalise, check ids and what the article loads from elsewhere.
    const frames = new Set<string>();
    const htmlElements: Element[] = [];
    const ids = new Map<string, Element>();
    const fromHtml = new Set<string>();
    visit(safe, 'element', (node: Element, index, parent) => {
      const original = originals.get(String(node.properties[MARK]));
      delete node.properties[MARK];
      normalise(node, (finding) => say(node, finding));
      if (node.tagName === 'table' && original?.html) scopeHeaders(node);
      if (original?.html) htmlElements.push(node);
      const src = node.properties.src;
      if (typeof src === 'string' && /^data:/i.test(src) && !/^data:image\/[\w.+-]+[;,]/i.test(src)) {
        say(node, {
          rule: 'html/removed-attribute',
          message: `a data: address that is not an image removed from ${describe(node)}`,
          fix: 'put the file next to the article and link to it',
        });
        delete node.properties.src;
      }
      // An image whose address was removed would show a broken-image box: its alt text instead.
      if (node.tagName === 'img' && !node.properties.src && parent && index !== undefined) {
        const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
        (parent.children as (RootContent | ElementContent)[]).splice(
          index,
          1,
          ...(alt ? [{ type: 'text' as const, value: alt }] : []),
        );
        return index;
      }
      if (node.tagName === 'iframe') {
        const frameSrc = typeof node.properties.src === 'string' ? node.properties.src : '';
        const origin = /^https:/i.test(frameSrc) ? originOf(frameSrc) : undefined;
        if (!origin && parent && index !== undefined) {
          say(node, {
            rule: 'html/removed-element',
            message: '<iframe> removed: an embed must come from an https address',
            fix: 'use the https:// address the site offers for embedding',
          });
          (parent.children as (RootContent | ElementContent)[]).splice(index, 1);
          return index;
        }
        if (origin) frames.add(origin);
      }
      const id = node.properties.id;
      if (typeof id === 'string') {
        if (options.isReservedId(id)) {
          say(node, {
            rule: 'html/reserved-id',
            message: `id "${id}" is used by the page around the article; it was renamed to "user-content-${id}"`,
            fix: 'choose another id',
          });
          node.properties.id = `user-content-${id}`;
        } else if (ids.has(id)) {
          // Ids Markdown made (theorems, figures, equations) are checked by their own plugins.
          if (original?.html || fromHtml.has(id))
            report(file, node, {
              rule: 'html/duplicate-id',
              message: `id "${id}" is used twice in this article (first on line ${ids.get(id)!.position?.start.line ?? '?'}), so links to #${id} find only the first`,
              fix: 'give each element its own id',
            });
        } else {
          ids.set(id, node);
          if (original?.html) fromHtml.add(id);
        }
      }
      return undefined;
    });
    // 4. Formulas in the author's HTML (a table cell, a <div>): the Markdown parser never
    //    saw them, KaTeX renders them like any other.
    for (const node of htmlElements) if (!NO_MATH.has(node.tagName)) node.children = node.children.flatMap(mathInText);
    file.data.remoteFrames = [...frames].sort();
    return safe;
  };
}

/** Elements whose text is never math. */
const NO_MATH = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea']);

/**
 * `$…$`, `$$…$$`, `\(…\)` and `\[…\]` in a text node, as math elements for KaTeX. `$` pairs
 * follow Pandoc's rule (no space inside the dollars, no digit after the closing one), so
 * prices stay text.
 */
const TEXT_MATH = /\$\$([\s\S]+?)\$\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|(?<![\\$])\$(?=\S)([^$]*?\S)\$(?!\d)/g;

export function mathInText(node: ElementContent): ElementContent[] {
  if (node.type !== 'text' || !/[$\\]/.test(node.value)) return [node];
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(TEXT_MATH)) {
    const tex = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    const display = match[1] !== undefined || match[3] !== undefined;
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    const code: Element = {
      type: 'element',
      tagName: 'code',
      properties: { className: ['language-math', display ? 'math-display' : 'math-inline'] },
      children: [{ type: 'text', value: tex.trim() }],
    };
    if (node.position) code.position = node.position;
    parts.push(code);
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return [node];
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

function elementReason(tagName: string): string {
  if (tagName === 'script') return "scripts (they would run in readers' browsers)";
  if (tagName === 'style') return 'style sheets (they would restyle the whole site)';
  if (
    tagName === 'form' ||
    tagName === 'input' ||
    tagName === 'button' ||
    tagName === 'textarea' ||
    tagName === 'select'
  )
    return "forms (they could send readers' input elsewhere)";
  if (tagName === 'svg' || tagName === 'math')
    return `inline ${tagName === 'svg' ? 'SVG' : 'MathML'} (it can carry scripts and styles; use an image file, or TeX for formulas)`;
  if (tagName === 'link' || tagName === 'meta' || tagName === 'base') return 'document-level markup';
  if (tagName === 'video' || tagName === 'audio' || tagName === 'source')
    return 'media players (the files they load are not checked or published; link to the video, or embed it from an https site)';
  if (tagName === 'iframe' || tagName === 'object' || tagName === 'embed' || tagName === 'frame')
    return 'embeds other than https iframes';
  return `this element (it is not on the list of elements articles use)`;
}

/** The report of attributes the allow-list removed (`lost` are property names; `class` too when asked). */
function removedAttributes(node: Element, lost: string[], properties: Properties, lostClass = false): Finding {
  const names = [...lost.map(attributeName), ...(lostClass && !lost.includes('className') ? ['class'] : [])];
  return {
    rule: 'html/removed-attribute',
    message: `${names.map((name) => `"${name}"`).join(', ')} removed from ${describe(node)}: ${attributeReason(lost, properties)}`,
    fix: 'remove it from the source; links and images may point at http(s), mailto: or a relative path',
  };
}

/**
 * An author's own class (`::: {.wide}`) is kept under a name the site's styles never use,
 * so it cannot borrow them (a fixed overlay, a hidden header); `kept` names the others.
 */
const authorClasses = (classes: unknown[], kept: (name: string) => boolean): string[] =>
  classes.map(String).map((name) => (kept(name) ? name : `user-${name}`));

function attributeReason(lost: string[], properties: Properties): string {
  if (lost.some((name) => /^on/i.test(name))) return "event handlers would run code in readers' browsers";
  if (lost.some((name) => ['href', 'src', 'cite'].includes(name)))
    return `the address ${JSON.stringify(String(properties[lost.find((name) => ['href', 'src', 'cite'].includes(name))!] ?? ''))} is not a web, mail or relative address`;
  return 'articles may not set it';
}
