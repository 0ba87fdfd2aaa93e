import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import YAML from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const repo = path.resolve(import.meta.dirname, '../../..');
const workflow = YAML.parse(fs.readFileSync(path.join(repo, '.github/workflows/pages.yml'), 'utf8')) as {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
};

it('the GitHub Pages workflow builds with the whole history and the restored build cache, under the repository path, and deploys dist/', () => {
  expect(workflow.on.push.branches).toEqual(['main']);
  expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  const steps = workflow.jobs.build!.steps;
  const uses = (name: string) => steps.find((step) => step.uses?.startsWith(name));
  expect(uses('actions/checkout')?.with).toMatchObject({ 'fetch-depth': 0 });
  expect(steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
  const build = steps.find((step) => step.run === 'npm run build')!;
  // The cache the build writes is the one restored and saved, so only changed articles are rendered.
  expect(uses('actions/cache')?.with).toMatchObject({ path: build.env!.KB_CACHE_DIR, 'restore-keys': 'kb-cache-' });
  expect(build.env).toMatchObject({
    KB_CACHE_DIR: '.kb-cache',
    KB_BASE: '/${{ github.event.repository.name }}/',
    KB_SITE_URL: 'https://${{ github.repository_owner }}.github.io',
    KB_REPO_URL: '${{ github.server_url }}/${{ github.repository }}',
  });
  expect(uses('actions/upload-pages-artifact')?.with).toEqual({ path: 'dist' });
  expect(workflow.jobs.deploy!.needs).toBe('build');
  expect(workflow.jobs.deploy!.steps.some((step) => step.uses?.startsWith('actions/deploy-pages'))).toBe(true);
});
