/**
 * One worker of the pre-render pool (prerender.ts): renders the articles it is sent into
 * the article renderer's cache and sends back every problem they have.
 */
import type { Problem } from '../../src/lib/problems.ts';
import { renderArticle } from '../../src/markdown/article-renderer.ts';
import type { WorkerMessage } from './prerender.ts';

// @astrojs/markdown-remark and unified print what they catch; the problems are reported
// once, clearly, by the build instead.
console.error = () => {};

const send = (message: WorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', async ({ files }: { files: string[] }) => {
  const problems: Problem[] = [];
  for (const file of files) {
    await send({ started: file });
    try {
      problems.push(...(await renderArticle(file)).problems);
    } catch (error) {
      // Not a problem the plugins know how to report: say so, with the article.
      problems.push({
        file,
        severity: 'error',
        rule: 'render/failed',
        message: `rendering failed: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'this is a bug of the site or an input it cannot handle: simplify the spot the message names, and report it',
      });
    }
  }
  await send({ problems });
  process.exit(0);
});
