/**
 * The Hugo + Pagefind column: the corpus built by Hugo with our minimal layouts
 * (scripts/bench/hugo: article, lists, tag pages; math left to KaTeX in the browser), then
 * indexed by `pagefind --site`, the way a Hugo site adds search. Hugo is the Debian package
 * (`apt-get install hugo`); Pagefind is the binary of the `pagefind` npm package we already
 * install (its platform package, @pagefind/<os>-<cpu>), so nothing is downloaded.
 *
 * Every folder Hugo writes is passed in (content, destination, cache, resources) and the
 * build lock is off, so a run leaves nothing inside the repository.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { childEnv, settings } from '../../src/settings.ts';
import { measure, succeeded, type Measurement } from '../lib/measure.ts';
import type { ColumnDirs } from './columns.ts';

const HUGO_SITE = path.join(settings.root, 'scripts/bench/hugo');

/** `hugo version`'s first line, or undefined when there is no `hugo` on PATH. */
export function hugoVersion(): string | undefined {
  const result = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().split('\n')[0] : undefined;
}

/**
 * The Pagefind executable the npm package runs (its wrapper, lib/runner/bin.cjs, looks
 * for the same files): called directly, so Node's start-up is not in Pagefind's time.
 */
export function pagefindBinary(): string {
  const require = createRequire(import.meta.url);
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${os.arch()}`;
  const suffix = process.platform === 'win32' ? '.exe' : '';
  for (const name of ['pagefind_extended', 'pagefind']) {
    try {
      return require.resolve(`@pagefind/${platform}/bin/${name}${suffix}`);
    } catch {
      // not this one
    }
  }
  throw new Error(`no Pagefind binary for ${platform} in node_modules/@pagefind (run npm ci)`);
}

/** Hugo, then Pagefind over Hugo's output; each timed on its own. */
export async function buildHugoSite(dirs: ColumnDirs): Promise<{ hugo: Measurement; pagefind: Measurement }> {
  const hugo = succeeded(
    'hugo',
    await measure(
      'hugo',
      [
        '--source',
        HUGO_SITE,
        '--contentDir',
        dirs.content,
        '--destination',
        dirs.out,
        '--cacheDir',
        dirs.cache,
        '--noBuildLock',
        '--quiet',
      ],
      // Hugo has no flag for its resources folder; without this it writes one into the site folder.
      { env: childEnv({ HUGO_RESOURCEDIR: path.join(dirs.scratch, 'resources') }) },
    ),
  );
  const pagefind = succeeded('pagefind --site', await measure(pagefindBinary(), ['--site', dirs.out]));
  return { hugo, pagefind };
}
