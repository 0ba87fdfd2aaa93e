import { renderWithProblems } from './tests/helpers/markdown.ts';
for (const md of [`<div align='center'><img src="https://example.org/a.png" width="90%" alt="a"/></div>`, '<img src=x alt=">" onerror=alert(1)>', '<svg><animate onbegin=alert(1) attributeName=x dur=1s /></svg>', '$$x \\label{eq:x}$$\n\n见 \\eqref{eq:x}[^1]。\n\n- [x] done\n\n```ts {1}\nconst a = 1;\n```\n\n[^1]: 注。\n']) {
  const r = await renderWithProblems(md);
  console.log('---', JSON.stringify(md).slice(0, 60)); console.log(r.html.slice(0, 400)); console.log(r.problems);
}
