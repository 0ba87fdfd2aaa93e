// Renders every Markdown article into the article renderer's cache before Astro runs,
// spread over one worker process per core. Astro generates pages one at a time; on a
// cold build this is where the time goes (KaTeX, Shiki), and it parallelizes perfectly.
// Unchanged articles are cache hits and cost a file read.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function markdownFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.name.startsWith('_') && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

export async function prerenderArticles(contentDir, env) {
  const files = markdownFiles(path.join(contentDir, 'articles'));
  const workers = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, Math.ceil(files.length / 50)));
  const shares = Array.from({ length: workers }, (_, i) => files.filter((_, index) => index % workers === i));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve) => {
          let errors = [];
          const child = fork(path.resolve('scripts/lib/prerender-worker.mjs'), [], {
            env,
            execArgv: ['--disable-warning=ExperimentalWarning'],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          // The file list goes over IPC: for 10,000 articles it is too long for the environment.
          child.send({ files: share });
          child.on('message', (message) => (errors = message.errors ?? []));
          child.on('exit', (code) => resolve({ code, errors }));
        }),
    ),
  );
  return {
    files: files.length,
    workers,
    errors: results.flatMap((result) => result.errors),
    crashed: results.some((result) => result.code !== 0),
  };
}
