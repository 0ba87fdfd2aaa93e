// Reading the library's Markdown for tools (library table, runnable-code test): fenced
// blocks with their line numbers, formulas, links.

/** ```python runnable blocks: { code, line } where line is the fence's line number. */
export function runnableBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})python\s+runnable\b/.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) body.push(lines[j++]);
    blocks.push({ code: body.join('\n') + '\n', line: i + 1 });
    i = j;
  }
  return blocks;
}

/** Counts for the library table. */
export function articleStats(markdown) {
  const body = markdown.replace(/^---[\s\S]*?\n---/, '');
  const withoutCode = body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  const prose = withoutCode.replace(/\$\$[\s\S]*?\$\$|\\\[[\s\S]*?\\\]|\$[^$\n]+\$|\\\([\s\S]*?\\\)/g, '');
  const display = (withoutCode.match(/\$\$[\s\S]*?\$\$|\\\[[\s\S]*?\\\]/g) ?? []).length;
  const inline = (withoutCode.replace(/\$\$[\s\S]*?\$\$|\\\[[\s\S]*?\\\]/g, '').match(/\$[^$\n]+\$|\\\([\s\S]*?\\\)/g) ?? []).length;
  return {
    characters: (prose.match(/[\u3400-\u9fff]/g) ?? []).length,
    words: (prose.match(/[A-Za-z]+(?:'[a-z]+)?/g) ?? []).length,
    formulas: display + inline,
    codeBlocks: (body.match(/^(```|~~~)\w/gm) ?? []).length,
    runnable: runnableBlocks(markdown).length,
    internalLinks: (body.match(/\]\(\/articles\/[^)]+\)|\[\[[^\]]+\]\]/g) ?? []).length,
  };
}
