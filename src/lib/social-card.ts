/**
 * The social card of an article (the 1200×630 image link previews show): what it says,
 * how it is laid out, and the content hash that names it. Pure: the build renders it
 * (scripts/build/social-cards.ts, with satori and resvg) and the article page links it
 * (src/layouts/ArticleLayout.astro) by the same hash, so an unchanged card is never
 * rendered again and a changed one gets a new URL (previews cache images for long).
 *
 * The element tree is built here directly, as satori's objects: parsing HTML into it
 * (satori-html) is slow on long inputs and would add nothing.
 */
import crypto from 'node:crypto';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** Where cards are published, below the base path. */
export const CARD_URL_PATH = '/_kb/cards/';

export interface CardInput {
  title: string;
  /** The category's name in the UI language. */
  category: string;
  /** YYYY-MM-DD. */
  date: string;
  siteName: string;
  lang: 'zh' | 'en';
}

/** The light theme's colours, read from the site's stylesheet (see `readPalette`). */
export interface Palette {
  bg: string;
  bgSoft: string;
  fg: string;
  muted: string;
  accent: string;
  border: string;
}

const PALETTE_VARIABLES: Record<keyof Palette, string> = {
  bg: '--bg',
  bgSoft: '--bg-soft',
  fg: '--fg',
  muted: '--muted',
  accent: '--accent',
  border: '--border',
};

/**
 * The light colours of src/styles/global.css (`--accent: light-dark(#1f4e8c, …)`), so the
 * cards follow the site's palette when it changes. Throws naming a missing variable.
 */
export function readPalette(css: string): Palette {
  const palette = {} as Palette;
  for (const [key, variable] of Object.entries(PALETTE_VARIABLES) as [keyof Palette, string][]) {
    const match = new RegExp(`${variable}:\\s*light-dark\\(\\s*(#[0-9a-fA-F]{3,8})`).exec(css);
    if (!match) throw new Error(`social cards: ${variable} (a light-dark() colour) is missing from the stylesheet`);
    palette[key] = match[1]!;
  }
  return palette;
}

/** A satori element: what `React.createElement` would make, without React. */
export interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: string | CardNode | CardNode[] };
}

const node = (type: string, style: Record<string, string | number>, children: string | CardNode[]): CardNode => ({
  type,
  props: { style, children },
});

/** Titles get smaller as they get longer; a CJK character is about two Latin letters wide. */
function titleSize(title: string): number {
  const width = [...title].reduce((sum, char) => sum + (/[\u2e80-\uffff]/.test(char) ? 2 : 1), 0);
  return width <= 28 ? 72 : width <= 48 ? 62 : width <= 72 ? 54 : 46;
}

export const CARD_FONT_FAMILY = 'Noto Sans SC';

/**
 * `fontFamily` is a CSS list: each font subset is a family of its own for satori.
 *
 * Lines and frames are drawn as filled boxes, not CSS borders: satori turns a border into a
 * mask and clip paths over the whole card, and resvg composes each as a full-size layer,
 * which made the empty card cost most of a card's raster time.
 */
export function cardElement(input: CardInput, palette: Palette, fontFamily: string = CARD_FONT_FAMILY): CardNode {
  const rule = (height: number, colour: string, margin = '0'): CardNode =>
    node('div', { display: 'flex', flexShrink: 0, height, margin, background: colour }, []);
  return node(
    'div',
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      background: palette.bg,
      color: palette.fg,
      fontFamily,
    },
    [
      rule(16, palette.accent),
      node('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '56px 72px 0 72px' }, [
        // The category in a framed pill: a box in the frame's colour around a box in the fill's.
        node(
          'div',
          { display: 'flex', alignSelf: 'flex-start', background: palette.border, borderRadius: 12, padding: 2 },
          [
            node(
              'div',
              {
                display: 'flex',
                fontSize: 30,
                fontWeight: 700,
                color: palette.accent,
                background: palette.bgSoft,
                borderRadius: 10,
                padding: '6px 20px',
              },
              input.category,
            ),
          ],
        ),
        node(
          'div',
          {
            display: 'flex',
            flexGrow: 1,
            alignItems: 'center',
            fontSize: titleSize(input.title),
            fontWeight: 700,
            lineHeight: 1.3,
            lineClamp: 4,
          },
          input.title,
        ),
      ]),
      rule(2, palette.border, '0 72px'),
      node(
        'div',
        {
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          margin: '0 72px',
          padding: '28px 0 44px 0',
          fontSize: 30,
          color: palette.muted,
        },
        [
          node('div', { display: 'flex', fontWeight: 700, color: palette.fg }, input.siteName),
          node('div', { display: 'flex' }, input.date),
        ],
      ),
    ],
  );
}

/**
 * The card's name: a hash of what it shows, the palette, and `renderer` (a hash of the
 * code and fonts that draw it), so any change to any of them makes a new card.
 */
export function cardKey(input: CardInput, palette: Palette, renderer: string): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([input, palette, renderer]))
    .digest('hex')
    .slice(0, 20);
}

/** What an article's card shows, from its frontmatter and its category's name. */
export function cardInputOf(
  article: { title: string; date: Date; lang: 'zh' | 'en' },
  category: string,
  siteName: string,
): CardInput {
  return {
    title: article.title,
    category,
    date: article.date.toISOString().slice(0, 10),
    siteName,
    lang: article.lang,
  };
}
