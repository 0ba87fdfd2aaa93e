import { describe, expect, it } from 'vitest';
import { slugFromPath, slugProblem } from '../../../src/lib/slugs.ts';

describe('slugs', () => {
  it('come from the file name, not the folder', () => {
    expect(slugFromPath('ssm/hippo.md')).toBe('hippo');
    expect(slugFromPath('a/b/rope-extension.mdx')).toBe('rope-extension');
  });

  it('must be ASCII kebab case', () => {
    expect(slugProblem('rope-2d')).toBeUndefined();
    expect(slugProblem('旋转位置编码')).toMatch(/does not make a URL slug/);
    expect(slugProblem('Rope_Ext')).toBeDefined();
  });
});
