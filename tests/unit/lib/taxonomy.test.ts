import { describe, expect, it } from 'vitest';
import { loadTaxonomy, parseTaxonomy, termOf } from '../../../src/lib/taxonomy.ts';

describe('taxonomy', () => {
  const yaml = `
categories:
  llm: { zh: 大模型, en: LLM, description: 大模型相关 }
tags:
  rope: { zh: 旋转位置编码, en: Rotary Position Embedding, aliases: [RoPE] }
series:
  ssm: { zh: 状态空间模型, en: State-Space Models }
`;
  it('reads names in both languages, descriptions and aliases', () => {
    const taxonomy = parseTaxonomy(yaml, 'taxonomy.yaml');
    expect(taxonomy.tags.get('rope')).toMatchObject({
      zh: '旋转位置编码',
      en: 'Rotary Position Embedding',
      aliases: ['RoPE'],
    });
    expect(taxonomy.categories.get('llm')?.description).toBe('大模型相关');
    expect(taxonomy.series.get('ssm')?.en).toBe('State-Space Models');
  });

  it('always has the default category', () => {
    expect(parseTaxonomy('', 'none').categories.get('uncategorized')?.zh).toBe('未分类');
  });

  it('gives unknown tags a default entry', () => {
    expect(termOf(parseTaxonomy(yaml, 't').tags, 'lora')).toEqual({
      id: 'lora',
      zh: 'lora',
      en: 'lora',
      description: '',
      aliases: [],
    });
  });

  it('rejects duplicate keys and bad aliases with the file name', () => {
    expect(() => parseTaxonomy('tags:\n  a: {}\n  a: {}\n', 'taxonomy.yaml')).toThrow(
      /taxonomy\.yaml: cannot be parsed: .*must be unique at line 3/,
    );
    expect(() => parseTaxonomy('tags:\n  a: { aliases: RoPE }\n', 'taxonomy.yaml')).toThrow(
      /tags\.a\.aliases must be a list/,
    );
  });

  it('works without a taxonomy file at all', () => {
    const taxonomy = loadTaxonomy('/nonexistent-folder');
    expect(taxonomy.source).toBeUndefined();
    expect([...taxonomy.categories.keys()]).toEqual(['uncategorized']);
  });

  it('loads the bundled taxonomy with the aliases search relies on', () => {
    const rope = loadTaxonomy('content').tags.get('rope');
    expect(rope?.aliases).toEqual(expect.arrayContaining(['RoPE', 'Rotary Position Embedding', '旋转位置编码']));
  });
});
