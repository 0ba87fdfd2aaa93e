/**
 * TeX that MathJax reads and KaTeX refuses, as old notes written for MathJax are full of
 * it. Each rewrite turns one such habit into what KaTeX reads, meaning the same: a
 * formula that KaTeX refuses is tried again with them, and if it then renders, it is
 * published so, with a warning that shows the rewrite (so the author can adopt it).
 */
export interface Rewrite {
  /** What MathJax allows here that KaTeX does not. */
  habit: string;
  apply(tex: string): string;
}

/** `\text{…}` contents with `_`, `&`, `%`, `#` escaped, as KaTeX's text mode wants. */
function escapeTextMode(tex: string): string {
  return tex.replace(
    /\\(text|textrm|textit|textbf|mbox)\{((?:[^{}]|\{[^{}]*\})*)\}/g,
    (_, command: string, body: string) => `\\${command}{${body.replace(/(?<!\\)([_&%#])/g, '\\$1')}}`,
  );
}

export const MATHJAX_REWRITES: Rewrite[] = [
  {
    habit: 'a command as a subscript or superscript without braces (x_\\max, x^\\vec{a})',
    apply: (tex) =>
      tex.replace(
        /([_^])\s*(\\[A-Za-z]+)((?:\{[^{}]*\})?)/g,
        (whole, mark: string, command: string, argument: string) =>
          /^\\(left|right|big|Big|bigg|Bigg)$/.test(command) ? whole : `${mark}{${command}${argument}}`,
      ),
  },
  { habit: '_, &, % or # inside \\text{…}', apply: escapeTextMode },
  {
    habit: '\\require{…} (MathJax loads extensions with it; KaTeX has them built in)',
    apply: (tex) => tex.replace(/\\require\{[^}]*\}\s*/g, ''),
  },
  {
    habit: 'the eqnarray environment',
    apply: (tex) =>
      tex
        .replace(/\\(begin|end)\{eqnarray(\*?)\}/g, '\\$1{align$2}')
        .replace(/&\s*([=<>≤≥]|\\[lg]eq|\\approx|\\sim|\\equiv)\s*&/g, '&$1 '),
  },
];

/** The formula with every rewrite that changes it applied, and the habits they fixed. */
export function mathjaxRewrite(tex: string): { tex: string; habits: string[] } {
  let result = tex;
  const habits: string[] = [];
  for (const rewrite of MATHJAX_REWRITES) {
    const next = rewrite.apply(result);
    if (next !== result) habits.push(rewrite.habit);
    result = next;
  }
  return { tex: result, habits };
}
