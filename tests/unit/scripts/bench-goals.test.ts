/**
 * The goals `npm run bench` reports: each of issue #14's targets, met or missed on a run
 * of the goal's corpus size, only indicative on another, and named with how to measure it
 * when a run left it out.
 */
import { describe, expect, it } from 'vitest';
import { judgeGoals, type Goal, type GoalInputs } from '../../../scripts/bench/goals.ts';

const scenarios: GoalInputs['scenarios'] = [
  { id: 'body', label: 'edit one body', target: 0.1, ratio: 0.04 },
  { id: 'formula', label: 'edit one formula', target: 0.1, ratio: 0.12 },
  { id: 'title', label: "change one article's title", target: 0.25, ratio: 0.2 },
  { id: 'new', label: 'add one new article', target: 0.1, ratio: undefined },
];

function inputs(overrides: Partial<GoalInputs> = {}): GoalInputs {
  return {
    articles: 10_000,
    coldVsHugo: 2.5,
    scenarios,
    coldSeconds: 480,
    coldPeakMiB: 5000,
    firstSearchCompressedBytes: 60_000,
    authoringLoopSeconds: 1.4,
    authoringLoopArticles: 1000,
    identical: { files: 12_345, differences: [] },
    ...overrides,
  };
}

const find = (goals: Goal[], start: string) => {
  const goal = goals.find((candidate) => candidate.goal.startsWith(start));
  if (!goal) throw new Error(`no goal starting with ${start}: ${goals.map((g) => g.goal).join(' | ')}`);
  return goal;
};

describe('rebuild ratios', () => {
  const goals = judgeGoals(inputs());

  it('meets a ratio at or under its target and misses one over it, target shown beside', () => {
    expect(find(goals, 'edit one body')).toMatchObject({ measured: '0.04×', target: '≤ 0.10×', verdict: 'met' });
    expect(find(goals, 'edit one formula')).toMatchObject({ measured: '0.12×', verdict: 'missed' });
    expect(find(goals, "change one article's title")).toMatchObject({ target: '≤ 0.25×', verdict: 'met' });
  });

  it('lists a scenario the run left out as not measured, with the option that measures it', () => {
    expect(find(goals, 'add one new article')).toMatchObject({
      measured: '–',
      verdict: 'not measured',
      note: 'add --scenario new',
    });
  });
});

describe('cold build against Hugo + Pagefind', () => {
  it('is met within 3× and missed beyond', () => {
    expect(find(judgeGoals(inputs({ coldVsHugo: 3 })), 'cold build ÷ Hugo').verdict).toBe('met');
    expect(find(judgeGoals(inputs({ coldVsHugo: 4.56 })), 'cold build ÷ Hugo')).toMatchObject({
      measured: '4.56×',
      target: '≤ 3×',
      verdict: 'missed',
    });
  });

  it('says why it was not measured when there is no Hugo', () => {
    const goal = find(
      judgeGoals(inputs({ coldVsHugo: undefined, hugoMissing: 'no `hugo` on PATH (apt-get install hugo)' })),
      'cold build ÷ Hugo',
    );
    expect(goal).toMatchObject({ verdict: 'not measured', note: 'no `hugo` on PATH (apt-get install hugo)' });
  });
});

describe('the 10,000-article goals', () => {
  it('are judged on a run of 10,000 articles', () => {
    const goals = judgeGoals(inputs({ coldSeconds: 700, coldPeakMiB: 5 * 1024, firstSearchCompressedBytes: 131_000 }));
    expect(find(goals, 'cold build of 10,000')).toMatchObject({
      measured: '700.0 s',
      target: '≤ 600 s',
      verdict: 'missed',
    });
    expect(find(goals, 'peak RSS')).toMatchObject({ measured: '5.00 GiB', target: '≤ 6 GiB', verdict: 'met' });
    expect(find(goals, 'first search')).toMatchObject({ measured: '131.0 kB', target: '≤ 130 kB', verdict: 'missed' });
  });

  it('are only indicative on a smaller run, never met, and say how to judge them', () => {
    const goals = judgeGoals(inputs({ articles: 1000, coldSeconds: 80 }));
    const cold = find(goals, 'cold build of 10,000');
    expect(cold.verdict).toBe('indicative');
    expect(cold.note).toBe('within the target at 1,000 articles; judged at 10,000 (npm run bench -- --n 10000)');
    const over = find(judgeGoals(inputs({ articles: 1000, coldPeakMiB: 7000 })), 'peak RSS');
    expect(over.verdict).toBe('indicative');
    expect(over.note).toMatch(/^over the target at 1,000 articles/);
  });
});

describe('the authoring loop', () => {
  it('is judged with 1,000 articles open in npm run dev, whatever the build corpus', () => {
    expect(find(judgeGoals(inputs({ authoringLoopSeconds: 2.4 })), 'authoring loop')).toMatchObject({
      measured: '2.40 s',
      target: '≤ 2 s',
      verdict: 'missed',
    });
  });

  it('is indicative with another corpus and names the command when not run', () => {
    expect(find(judgeGoals(inputs({ authoringLoopArticles: 100 })), 'authoring loop').verdict).toBe('indicative');
    const missing = find(
      judgeGoals(inputs({ authoringLoopSeconds: undefined, authoringLoopArticles: undefined })),
      'authoring loop',
    );
    expect(missing).toMatchObject({
      verdict: 'not measured',
      note: 'npm run bench -- --n 1000 --scenario dev',
    });
  });
});

describe('byte identity of the incremental output', () => {
  it('is met when no file differs from the cold build', () => {
    expect(find(judgeGoals(inputs()), 'output after the edits')).toMatchObject({
      measured: '12,345 files identical',
      verdict: 'met',
    });
  });

  it('is missed and names the first files that differ', () => {
    const goal = find(
      judgeGoals(
        inputs({ identical: { files: 10, differences: ['index.html', 'tags/x/index.html (only in the cold build)'] } }),
      ),
      'output after the edits',
    );
    expect(goal).toMatchObject({ measured: '2 of 10 files differ', verdict: 'missed' });
    expect(goal.note).toContain('tags/x/index.html (only in the cold build)');
  });
});
