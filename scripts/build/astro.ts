/**
 * `astro build` into the staging folder, in a child process. Its output is shown as it
 * comes; the content problems it saw come back as data (src/integrations/content-problems.ts
 * writes them to a file this stage names), never scraped from its text. If Astro fails
 * without naming a content problem, that is reported with the end of its output.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../src/lib/problems.ts';
import { childEnv } from '../../src/settings.ts';
import type { BuildContext, Stage } from './stage.ts';

export const astroStage: Stage = {
  name: 'astro build',
  async run(context: BuildContext) {
    const problemsFile = path.join(context.workDir, `problems-${process.pid}.json`);
    fs.rmSync(problemsFile, { force: true });
    const tail: string[] = [];
    const status = await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(context.settings.root, 'node_modules/astro/bin/astro.mjs'), 'build'],
        {
          cwd: context.settings.root,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: childEnv({
            KB_OUT_DIR: context.stagingDir,
            KB_CACHE_DIR: context.settings.cacheDir,
            KB_SOURCES_CHECKED: '1',
            KB_PROBLEMS_FILE: problemsFile,
            ASTRO_TELEMETRY_DISABLED: '1',
          }),
        },
      );
      const keep = (chunk: Buffer, stream: NodeJS.WriteStream) => {
        stream.write(chunk);
        tail.push(chunk.toString('utf8'));
        if (tail.length > 200) tail.shift();
      };
      child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
      child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
      child.on('close', (code) => resolve(code ?? 1));
    });
    const problems: Problem[] = fs.existsSync(problemsFile)
      ? (JSON.parse(fs.readFileSync(problemsFile, 'utf8')) as Problem[])
      : [];
    fs.rmSync(problemsFile, { force: true });
    if (status === 0) return { problems };
    const output = tail
      .join('')
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trim()
      .split('\n')
      .slice(-15)
      .join('\n');
    problems.push({
      file: '',
      page: 'astro build',
      severity: 'error',
      rule: 'build/astro',
      message: `astro build failed (exit code ${status}); the end of its output:\n${output}`,
      fix: 'if it names an article, fix that; otherwise this is a problem of the site code',
    });
    return { problems, halt: true };
  },
};
