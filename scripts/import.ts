/**
 * `npm run import -- --from jekyll|hugo|docsify|mkdocs|obsidian|quarto <source> <dest>`:
 * converts a site or vault written for another tool into a content folder this site
 * builds (`KB_CONTENT_DIR=<dest> npm run build`), without touching the source, and prints
 * what it converted and what it could not, with `file:line`. The converters are in
 * scripts/import/, one per tool; scripts/import/run.ts does what they share.
 */
import path from 'node:path';
import { ImportError, importNotes } from './import/run.ts';
import { TOOLS, type SourceTool } from './import/site.ts';

const USAGE = `usage: npm run import -- --from ${TOOLS.join('|')} <source> <dest>`;

const args = process.argv.slice(2);
const fromAt = args.indexOf('--from');
const from = fromAt >= 0 ? args[fromAt + 1] : undefined;
const positional = args.filter((_, index) => index !== fromAt && index !== fromAt + 1);
const [source, dest] = positional;
if (!from || !source || !dest || positional.length !== 2) {
  console.error(USAGE);
  process.exit(2);
}
if (!(TOOLS as readonly string[]).includes(from)) {
  console.error(`--from ${from}: not a tool the import knows; one of ${TOOLS.join(', ')}\n${USAGE}`);
  process.exit(2);
}

try {
  const started = Date.now();
  const result = importNotes({ from: from as SourceTool, source, dest });
  console.log(result.report.format());
  console.log(
    `\nImported ${result.articles.length} article${result.articles.length === 1 ? '' : 's'} and ${result.assets.length} file${result.assets.length === 1 ? '' : 's'} from ${source} (${from}) into ${dest} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  console.log(`Full report: ${path.join(dest, 'import-report.json')}`);
  console.log(`Build it:    KB_CONTENT_DIR=${path.resolve(dest)} npm run build`);
} catch (error) {
  if (error instanceof ImportError) {
    console.error(`import: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
