/**
 * Pandoc's citation syntax, found in a run of prose text:
 *
 * - `[@vaswani2017]`, `[@su2021; @dao2022]`, `[see @dao2022, p. 4]`, `[-@su2021]` (the
 *   year only: suppressed author), a bracketed group;
 * - `@su2021` in a sentence (a narrative citation), optionally with `[p. 4]` after it.
 *
 * Keys are ASCII: letters, digits and `_`, with `:.#$%&-+?<>~/` allowed inside. Pandoc also
 * takes other letters, but Chinese prose runs straight on after a key (`@su2021提出`), so
 * the key stops at the first character that is not ASCII. An `@` right after a letter,
 * digit or `.` is an e-mail address, not a citation.
 */
export interface CitationItem {
  key: string;
  /** Text before the key inside the brackets ("see"). */
  prefix: string;
  /** Text after the key ("p. 4"), without the comma. */
  locator: string;
  suppressAuthor: boolean;
}

export interface CitationMatch {
  /** Offsets in the text: the whole citation as written. */
  start: number;
  end: number;
  /** Bracketed (parenthetical) or in the sentence (narrative). */
  narrative: boolean;
  items: CitationItem[];
}

const KEY = '[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\\-+?<>~/](?=[A-Za-z0-9_]))*';
const ITEM = new RegExp(`^(.*?)(-?)@(${KEY})(.*)$`, 's');
const BRACKET = /\[([^[\]]*@[^[\]]*)\](?![([])/g;
const NARRATIVE = new RegExp(`(?<![A-Za-z0-9_.+\\-@])@(${KEY})(?:\\s?\\[([^[\\]@]*)\\])?`, 'g');

function parseItem(part: string): CitationItem | undefined {
  const match = ITEM.exec(part.trim());
  if (!match) return undefined;
  const [, prefix, minus, key, rest] = match as unknown as [string, string, string, string, string];
  // `@key` must end at the key: `@key, p. 4` or `@key p. 4`; `@keyé` is no key.
  if (rest && !/^[\s,]/.test(rest)) return undefined;
  return {
    key,
    prefix: prefix.trim(),
    locator: rest.replace(/^\s*,?\s*/, '').trim(),
    suppressAuthor: minus === '-',
  };
}

/** Every citation in `text`, in order; brackets win over a narrative `@` inside them. */
export function findCitations(text: string): CitationMatch[] {
  if (!text.includes('@')) return [];
  const found: CitationMatch[] = [];
  for (const match of text.matchAll(BRACKET)) {
    const items = match[1]!.split(';').map(parseItem);
    if (items.length === 0 || items.some((item) => !item)) continue;
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      narrative: false,
      items: items as CitationItem[],
    });
  }
  const inBracket = (at: number) => found.some((group) => at >= group.start && at < group.end);
  for (const match of text.matchAll(NARRATIVE)) {
    if (inBracket(match.index)) continue;
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      narrative: true,
      items: [{ key: match[1]!, prefix: '', locator: (match[2] ?? '').trim(), suppressAuthor: false }],
    });
  }
  return found.sort((a, b) => a.start - b.start);
}
