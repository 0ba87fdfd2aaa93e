/**
 * The goals of issue #14, each with its target, judged on one benchmark run: what the
 * report prints as "met" or "missed". Ratios are taken within a run (an incremental
 * build over the same run's cold build; our cold build over Hugo + Pagefind's), then the
 * median over runs, so a machine that is slow or loaded for the whole run still gives a
 * fair figure.
 *
 * Every goal is listed on every run, so a reader sees what a run left out and how to
 * measure it. Goals set for one corpus size (10,000 articles for time, memory and the
 * first search; 1,000 for the authoring loop) are judged only on a run of that size: a
 * run of another size shows its figure as "indicative", never as met or missed.
 *
 * Pure: bench.ts measures, this judges, report.ts formats.
 */
import type { ScenarioId } from './scenarios.ts';

export type Verdict = 'met' | 'missed' | 'indicative' | 'not measured';

export interface Goal {
  goal: string;
  measured: string;
  target: string;
  verdict: Verdict;
  /** Why the verdict is what it is, when the figure alone does not say (size, how to measure it). */
  note?: string;
}

/** A scenario with a target of the issue, measured or not in this run. */
export interface ScenarioGoal {
  id: ScenarioId;
  label: string;
  target: number;
  /** Median over runs of the rebuild ÷ the same run's cold build; undefined when not run. */
  ratio: number | undefined;
}

export interface GoalInputs {
  articles: number;
  /** Median over runs of our cold build ÷ Hugo + Pagefind's. */
  coldVsHugo: number | undefined;
  /** Why there is no Hugo column, when there is none (no hugo on PATH, --no-hugo). */
  hugoMissing?: string;
  scenarios: ScenarioGoal[];
  coldSeconds: number | undefined;
  coldPeakMiB: number | undefined;
  firstSearchCompressedBytes: number | undefined;
  authoringLoopSeconds: number | undefined;
  /** Articles the authoring loop ran with (its corpus), when it ran. */
  authoringLoopArticles?: number | undefined;
  /** After the edits, the incremental output compared with a cold build of the same content. */
  identical: { files: number; differences: string[] } | undefined;
}

export const TARGETS = {
  coldVsHugo: 3,
  coldSeconds: 600,
  peakMiB: 6 * 1024,
  firstSearchBytes: 130_000,
  authoringLoopSeconds: 2,
  /** The corpus size of the time, memory and search goals. */
  largeArticles: 10_000,
  /** The corpus size of the authoring loop goal. */
  authoringArticles: 1_000,
} as const;

export const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const judge = (value: number | undefined, limit: number): Verdict =>
  value === undefined ? 'not measured' : value <= limit ? 'met' : 'missed';
const thousands = (value: number) => value.toLocaleString('en-US');

/**
 * A goal set for `size` articles: judged on a run of that size, indicative on another
 * (the figure is shown, with whether it is within the target at this size).
 */
function sized(
  goal: Omit<Goal, 'verdict' | 'note'>,
  value: number | undefined,
  limit: number,
  articles: number,
  size: number,
  howToMeasure: string,
): Goal {
  if (value === undefined) return { ...goal, verdict: 'not measured', note: howToMeasure };
  if (articles === size) return { ...goal, verdict: judge(value, limit) };
  const within = value <= limit ? 'within' : 'over';
  return {
    ...goal,
    verdict: 'indicative',
    note: `${within} the target at ${thousands(articles)} articles; judged at ${thousands(size)} (${howToMeasure})`,
  };
}

export function judgeGoals(inputs: GoalInputs): Goal[] {
  const { articles } = inputs;
  const goals: Goal[] = [];
  for (const scenario of inputs.scenarios)
    goals.push({
      goal: `${scenario.label}: rebuild ÷ cold build`,
      measured: scenario.ratio === undefined ? '–' : times(scenario.ratio),
      target: `≤ ${scenario.target.toFixed(2)}×`,
      verdict: judge(scenario.ratio, scenario.target),
      ...(scenario.ratio === undefined ? { note: `add --scenario ${scenario.id}` } : {}),
    });
  goals.push({
    goal: 'cold build ÷ Hugo + Pagefind (same corpus, same run)',
    measured: inputs.coldVsHugo === undefined ? '–' : times(inputs.coldVsHugo),
    target: `≤ ${TARGETS.coldVsHugo}×`,
    verdict: judge(inputs.coldVsHugo, TARGETS.coldVsHugo),
    ...(inputs.coldVsHugo === undefined && inputs.hugoMissing ? { note: inputs.hugoMissing } : {}),
  });
  const large = `npm run bench -- --n ${TARGETS.largeArticles}`;
  goals.push(
    sized(
      {
        goal: `cold build of ${thousands(TARGETS.largeArticles)} articles`,
        measured: inputs.coldSeconds === undefined ? '–' : `${inputs.coldSeconds.toFixed(1)} s`,
        target: `≤ ${TARGETS.coldSeconds} s`,
      },
      inputs.coldSeconds,
      TARGETS.coldSeconds,
      articles,
      TARGETS.largeArticles,
      large,
    ),
    sized(
      {
        goal: 'peak RSS of the cold build, whole process tree (Pagefind included)',
        measured: inputs.coldPeakMiB === undefined ? '–' : `${(inputs.coldPeakMiB / 1024).toFixed(2)} GiB`,
        target: `≤ ${TARGETS.peakMiB / 1024} GiB`,
      },
      inputs.coldPeakMiB,
      TARGETS.peakMiB,
      articles,
      TARGETS.largeArticles,
      large,
    ),
    sized(
      {
        goal: 'first search in the header box, compressed',
        measured:
          inputs.firstSearchCompressedBytes === undefined
            ? '–'
            : `${(inputs.firstSearchCompressedBytes / 1000).toFixed(1)} kB`,
        target: `≤ ${TARGETS.firstSearchBytes / 1000} kB`,
      },
      inputs.firstSearchCompressedBytes,
      TARGETS.firstSearchBytes,
      articles,
      TARGETS.largeArticles,
      large,
    ),
    sized(
      {
        goal: 'authoring loop: save an article with math → new text and formula visible in `npm run dev` (median)',
        measured: inputs.authoringLoopSeconds === undefined ? '–' : `${inputs.authoringLoopSeconds.toFixed(2)} s`,
        target: `≤ ${TARGETS.authoringLoopSeconds} s`,
      },
      inputs.authoringLoopSeconds,
      TARGETS.authoringLoopSeconds,
      inputs.authoringLoopArticles ?? articles,
      TARGETS.authoringArticles,
      `npm run bench -- --n ${TARGETS.authoringArticles} --scenario dev`,
    ),
  );
  const same = inputs.identical;
  goals.push({
    goal: 'output after the edits byte-identical to a cold build of the same content',
    measured:
      same === undefined
        ? '–'
        : same.differences.length === 0
          ? `${thousands(same.files)} files identical`
          : `${same.differences.length} of ${thousands(same.files)} files differ`,
    target: 'identical',
    verdict: same === undefined ? 'not measured' : same.differences.length === 0 ? 'met' : 'missed',
    ...(same === undefined
      ? { note: 'runs after build scenarios unless --no-verify' }
      : same.differences.length
        ? { note: `first: ${same.differences.slice(0, 5).join(', ')}` }
        : {}),
  });
  return goals;
}
