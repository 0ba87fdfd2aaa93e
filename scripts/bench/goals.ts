/**
 * The goals of issue #14, each with its target, judged on one benchmark run: what the
 * report prints as "met" or "missed". Ratios are taken within a run (an incremental
 * build over the same run's cold build; our cold build over Hugo + Pagefind's), then the
 * median over runs, so a machine that is slow or loaded for the whole run still gives a
 * fair figure. The 10,000-article goals are judged only on a run of that size; a smaller
 * run shows its figure marked as indicative.
 */
import type { ScenarioId } from './scenarios.ts';

export type Verdict = 'met' | 'missed' | 'not measured' | 'no target';

export interface Goal {
  goal: string;
  measured: string;
  target: string;
  verdict: Verdict;
  /** Why the verdict is not final (a smaller corpus than the goal's), if it is not. */
  note?: string;
}

export interface GoalInputs {
  articles: number;
  /** Median over runs of our cold build ÷ Hugo + Pagefind's, undefined without Hugo. */
  coldVsHugo: number | undefined;
  /** Median over runs of each scenario's rebuild ÷ the same run's cold build. */
  scenarioRatios: { id: ScenarioId; label: string; ratio: number; target: number | undefined }[];
  coldSeconds: number | undefined;
  coldPeakMiB: number | undefined;
  firstSearchCompressedBytes: number | undefined;
  authoringLoopSeconds: number | undefined;
}

export const TARGETS = {
  coldVsHugo: 3,
  coldSeconds10k: 600,
  peakMiB10k: 6 * 1024,
  firstSearchBytes: 130_000,
  authoringLoopSeconds: 2,
  goalArticles: 10_000,
} as const;

const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const judge = (value: number | undefined, limit: number): Verdict =>
  value === undefined ? 'not measured' : value <= limit ? 'met' : 'missed';

export function judgeGoals(inputs: GoalInputs): Goal[] {
  const goals: Goal[] = [];
  goals.push({
    goal: 'cold build ÷ Hugo + Pagefind (same corpus, same run)',
    measured: inputs.coldVsHugo === undefined ? '– (no hugo on PATH)' : times(inputs.coldVsHugo),
    target: `≤ ${TARGETS.coldVsHugo}×`,
    verdict: judge(inputs.coldVsHugo, TARGETS.coldVsHugo),
  });
  for (const scenario of inputs.scenarioRatios) {
    goals.push({
      goal: `${scenario.label}: rebuild ÷ cold build`,
      measured: times(scenario.ratio),
      target: scenario.target === undefined ? '—' : `≤ ${scenario.target.toFixed(2)}×`,
      verdict: scenario.target === undefined ? 'no target' : judge(scenario.ratio, scenario.target),
    });
  }
  const atGoalSize = inputs.articles >= TARGETS.goalArticles;
  const note = atGoalSize ? undefined : `indicative: this run has ${inputs.articles} articles, the goal is for 10,000`;
  goals.push(
    {
      goal: 'cold build of 10,000 articles',
      measured: inputs.coldSeconds === undefined ? '–' : `${inputs.coldSeconds.toFixed(1)} s`,
      target: `≤ ${TARGETS.coldSeconds10k} s`,
      verdict: judge(inputs.coldSeconds, TARGETS.coldSeconds10k),
      ...(note ? { note } : {}),
    },
    {
      goal: 'peak RSS of the cold build, whole process tree (Pagefind included)',
      measured: inputs.coldPeakMiB === undefined ? '–' : `${(inputs.coldPeakMiB / 1024).toFixed(2)} GiB`,
      target: '≤ 6 GiB',
      verdict: judge(inputs.coldPeakMiB, TARGETS.peakMiB10k),
      ...(note ? { note } : {}),
    },
    {
      goal: 'first search in the header box, compressed',
      measured:
        inputs.firstSearchCompressedBytes === undefined
          ? '–'
          : `${(inputs.firstSearchCompressedBytes / 1000).toFixed(1)} kB`,
      target: '≤ 130 kB',
      verdict: judge(inputs.firstSearchCompressedBytes, TARGETS.firstSearchBytes),
      ...(note ? { note } : {}),
    },
    {
      goal: 'authoring loop: save → new text visible in `npm run dev` (median)',
      measured:
        inputs.authoringLoopSeconds === undefined
          ? '– (run with --scenario dev)'
          : `${inputs.authoringLoopSeconds.toFixed(2)} s`,
      target: `≤ ${TARGETS.authoringLoopSeconds} s`,
      verdict: judge(inputs.authoringLoopSeconds, TARGETS.authoringLoopSeconds),
      ...(inputs.articles === 1000 || inputs.authoringLoopSeconds === undefined
        ? {}
        : { note: `indicative: measured with ${inputs.articles} articles, the goal is for 1,000` }),
    },
  );
  return goals;
}
