/**
 * Hands the content problems Astro's run saw back to whoever started it, as data. Under
 * `npm run build` (which passes KB_PROBLEMS_FILE) they are written to that file and the
 * build's reporter merges them with every other stage's; a plain `astro build` fails on
 * content errors itself, so no way of building publishes a broken article silently.
 */
import fs from 'node:fs';
import type { AstroIntegration } from 'astro';
import { formatProblem, sortProblems, uniqueProblems, type Problem } from '../lib/problems.ts';
import { articleFacts } from '../markdown/article-renderer.ts';
import { settings } from '../settings.ts';
import { contentHistory } from '../sources/git-history.ts';
import { inventory } from '../sources/inventory.ts';

async function contentProblems(): Promise<Problem[]> {
  const taken = inventory();
  const problems = [...taken.problems, ...contentHistory().problems];
  for (const article of taken.bySlug.values()) problems.push(...(await articleFacts(article.file)).problems);
  return sortProblems(uniqueProblems(problems));
}

export default function contentProblemsIntegration(): AstroIntegration {
  return {
    name: 'kb-content-problems',
    hooks: {
      'astro:build:done': async () => {
        const problems = await contentProblems();
        if (settings.problemsFile) {
          fs.writeFileSync(settings.problemsFile, JSON.stringify(problems));
          return;
        }
        const errors = problems.filter((problem) => problem.severity === 'error');
        if (errors.length > 0 && !settings.lenient) {
          throw new Error(
            `${errors.length} content error(s); nothing should be published:\n${errors.map((problem) => `  ✗ ${formatProblem(problem)}`).join('\n')}`,
          );
        }
      },
    },
  };
}
