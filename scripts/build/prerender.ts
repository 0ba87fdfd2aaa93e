/**
 * Renders every Markdown article (and analyses every MDX article) into the article
 * renderer's cache before Astro runs, spread over one worker process per core. Astro
 * generates pages one at a time; on a cold build this is where the time goes (KaTeX,
 * Shiki), and it parallelizes perfectly. Unchanged articles are cache hits and cost a file
 * read. Every article's problems come back as data; a worker that dies is reported with
 * the article it was rendering.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Problem } from '../../src/lib/problems.ts';
import { childEnv } from '../../src/settings.ts';
import { remoteOrigins } from '../../src/sources/remote-origins.ts';
import type { BuildContext, Stage } from './stage.ts';

/** What a worker sends: each file as it starts it, and its problems when all are done. */
export type WorkerMessage = { started: string } | { problems: Problem[] };

function renderShare(files: string[], root: string): Promise<{ problems: Problem[]; crashed: Problem | undefined }> {
  return new Promise((resolve) => {
    let problems: Problem[] | undefined;
    let current: string | undefined;
    const child = fork(path.join(root, 'scripts/build/prerender-worker.ts'), [], {
      env: childEnv(),
      execArgv: ['--disable-warning=ExperimentalWarning'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // The file list goes over IPC: for 10,000 articles it is too long for the environment.
    child.send({ files });
    child.on('message', (message: WorkerMessage) => {
      if ('started' in message) current = message.started;
      else problems = message.problems;
    });
    child.on('exit', (code, signal) => {
      const crashed: Problem | undefined =
        problems === undefined
          ? {
              file: current ?? files[0] ?? 'articles',
              severity: 'error',
              rule: 'render/crash',
              message: `the renderer stopped (${signal ?? `exit code ${code}`}) while rendering this article; it was not published`,
              fix: 'look for what is unusually large or deep in it (a huge formula or code block, deeply nested lists or macros) and split or simplify it',
            }
          : undefined;
      resolve({ problems: problems ?? [], crashed });
    });
  });
}

/** One line for the whole site: the other sites its articles load images and embeds from. */
function remoteWarning(uses: Map<string, number>, refused: boolean): Problem {
  const list = [...uses]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([origin, count]) => `${origin} (${count} article${count > 1 ? 's' : ''})`);
  return {
    file: '',
    page: 'remote content',
    severity: 'warning',
    rule: 'site/remote-origins',
    message: `articles load images or embeds from ${uses.size} other site${uses.size > 1 ? 's' : ''}, which the Content-Security-Policy now allows: ${list.join(', ')}`,
    fix: refused
      ? 'remote images are refused (KB_REMOTE_IMAGES=error): see the problems of each article'
      : 'to publish a self-contained site, save the images next to the articles; KB_REMOTE_IMAGES=error makes each one an error',
  };
}

export const prerenderStage: Stage = {
  name: 'rendering articles (cached, one worker per core)',
  async run(context: BuildContext) {
    const files = (context.inventory?.articles ?? [])
      .filter((article) => article.publishable)
      .map((article) => article.file);
    const workers = Math.max(1, Math.min(os.availableParallelism(), Math.ceil(files.length / 50)));
    const shares = Array.from({ length: workers }, (_, i) => files.filter((_, index) => index % workers === i));
    const results = await Promise.all(shares.map((share) => renderShare(share, context.settings.root)));
    context.log(`${files.length} articles ready (${workers} worker${workers > 1 ? 's' : ''})`);
    const problems = results.flatMap((result) =>
      result.crashed ? [...result.problems, result.crashed] : result.problems,
    );
    const remote = await remoteOrigins();
    if (remote.uses.size > 0) problems.push(remoteWarning(remote.uses, context.settings.remoteImages === 'error'));
    return { problems };
  },
};
