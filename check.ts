import { renderArticle } from '/work/wt-scholarly/src/markdown/article-renderer.ts';
import { formatProblem } from '/work/wt-scholarly/src/lib/problems.ts';
for (const f of process.argv.slice(2)) {
  const r = await renderArticle(f);
  console.log(f, 'problems:', r.problems.length, 'labels:', r.facts.labels.map((l) => `${l.id}=${l.number}`).join(' '), 'cites:', r.facts.citations.map((c) => c.key).join(' '));
  for (const p of r.problems) console.log('  ', formatProblem(p));
}
