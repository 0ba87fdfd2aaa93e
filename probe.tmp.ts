import katex from 'katex';
for (const tex of ['\\tau_\\max = 2', 'n = \\text{seq_len}', '\\text{a & b}', 'x^\\vec{a}', '\\require{physics} x', '\\begin{eqnarray} a &=& b \\end{eqnarray}', '\\Bbb R', 'x_\\mathrm{max}', '\\bold{x}', '\\cal L']) {
  try { katex.renderToString(tex, { throwOnError: true, displayMode: true }); console.log('OK  ', tex); } catch (e) { console.log('FAIL', tex, '|', (e as Error).message.slice(0, 80)); }
}
