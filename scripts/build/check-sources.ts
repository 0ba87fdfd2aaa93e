/**
 * The first stage: the article inventory (every file read and checked as written: encoding,
 * size, frontmatter, slugs), before anything renders. Later stages work from the
 * inventory it takes; a taxonomy file that cannot be read stops the build here, since
 * every article's category is checked against it.
 */
import { TaxonomyError } from '../../src/lib/taxonomy.ts';
import { inventory } from '../../src/sources/inventory.ts';
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
    return { problems: context.inventory.problems, halt: context.inventory.articles.length === 0 };
  },
};
