/**
 * Every ```python runnable block in the library runs, alone, with python3 + numpy, and
 * exits cleanly. The blocks check themselves with asserts, so a wrong derivation in the
 * code fails here. The blocks are the ones the Markdown pipeline found (article facts).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFacts } from '../../src/markdown/article-renderer.ts';
import { inventory } from '../../src/sources/inventory.ts';

/** A python3 that has numpy: the one on PATH, else Debian's (python3-numpy). */
function pythonWithNumpy(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import numpy'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('no python3 with numpy found: install it (Debian: apt-get install python3-numpy)');
}

function run(python: string, code: string): Promise<{ status: number | null; output: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-run-')), 'block.py');
  fs.writeFileSync(file, code);
  return new Promise((resolve) => {
    // A guard against a block that hangs, not a speed check: the blocks run concurrently on a
    // shared 2-core machine, where one that takes 10 s alone can take a minute or more.
    const child = spawn(python, [file], { env: { ...process.env, PYTHONHASHSEED: '0' }, timeout: 300_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

const blocks: { file: string; index: number; line: number; code: string }[] = [];
for (const article of inventory().articles) {
  const { facts } = await articleFacts(article.file);
  facts.runnable.forEach((block, index) => blocks.push({ file: article.relativePath, index, line: block.line, code: block.code }));
}

describe('runnable code in the library', () => {
  it('has runnable blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(30);
  });

  const python = pythonWithNumpy();
  describe.concurrent.each(blocks)('$file block $index (line $line)', ({ code }) => {
    it('runs without error', async () => {
      const { status, output } = await run(python, code);
      expect(status, output.slice(-3000)).toBe(0);
    }, 330_000);
  });
});
