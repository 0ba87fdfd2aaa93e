/**
 * The first stage: the article inventory (every file read and checked as written: encoding,
 * size, frontmatter, slugs), before anything renders. Later stages work from the
 * inventory it takes; a taxonomy file that cannot be read stops the build here, since
 * every article's category is checked against it. The bibliography files (the shared
 * references.bib and the articles' own) are checked here too, once each: their syntax,
 * duplicate keys and entries without a title.
 */
import fs from 'node:fs';
import type { Problem } from '../../src/lib/problems.ts';
import { TaxonomyError } from '../../src/lib/taxonomy.ts';
import { inventory, type Inventory } from '../../src/sources/inventory.ts';
import type { BuildContext, Stage } from './stage.ts';

export const checkSourcesStage: Stage = {
  name: 'checking article files',
  async run(context: BuildContext) {
    try {
      context.inventory = inventory();
    } catch (error) {
      if (!(error instanceof TaxonomyError)) throw error;
      return {
        problems: [
          {
            file: error.file,
            severity: 'error',
            rule: 'taxonomy/invalid',
            message: error.message,
            fix: 'fix the taxonomy file: every article is checked against it',
          },
        ],
        halt: true,
      };
    }
    // A content folder with no articles builds no site: say so, rather than an empty one.
    return {
      problems: [...context.inventory.problems, ...(await bibliographyProblems(context.inventory))],
      halt: context.inventory.articles.length === 0,
    };
  },
};

async function bibliographyProblems(inventory: Inventory): Promise<Problem[]> {
  const { articleBibliographyFiles, loadBibliography } = await import('../../src/lib/bibliography.ts');
  const files = new Set<string>();
  for (const article of inventory.articles) {
    if (!article.publishable) continue;
    for (const file of articleBibliographyFiles(inventory.contentDir, article.file, article.data.bibliography))
      files.add(file);
  }
  if (files.size === 0) return [];
  const problems: Problem[] = [];
  for (const file of files) {
    const found = loadBibliography([file]).problems;
    // A missing file is reported where an article names it, with that article.
    for (const problem of found) {
      if (problem.rule !== 'bibliography/missing-file') problems.push(problem);
      else
        for (const article of inventory.articles)
          if (
            articleBibliographyFiles(inventory.contentDir, article.file, article.data.bibliography).includes(file) &&
            !fs.existsSync(file)
          )
            problems.push({ ...problem, file: article.file, line: 1, message: `bibliography: ${file} does not exist` });
    }
  }
  return problems;
}
