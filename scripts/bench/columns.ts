/**
 * The columns of `npm run bench`: what builds the same content folder, each in its own
 * folders (content copy, cache, output), so a column's caches never help another.
 * - site: this project's `npm run build` (scripts/build.ts), every stage;
 * - baseline: the bare Astro 7 site of scripts/bench/baseline (remark-math, rehype-katex,
 *   Shiki, one route), what Astro alone costs for the same Markdown;
 * - hugo: Hugo with the minimal layouts of scripts/bench/hugo, then `pagefind --site`
 *   (scripts/bench/hugo-site.ts), timed as two parts and their sum.
 * A build is cold when its cache and output folders are empty; the caller decides.
 */
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, settings } from '../../src/settings.ts';
import { measure, succeeded, type Measurement } from '../lib/measure.ts';
import { buildHugoSite } from './hugo-site.ts';

export type ColumnId = 'site' | 'baseline' | 'hugo';

/** The folders of one column in one run. */
export interface ColumnDirs {
  content: string;
  cache: string;
  out: string;
  /** Anything else the column's tools want to write (Hugo's resources). */
  scratch: string;
}

export interface TimedBuild {
  seconds: number;
  /** Peak resident memory of the whole process tree (the largest part's, for Hugo). */
  peakMiB: number;
  /** Seconds of each part when a column runs more than one tool. */
  parts: Record<string, number>;
}

export interface Column {
  id: ColumnId;
  label: string;
  build(dirs: ColumnDirs): Promise<TimedBuild>;
}

const astroEnv = (dirs: ColumnDirs) =>
  childEnv({
    KB_CONTENT_DIR: dirs.content,
    KB_CACHE_DIR: dirs.cache,
    KB_OUT_DIR: dirs.out,
    ASTRO_TELEMETRY_DISABLED: '1',
  });

const whole = (result: Measurement): TimedBuild => ({ seconds: result.seconds, peakMiB: result.peakMiB, parts: {} });

export const siteColumn: Column = {
  id: 'site',
  label: 'ML 知识库',
  async build(dirs) {
    const script = path.join(settings.root, 'scripts/build.ts');
    return whole(succeeded('the site build', await measure(process.execPath, [script], { env: astroEnv(dirs) })));
  },
};

export const baselineColumn: Column = {
  id: 'baseline',
  label: 'bare baseline',
  async build(dirs) {
    const astro = path.join(settings.root, 'node_modules/astro/bin/astro.mjs');
    const root = path.join(settings.root, 'scripts/bench/baseline');
    const result = await measure(process.execPath, [astro, 'build', '--root', root], { env: astroEnv(dirs) });
    return whole(succeeded('the baseline build', result));
  },
};

export const hugoColumn: Column = {
  id: 'hugo',
  label: 'Hugo + Pagefind',
  async build(dirs) {
    const { hugo, pagefind } = await buildHugoSite(dirs);
    return {
      seconds: hugo.seconds + pagefind.seconds,
      peakMiB: Math.max(hugo.peakMiB, pagefind.peakMiB),
      parts: { hugo: hugo.seconds, pagefind: pagefind.seconds },
    };
  },
};

/** Empties the cache and output folders, so the next build is cold. */
export function makeCold(dirs: ColumnDirs): void {
  for (const dir of [dirs.cache, dirs.out, dirs.scratch]) fs.rmSync(dir, { recursive: true, force: true });
}
