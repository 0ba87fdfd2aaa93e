/**
 * History from git on the bundled library: "最后更新" is the date of the last commit that
 * changed the file (the frontmatter's `updated` wins), and with a repository URL (the e2e
 * builds set one) every article links "edit this page" to its file and folds a list of
 * the commits that changed it, newest first, each linking to the commit. Expectations come
 * from git itself (`git log --follow` per file, another way than the build's one log).
 * A shallow checkout has no history to show: then the frontmatter alone is expected.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { bundledArticles } from './helpers.ts';
import { E2E_REPO_URL } from './sites.ts';

const git = (...args: string[]) => execFileSync('git', ['-c', 'core.quotepath=off', ...args], { encoding: 'utf8' });
const repoRoot = git('rev-parse', '--show-toplevel').trim();
const shallow = git('rev-parse', '--is-shallow-repository').trim() === 'true';
const commitsOf = (file: string) =>
  git('log', '--follow', '--format=%H%x1f%aI%x1f%s', '--', file)
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [hash = '', date = '', subject = ''] = line.split('\x1f');
      return { hash, date, subject };
    });

const articles = bundledArticles();
const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);

for (const slug of ['rope', 'writing-guide', 'bias-terms', 'poisson-processes']) {
  test(`${slug}: last updated from git (the frontmatter's wins), edit link and revision list`, async ({ page }) => {
    const article = articles.find((candidate) => candidate.slug === slug)!;
    const commits = shallow ? [] : commitsOf(article.file);
    await page.goto(`articles/${slug}/`);

    const updated = article.updated ?? (commits[0] ? day(commits[0].date) : undefined);
    const meta = page.locator('.article-header .article-meta');
    if (updated && updated > article.date) {
      await expect(meta.locator('.article-updated')).toHaveText(new RegExp(`(最后更新|Last updated)\\s*${updated}`));
      await expect(meta.locator('.article-updated time')).toHaveAttribute('datetime', updated);
    } else await expect(meta.locator('.article-updated')).toHaveCount(0);

    const history = page.locator('.article-history');
    if (shallow) return expect(history.locator('.revisions')).toHaveCount(0);
    const file = path.relative(repoRoot, article.file).split(path.sep).map(encodeURIComponent).join('/');
    await expect(history.getByRole('link', { name: /在 GitHub 上编辑|Edit this page/ })).toHaveAttribute(
      'href',
      `${E2E_REPO_URL}/edit/main/${file}`,
    );
    const revisions = history.locator('details.revisions');
    await expect(revisions).not.toHaveAttribute('open');
    await expect(revisions.locator('li').first()).toBeHidden();
    await revisions.locator('summary').click();
    await expect(revisions.locator('summary')).toContainText(String(commits.length));
    const items = revisions.locator('li');
    await expect(items).toHaveCount(commits.length);
    for (const [index, commit] of commits.entries()) {
      const item = items.nth(index);
      await expect(item.locator('time')).toHaveText(day(commit.date));
      await expect(item.getByRole('link')).toHaveText(commit.subject);
      await expect(item.getByRole('link')).toHaveAttribute('href', `${E2E_REPO_URL}/commit/${commit.hash}`);
    }
  });
}
