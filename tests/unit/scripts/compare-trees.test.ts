/** The folder comparison behind the incremental-build test finds every kind of difference. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compareTrees, identical } from '../../../scripts/lib/compare-trees.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-compare-trees-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

it('finds no difference between equal folders', () => {
  const files = { 'index.html': '<p>a</p>', 'articles/x/index.html': '<p>x</p>' };
  expect(identical(compareTrees(tree('a1', files), tree('a2', files)))).toBe(true);
});

it('names files missing on either side and files whose bytes differ, nested ones included', () => {
  const first = tree('b1', { 'index.html': 'same', 'articles/gone/index.html': 'old', 'feed.xml': 'v1' });
  const second = tree('b2', { 'index.html': 'same', 'articles/new/index.html': 'new', 'feed.xml': 'v2' });
  const difference = compareTrees(first, second);
  expect(difference).toEqual({
    onlyInFirst: ['articles/gone/index.html'],
    onlyInSecond: ['articles/new/index.html'],
    differing: ['feed.xml'],
  });
  expect(identical(difference)).toBe(false);
});
