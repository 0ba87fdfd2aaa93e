/**
 * Callouts in the form this site reads (GitHub's and Obsidian's block quote:
 * `> [!NOTE] Title`, folded with `> [!NOTE]-`, open with `> [!NOTE]+`), written from
 * other tools' boxes: docsify's `?>`/`!>` tips, MkDocs' admonitions, MyST's
 * ```` ```{note} ```` fences. The kinds are Obsidian's, which include every tool's.
 */

/** Names tools use for a box, as Obsidian's callout kind. */
const KINDS: Record<string, string> = {
  note: 'NOTE',
  seealso: 'NOTE',
  abstract: 'ABSTRACT',
  summary: 'SUMMARY',
  tldr: 'TLDR',
  info: 'INFO',
  todo: 'TODO',
  tip: 'TIP',
  hint: 'HINT',
  important: 'IMPORTANT',
  success: 'SUCCESS',
  check: 'CHECK',
  done: 'DONE',
  question: 'QUESTION',
  help: 'HELP',
  faq: 'FAQ',
  warning: 'WARNING',
  caution: 'CAUTION',
  attention: 'ATTENTION',
  failure: 'FAILURE',
  fail: 'FAIL',
  missing: 'MISSING',
  danger: 'DANGER',
  error: 'ERROR',
  bug: 'BUG',
  example: 'EXAMPLE',
  quote: 'QUOTE',
  cite: 'CITE',
  admonition: 'NOTE',
};

/** The callout kind for a tool's box name; unknown names are kept (Obsidian allows any). */
export function calloutKind(name: string): string {
  const key = name.trim().toLowerCase();
  return KINDS[key] ?? (key.replace(/[^a-z0-9-]/g, '').toUpperCase() || 'NOTE');
}

/**
 * A callout: its first line, then the body lines quoted. `fold` is `-` for a box that
 * starts folded, `+` for a foldable open one. `prefix` is the indentation it stands at.
 */
export function calloutLines(
  kind: string,
  title: string | undefined,
  body: readonly string[],
  options: { fold?: '+' | '-' | undefined; prefix?: string } = {},
): string[] {
  const prefix = options.prefix ?? '';
  const head = `${prefix}> [!${calloutKind(kind)}]${options.fold ?? ''}${title ? ` ${title}` : ''}`;
  // Trailing blank lines belong after the callout, not inside it.
  const lines = [...body];
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return [head, ...lines.map((line) => (line.trim() === '' ? `${prefix}>` : `${prefix}> ${line}`))];
}

const MYST_FENCE = /^([ \t]*)(`{3,}|~{3,})\{([A-Za-z-]+)\}[ \t]*(.*)$/;

/** MyST's admonition fences (```` ```{note} Title ````), written in Jupyter Book notes. */
const MYST_ADMONITIONS = new Set([
  'note',
  'important',
  'tip',
  'hint',
  'warning',
  'caution',
  'attention',
  'danger',
  'error',
  'seealso',
  'admonition',
]);

/**
 * MyST admonition fences as callouts; a reader of the old site may have seen them as code
 * blocks (docsify, MkDocs do not read MyST), but they were written as boxes.
 */
export function mystAdmonitions(body: string, notes: { converted(line: number, what: string): void }): string {
  const lines = body.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = MYST_FENCE.exec(lines[index]!);
    if (!open || !MYST_ADMONITIONS.has(open[3]!.toLowerCase())) {
      out.push(lines[index]!);
      continue;
    }
    const [, indent, fence, kind, title] = open as unknown as [string, string, string, string, string];
    const close = lines.findIndex(
      (line, at) =>
        at > index && line.trim().startsWith(fence[0]!.repeat(fence.length)) && line.trim().replace(/[`~]/g, '') === '',
    );
    if (close < 0) {
      out.push(lines[index]!);
      continue;
    }
    const inner = lines
      .slice(index + 1, close)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    // Directive options (`:class: x`) come first.
    while (inner.length > 0 && /^:[\w-]+:/.test(inner[0]!)) inner.shift();
    out.push(...calloutLines(kind, kind === 'admonition' ? title : title || undefined, inner, { prefix: indent }));
    notes.converted(index + 1, `MyST {${kind.toLowerCase()}} fence → callout`);
    index = close;
  }
  return out.join('\n');
}
