/**
 * `npm run bench:readme [-- bench-results/bench-1000.json …]`: writes the figures of real
 * benchmark runs into README.md's Performance section (between its marker comments), from
 * the reports named, or every bench-results/bench-*.json that `npm run bench` wrote. Run it after the benchmark, on
 * the machine the figures are for, and commit the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { settings } from '../src/settings.ts';
import { readmeBlock, replaceReadmeBlock } from './bench/readme.ts';
import type { BenchReport } from './bench/report.ts';

const results = path.join(settings.root, 'bench-results');
// Files named on the command line, or every report `npm run bench` wrote (a smoke run's
// too: name the files, or empty bench-results/, to leave one out).
const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = named.length
  ? named.map((file) => path.resolve(file))
  : fs.existsSync(results)
    ? fs
        .readdirSync(results)
        .filter((name) => /^bench-\d+(-dev)?\.json$/.test(name))
        .map((name) => path.join(results, name))
    : [];
if (files.length === 0) {
  console.error('[bench:readme] no bench-results/bench-*.json: run `npm run bench` first');
  process.exit(2);
}
const reports = files.map((name) => {
  const report = JSON.parse(fs.readFileSync(name, 'utf8')) as BenchReport;
  // Files from before the goals report have none of its fields: say so rather than print nonsense.
  if (!Array.isArray(report.goals) || typeof report.command !== 'string') {
    console.error(`[bench:readme] ${path.relative(process.cwd(), name)} is from an older benchmark; run it again`);
    process.exit(2);
  }
  return report;
});
const readme = path.join(settings.root, 'README.md');
fs.writeFileSync(readme, replaceReadmeBlock(fs.readFileSync(readme, 'utf8'), readmeBlock(reports)));
console.log(
  `[bench:readme] README.md updated from ${files.map((name) => path.relative(process.cwd(), name)).join(', ')}`,
);
