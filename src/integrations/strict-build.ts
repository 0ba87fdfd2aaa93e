/**
 * Turns content errors into a failed build. Astro's content layer only logs an article
 * that failed to render and publishes it empty; a strict knowledge base must not.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { recordedContentErrors } from '../markdown/source-error.ts';

function failOnErrors(stage: string, cacheDir: URL | undefined): void {
  const errors = [...new Set(recordedContentErrors())];
  if (errors.length === 0) return;
  // The content layer stored the failed entries as rendered-empty and would reuse them on
  // the next build without reporting them again: drop its store so they are re-rendered.
  if (cacheDir) fs.rmSync(fileURLToPath(new URL('data-store.json', cacheDir)), { force: true });
  const list = errors.map((error) => `  ✗ ${error}`).join('\n');
  throw new Error(`${errors.length} content error(s) found ${stage}; nothing was published:\n${list}`);
}

export default function strictBuild(): AstroIntegration {
  let cacheDir: URL | undefined;
  return {
    name: 'kb-strict-build',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
      'astro:build:start': () => failOnErrors('while reading articles', cacheDir),
      'astro:build:generated': () => failOnErrors('while rendering pages', cacheDir),
    },
  };
}
