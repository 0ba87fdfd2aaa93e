/**
 * What an article's HTML may contain: the one allow-list, for hast-util-sanitize. GitHub's
 * schema is the base (it is what Markdown readers expect to work), narrowed where it lets
 * through what a reader never needs from an article (form fields, `name` on anything but
 * links) and extended with what articles do need (figures, marks, abbreviations, embeds
 * from https origins, the classes our own Markdown plugins emit). KaTeX, Shiki and the
 * site's own markup are added after sanitizing and never pass through here.
 *
 * Everything not listed is removed and reported (src/markdown/rehype-author-html.ts).
 * `style` is let through the sanitizer only to be filtered declaration by declaration
 * (see SAFE_STYLE below): nothing that can position, hide, overlay or fetch survives.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize';

/** Classes an article may carry: the ones our Markdown plugins and remark-rehype emit. */
const OWN_CLASSES = {
  code: [/^language-./, 'math-inline', 'math-display'],
  a: ['eqref', 'data-footnote-backref'],
  span: ['kb-error', 'katex-error'],
  div: ['kb-error', 'katex-error'],
};

/** Form attributes GitHub allows on every element; an article has no forms. */
const FORM_ATTRIBUTES = new Set([
  'accept',
  'acceptCharset',
  'action',
  'encType',
  'method',
  'prompt',
  'readOnly',
  'maxLength',
  'checked',
  'multiple',
  'selected',
  'value',
  'name',
  'label',
]);

const everywhere = (defaultSchema.attributes?.['*'] ?? []).filter(
  (attribute) => typeof attribute !== 'string' || !FORM_ATTRIBUTES.has(attribute),
);

export const articleHtmlSchema: Schema = {
  ...defaultSchema,
  // Ids are checked against the page's own ids instead (rehype-author-html.ts): prefixing
  // them would break every #anchor an author or a Markdown footnote writes.
  clobber: [],
  tagNames: [
    // <source> would load what the build never checked or published (srcset, other
    // origins); a <picture> keeps its <img>.
    ...(defaultSchema.tagNames ?? []).filter((name) => name !== 'input' && name !== 'source'),
    'input',
    'figure',
    'figcaption',
    'mark',
    'abbr',
    'small',
    'u',
    'cite',
    'dfn',
    'time',
    'wbr',
    'caption',
    'colgroup',
    'col',
    'center',
    'font',
    'iframe',
  ],
  // Removed with everything inside: their content is code, styling or another document.
  strip: [
    'script',
    'style',
    'svg',
    'math',
    'template',
    'noscript',
    'textarea',
    'select',
    'object',
    'embed',
    'applet',
    'title',
    'head',
    'frameset',
    'frame',
    'form',
    'button',
    // Media players: their <source>s and tracks are not checked or published by the build.
    'video',
    'audio',
  ],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...everywhere, 'style', 'dataKbNode'],
    a: [
      ...(defaultSchema.attributes?.a ?? []).filter(
        (attribute) => !(Array.isArray(attribute) && attribute[0] === 'className'),
      ),
      ['className', ...OWN_CLASSES.a],
      'name',
      'dataEquation',
      'title',
    ],
    code: [['className', ...OWN_CLASSES.code]],
    span: [['className', ...OWN_CLASSES.span], 'title'],
    div: [...(defaultSchema.attributes?.div ?? []), ['className', ...OWN_CLASSES.div], 'title'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading', 'decoding'],
    // GFM task lists: a disabled checkbox, checked or not.
    input: [...(defaultSchema.attributes?.input ?? []), 'checked'],
    iframe: ['src', 'title', 'width', 'height', 'allow', 'allowFullScreen', 'loading'],
    font: ['color', 'size', 'face'],
    time: ['dateTime'],
    abbr: ['title'],
    col: ['span', 'width'],
    colgroup: ['span'],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    // data: only for images, and only image types (checked in rehype-author-html.ts).
    src: ['http', 'https', 'data'],
  },
};

/**
 * Style declarations an article may keep: colour and alignment, and sizes of what it
 * contains. Nothing that positions (position, inset, z-index, transform, margins), hides
 * (display, visibility, opacity, clip), overlays or loads (url(), image-set()).
 */
export const SAFE_STYLE = new Set([
  'color',
  'background-color',
  'text-align',
  'vertical-align',
  'width',
  'height',
  'max-width',
  'font-weight',
  'font-style',
  'text-decoration',
]);
