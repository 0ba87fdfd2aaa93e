import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexSlugs, listArticleFiles, slugFromPath, slugProblem } from '../../../src/lib/slugs.ts';

describe('slugs', () => {
  it('come from the file name, not the folder', () => {
    expect(slugFromPath('ssm/hippo.md')).toBe('hippo');
    expect(slugFromPath('a/b/rope-extension.mdx')).toBe('rope-extension');
  });

  it('must be ASCII kebab case', () => {
    expect(slugProblem('rope-2d')).toBeUndefined();
    expect(slugProblem('旋转位置编码')).toMatch(/rename the file/);
    expect(slugProblem('Rope_Ext')).toBeDefined();
  });

  it('refuse two files with the same slug, naming both', () => {
    expect(() => indexSlugs(['a/rope.md', 'b/rope.mdx'])).toThrow(/duplicate slug "rope": articles\/a\/rope\.md and articles\/b\/rope\.mdx/);
  });

  it('list md and mdx files below the folder, skipping drafts folders starting with _ or .', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-slugs-'));
    fs.mkdirSync(path.join(dir, 'x'));
    fs.mkdirSync(path.join(dir, '_private'));
    for (const file of ['a.md', 'x/b.mdx', 'x/c.txt', '_private/d.md']) fs.writeFileSync(path.join(dir, file), '');
    expect(listArticleFiles(dir)).toEqual(['a.md', 'x/b.mdx']);
  });
});
