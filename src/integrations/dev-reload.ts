/**
 * Under `astro dev`, a saved Markdown article whose frontmatter is as it was reloads the
 * open pages at once. Astro reloads them only when its content store changes, and writes the
 * store half a second after the last change (a fixed debounce), a quarter of the authoring
 * loop. The store holds the frontmatter only (src/content.config.ts), so a body edit does
 * not touch it; the page renders the body from the file itself
 * (src/markdown/article-renderer.ts), and the content loader has already taken the inventory
 * afresh, so the reloaded page shows the edit. A frontmatter edit is left to Astro's reload,
 * which comes once the store has the new values; reloading before would show the old ones.
 * MDX articles are modules, and Vite reloads them itself.
 *
 * It also keeps the watcher off the folders the site's own tools write into.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { settings } from '../settings.ts';
import { frontmatterBlock } from '../sources/frontmatter.ts';
import { inventory } from '../sources/inventory.ts';

/** Folders in the project that builds, tests and benchmarks write into. */
const WRITTEN_FOLDERS = ['dist', '.kb-build', '.kb-test', '.kb-bench', 'test-results', 'playwright-report'];

/**
 * What the dev server's watcher leaves out: the folders builds, tests and benchmarks write
 * into (the benchmark's alone holds tens of thousands of folders, which used up the system's
 * file watchers, after which no save was noticed), except the content folder wherever it is.
 */
function notSources(file: string): boolean {
  const resolved = path.resolve(file);
  if (resolved === settings.contentDir || resolved.startsWith(settings.contentDir + path.sep)) return false;
  const inProject = path.relative(settings.root, resolved);
  return WRITTEN_FOLDERS.includes(inProject.split(path.sep)[0]!);
}

export default function devReloadIntegration(): AstroIntegration {
  return {
    name: 'kb-dev-reload',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'dev') updateConfig({ vite: { server: { watch: { ignored: notSources } } } });
      },
      'astro:server:setup': ({ server }) => {
        const seen = new Map<string, string>();
        const read = (file: string) => {
          try {
            return fs.readFileSync(file, 'utf8');
          } catch {
            return undefined; // deleted, or being replaced
          }
        };
        for (const article of inventory().articles)
          if (article.format === 'md') seen.set(article.file, frontmatterBlock(read(article.file) ?? ''));
        server.watcher.on('change', (changed) => {
          const file = path.resolve(changed);
          if (!file.toLowerCase().endsWith('.md') || !file.startsWith(inventory().articlesDir + path.sep)) return;
          const text = read(file);
          if (text === undefined) return;
          // The frontmatter as the reader splits it off: what the content store holds.
          const frontmatter = frontmatterBlock(text);
          const before = seen.get(file);
          seen.set(file, frontmatter);
          if (before === frontmatter) server.hot.send({ type: 'full-reload' });
        });
      },
    },
  };
}
