/**
 * The benchmark's content: N generated articles from the team's shared generator
 * (../shared/bench/gen-corpus.mjs: deterministic, ~12 KB of Chinese prose with ~31
 * formulas and 3 code blocks per article), written once to .kb-bench/corpus-N and reused,
 * and a scratch copy of it per column and run, since the scenarios edit their copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { measure } from '../lib/measure.ts';

export interface Corpus {
  dir: string;
  articles: number;
}

/** The corpus of `n` articles under `benchRoot`, generated when it is not there yet. */
export async function ensureCorpus(
  benchRoot: string,
  generator: string,
  n: number,
  log: (message: string) => void,
): Promise<Corpus> {
  const dir = path.join(benchRoot, `corpus-${n}`);
  const articlesDir = path.join(dir, 'articles');
  // A folder with another count of articles is a half-written one: start again.
  if (fs.existsSync(articlesDir) && fs.readdirSync(articlesDir).length !== n) fs.rmSync(dir, { recursive: true });
  if (fs.existsSync(articlesDir)) {
    log(`reusing ${path.relative(process.cwd(), dir)}`);
    return { dir, articles: n };
  }
  if (!fs.existsSync(generator)) throw new Error(`the corpus generator ${generator} is missing`);
  log(`generating ${n} articles with ${path.relative(process.cwd(), generator)}`);
  const result = await measure(process.execPath, [generator, articlesDir, String(n)]);
  if (result.code !== 0) throw new Error(`corpus generation failed:\n${result.output}`);
  return { dir, articles: n };
}

/** A fresh copy of the corpus at `dir` (whatever an earlier run left there is removed). */
export function scratchCopy(corpus: Corpus, dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(corpus.dir, dir, { recursive: true });
  return dir;
}

/** Bytes of every file below `dir`. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}
