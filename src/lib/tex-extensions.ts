/**
 * What ML papers write and KaTeX lacks: the physics package's basics, an indicator 𝟙 that
 * looks like one, and `\DeclareMathOperator`.
 *
 * Most are macros (handed to KaTeX with the site's). `\dv` and `\pdv` are not: physics
 * reads `\dv{x}` (the operator d/dx) and `\dv{f}{x}` (df/dx) by whether a second brace
 * group follows, which a KaTeX macro cannot test; `expandPhysics` rewrites them (and the
 * two-argument `\expval{A}{\psi}`) before KaTeX runs. The formula's TeX as written stays
 * in the output's annotation (rehype-katex-strict puts it back), so copying and search
 * see what the author typed.
 */

/** Macros every article gets (the site's own list in src/config.ts may override them). */
export const texExtensionMacros: Record<string, string> = {
  '\\abs': '\\left\\lvert #1 \\right\\rvert',
  '\\norm': '\\left\\lVert #1 \\right\\rVert',
  // Two overlapping 1s draw the double-struck one that bbm prints; MathML gets 𝟙 itself.
  '\\1': '\\mathord{\\html@mathml{\\mathrm{1}\\mkern-6.5mu\\mathrm{1}}{\\mathrm{𝟙}}}',
  // \mathbbm{1} is the indicator; any other letter falls back to \mathbb.
  '\\mathbbm': '\\kbmathbbm #1',
  '\\kbmathbbm': '\\@ifnextchar1{\\@firstoftwo{\\1}}{\\mathbb}',
  '\\expval': '\\left\\langle #1 \\right\\rangle',
  '\\ev': '\\expval',
};

/** A brace group starting at `at` (which must be `{`): its content and the index after it. */
function group(tex: string, at: number): { content: string; end: number } | undefined {
  let index = at;
  while (tex[index] === ' ') index++;
  if (tex[index] !== '{') return undefined;
  let depth = 0;
  for (let i = index; i < tex.length; i++) {
    if (tex[i] === '\\') i++;
    else if (tex[i] === '{') depth++;
    else if (tex[i] === '}' && --depth === 0) return { content: tex.slice(index + 1, i), end: i + 1 };
  }
  return undefined;
}

function option(tex: string, at: number): { content: string; end: number } | undefined {
  let index = at;
  while (tex[index] === ' ') index++;
  if (tex[index] !== '[') return undefined;
  const close = tex.indexOf(']', index);
  return close < 0 ? undefined : { content: tex.slice(index + 1, close), end: close + 1 };
}

const PHYSICS = /\\(dv|pdv|expval|ev)(?![A-Za-z])/g;

/** `\dv[n]{f}{x}`, `\dv{x}`, `\pdv{f}{x}`, `\expval{A}{\psi}` as plain KaTeX. */
export function expandPhysics(tex: string): string {
  if (!/\\(dv|pdv|expval|ev)(?![A-Za-z])/.test(tex)) return tex;
  let out = '';
  let last = 0;
  for (const match of tex.matchAll(PHYSICS)) {
    if (match.index < last) continue;
    const command = match[1]!;
    let at = match.index + match[0].length;
    if (command === 'expval' || command === 'ev') {
      const first = group(tex, at);
      const second = first && group(tex, first.end);
      if (!first || !second) continue;
      out += `${tex.slice(last, match.index)}\\left\\langle ${second.content} \\middle| ${first.content} \\middle| ${second.content} \\right\\rangle `;
      last = second.end;
      continue;
    }
    const order = option(tex, at);
    if (order) at = order.end;
    const first = group(tex, at);
    if (!first) continue;
    const second = group(tex, first.end);
    const d = command === 'dv' ? '\\mathrm{d}' : '\\partial';
    const power = order ? `^{${order.content}}` : '';
    const expanded = second
      ? `\\frac{${d}${power} ${first.content}}{${d} ${second.content}${power}}`
      : `\\frac{${d}${power}}{${d} ${first.content}${power}}`;
    out += `${tex.slice(last, match.index)}${expanded} `;
    last = second ? second.end : first.end;
  }
  return out + tex.slice(last);
}

/** `\DeclareMathOperator{\Tr}{Tr}` and the starred form (limits below, like \max). */
const DECLARATION = /\\DeclareMathOperator(\*?)\s*\{\s*(\\[A-Za-z]+)\s*\}\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;

/** The operators a text declares, as macros, and the text without the declarations. */
export function takeOperatorDeclarations(tex: string): { macros: Record<string, string>; rest: string } {
  const macros: Record<string, string> = {};
  if (!tex.includes('\\DeclareMathOperator')) return { macros, rest: tex };
  const rest = tex.replace(DECLARATION, (_, star: string, name: string, text: string) => {
    macros[name] = `\\operatorname${star}{${text}}`;
    return '';
  });
  return { macros, rest };
}
