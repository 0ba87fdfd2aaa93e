// Turns what `astro build` printed into the lines an author needs: file:line — what is
// wrong — what to do. Our own checks already print `✗ file:line — …`; errors that Astro,
// MDX or the bundler raise are reworded here, because theirs point at line 0, at compiled
// code, or at no article at all.
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

const shown = (file) => (path.isAbsolute(file) ? path.relative(process.cwd(), file) || file : file);

function lineContaining(file, needle) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const index = lines.findIndex((line) => line.includes(needle));
    return index >= 0 ? index + 1 : undefined;
  } catch {
    return undefined;
  }
}

/** The problems found in Astro's output, one line each (possibly with indented detail lines). */
export function explainAstroOutput(rawOutput) {
  const output = rawOutput.replace(ANSI, '');
  const problems = [];
  let block = [];
  // Our checks' lists: "  ✗ file:line — message" followed by indented detail lines.
  for (const line of output.split('\n')) {
    if (/^\s*✗ /.test(line)) {
      if (block.length) problems.push(block.join('\n'));
      block = [line.replace(/^\s*✗ /, '')];
    } else if (block.length && /^ {4}\S/.test(line) && !/^\s+(Location|Stack trace|Hint):/.test(line)) {
      block.push(line.trimEnd());
    } else if (block.length) {
      problems.push(block.join('\n'));
      block = [];
    }
  }
  if (block.length) problems.push(block.join('\n'));

  // MDX syntax errors: "Expected a closing tag for `<div>` (9:1-9:23)" … "Location: file.mdx:0:0".
  for (const match of output.matchAll(/^(?:\[\w+\] )?(.+?) \((\d+):(\d+)(?:-\d+:\d+)?\)\n(?:[\s\S]{0,400}?)Location:\n\s+(\S+\.mdx):\d+:\d+/gm)) {
    const [, message, line, column, file] = match;
    problems.push(`${shown(file)}:${line}:${column} — MDX syntax error: ${message.replace(/`/g, '')}. Close every JSX tag (<div>…</div> or <br />), and write a literal < or { in prose as \\< or \\{`);
  }
  // An import the bundler cannot resolve; its line numbers point into compiled code.
  for (const match of output.matchAll(/Could not resolve '([^']+)' in (\S+\.mdx?)\b/g)) {
    const [, specifier, file] = match;
    const line = lineContaining(path.resolve(file), specifier);
    problems.push(`${shown(path.resolve(file))}${line ? `:${line}` : ''} — import "${specifier}" does not exist; paths are relative to the article file. Fix the path, add the component, or remove the import and its use`);
  }
  return [...new Set(problems)];
}
