/**
 * `npm run build [-- --max-problems N]`: builds the site as named stages (check sources,
 * render articles, Astro beside the social cards, search index beside HTML validation, the
 * cards' files and the Markdown copies, security headers, site checks), each starting when
 * the stages it needs are done and returning the problems it found. A content problem
 * never stops the build early: every stage runs, one reporter prints every problem grouped
 * by file (and writes them all to kb-problems.json next to the output folder), and only a
 * build without errors is swapped into place. A failed build leaves the previous site
 * untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../src/lib/problems.ts';
import { settings } from '../src/settings.ts';
import { astroStage } from './build/astro.ts';
import { checkSourcesStage } from './build/check-sources.ts';
import { buildFingerprint, isUpToDate, recordBuild } from './build/fingerprint.ts';
import { prepareOutput } from './build/output.ts';
import { prerenderStage } from './build/prerender.ts';
import { applyLeniency, formatReport, headline, summarise, writeReport } from './build/report.ts';
import { htmlValidationStage, searchIndexStage, securityHeadersStage, siteChecksStage } from './build/site-stages.ts';
import { markdownCopiesStage } from './build/markdown-copies.ts';
import { cardFilesStage, socialCardsStage } from './build/social-cards.ts';
import type { BuildContext, Stage } from './build/stage.ts';
import { option } from './lib/cli.ts';

/**
 * The stages and what each needs finished first; each starts as soon as those have, so
 * stages run side by side wherever they can, and the site is swapped in when all are
 * done. The social cards are drawn at the lowest CPU priority from the start, in what the
 * other stages leave idle; only the copying of the cards into the site waits for them.
 */
const STAGES: { stage: Stage; after: Stage[] }[] = [
  { stage: checkSourcesStage, after: [] },
  { stage: prerenderStage, after: [checkSourcesStage] },
  { stage: astroStage, after: [prerenderStage] },
  { stage: socialCardsStage, after: [checkSourcesStage] },
  { stage: searchIndexStage, after: [astroStage] },
  { stage: htmlValidationStage, after: [astroStage] },
  { stage: cardFilesStage, after: [astroStage, socialCardsStage] },
  { stage: markdownCopiesStage, after: [astroStage] },
  { stage: securityHeadersStage, after: [searchIndexStage, htmlValidationStage, markdownCopiesStage] },
  { stage: siteChecksStage, after: [securityHeadersStage] },
];

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (message: string) => console.log(`[kb] ${message}`);

const maxProblems = Number(option('max-problems', 'Infinity'));

const shown = (dir: string) => path.relative(process.cwd(), dir) || dir;
const reportFile = path.join(path.dirname(settings.outDir), 'kb-problems.json');

const fingerprint = buildFingerprint(settings);
if (isUpToDate(settings, fingerprint)) {
  // The warnings of that build still stand: show them again.
  if (fs.existsSync(reportFile))
    console.log(
      formatReport(
        summarise((JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { problems: Problem[] }).problems),
        maxProblems,
      ),
    );
  log(`nothing changed since the last build: ${shown(settings.outDir)}/ is up to date (KB_FORCE=1 rebuilds anyway)`);
  process.exit(0);
}

const output = prepareOutput(settings.outDir, path.join(settings.cacheDir, 'kb-retired'));
const context: BuildContext = {
  settings,
  stagingDir: output.stagingDir,
  workDir: output.workDir,
  inventory: undefined,
  log,
};
const found: Problem[] = [];
let halted = false;
const runs = new Map<Stage, Promise<void>>();
/** Runs a stage once, after what it needs; none starts once a stage has halted the build. */
function run(stage: Stage): Promise<void> {
  let running = runs.get(stage);
  if (!running) {
    const { after } = STAGES.find((entry) => entry.stage === stage)!;
    running = Promise.all(after.map(run)).then(async () => {
      if (halted) return;
      console.log(`\n[kb] ${stage.name} (${seconds()} s)`);
      const result = await stage.run(context);
      found.push(...result.problems);
      halted ||= Boolean(result.halt);
    });
    runs.set(stage, running);
  }
  return running;
}
await Promise.all(STAGES.map((entry) => run(entry.stage)));

const summary = summarise(applyLeniency(found, settings.lenient));
writeReport(summary, reportFile);
if (summary.errors > 0 || halted) {
  output.discard();
  console.error(`\n[kb] build failed: ${headline(summary)} (every one is listed in ${shown(reportFile)})`);
  console.error(formatReport(summary, maxProblems));
  console.error(`\n[kb] ${shown(settings.outDir)}/ was left as it was.`);
  process.exit(1);
}
output.swap();
recordBuild(settings, fingerprint);
if (summary.problems.length > 0) {
  const lenient = settings.lenient
    ? ' (KB_LENIENT=1: content errors are published as warnings and marked on the pages)'
    : '';
  console.log(`\n[kb] ${headline(summary)}${lenient}`);
  console.log(formatReport(summary, maxProblems));
}
log(`done: ${shown(settings.outDir)}/ is ready (${seconds()} s)`);
// An unused report from an earlier failed build would only mislead.
if (summary.problems.length === 0) fs.rmSync(reportFile, { force: true });
