import { describe, expect, it } from 'vitest';
import { slugFromPath, slugify, slugProblem, termId } from '../../../src/lib/slugs.ts';

describe('slugs', () => {
  it('come from the file name, not the folder', () => {
    expect(slugFromPath('ssm/hippo.md')).toBe('hippo');
    expect(slugFromPath('a/b/rope-extension.mdx')).toBe('rope-extension');
  });

  it('take any name, readable: Unicode kept, spaces, dots and brackets made hyphens', () => {
    expect(slugify('第一章 NLP基础概念')).toBe('第一章-nlp基础概念');
    expect(slugify('6.4[WIP] 偏好对齐')).toBe('6-4-wip-偏好对齐');
    expect(slugify('Optional Stopping Theorem')).toBe('optional-stopping-theorem');
    expect(slugify('value_function')).toBe('value_function');
    expect(slugFromPath('chapter6/README.md')).toBe('chapter6');
    expect(slugFromPath('docs/chapter7/index.md')).toBe('chapter7');
  });

  it('are refused only when nothing is left to make a URL from', () => {
    expect(slugProblem('rope-2d')).toBeUndefined();
    expect(slugProblem(slugify('!!!'))).toMatch(/no letters or digits/);
  });

  it('make tag and category ids from names as written', () => {
    expect(termId('Auto ML')).toBe('auto-ml');
    expect(termId('auto-ML')).toBe('auto-ml');
    expect(termId('生成模型')).toBe('生成模型');
  });
});
