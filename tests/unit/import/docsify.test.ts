import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsifyRoot, docsifyRoutes, docsifyTips, sidebarOrder } from '../../../scripts/import/docsify.ts';
import { fixtureOf, importFixture, recordNotes, type ImportedFixture } from '../../helpers/import.ts';

describe('docsify: tips, routes and the sidebar', () => {
  it('?> and !> paragraphs become callouts', () => {
    expect(docsifyTips('?> 每一章\n都可以单独读。\n\n!> 不要混淆。', recordNotes())).toBe(
      '> [!TIP]\n> 每一章\n> 都可以单独读。\n\n> [!IMPORTANT]\n> 不要混淆。',
    );
  });

  it('route links #/path?id=anchor become links to the file', () => {
    expect(docsifyRoutes('[x](#/chapter2/intro?id=setup) [y](#/)', recordNotes())).toBe(
      '[x](/chapter2/intro.md#setup) [y](/README.md)',
    );
  });

  it('finds the site in docs/ and reads the sidebar order, encoded names included', () => {
    const root = docsifyRoot(fixtureOf('docsify'));
    expect(path.basename(root)).toBe('docs');
    expect(sidebarOrder('- [a](README.md)\n  - [b](./chapter2/第二章%20正则化.md)\n- [c](chapter1/)', root)).toEqual([
      'README.md',
      'chapter2/第二章 正则化.md',
      'chapter1/README.md',
    ]);
  });
});

describe('npm run import -- --from docsify on a small book', () => {
  let fixture: ImportedFixture;
  beforeAll(() => {
    fixture = importFixture('docsify');
  });
  afterAll(() => fixture.remove());

  it('imports the docs/ folder in sidebar order as one series, and never touches the source', () => {
    expect(fixture.result.articles.sort()).toEqual(['README.md', 'chapter1/README.md', 'chapter2/第二章 正则化.md']);
    expect(fixture.read('taxonomy.yaml')).toContain('series:\n  线性模型笔记:\n    zh: 线性模型笔记');
    expect(fixture.read('articles/chapter2/第二章 正则化.md')).toContain('series: 线性模型笔记\nseriesOrder: 3');
    expect(fixture.sourceUnchanged).toBe(true);
  });

  it('escaped brackets stay brackets, $ x $ is a formula, MyST boxes and tips are callouts, routes and images resolve', () => {
    const chapter = fixture.read('articles/chapter1/README.md');
    expect(chapter).toContain('> [!IMPORTANT]\n> 本章学习时间：1 天');
    expect(chapter).toContain('(1\\) 当 $z = 0$ 时，概率为 $\\frac{1}{2}$；');
    expect(chapter).toContain('[解析\\]：对数几率是线性的，见[第二章的推导](../chapter2/第二章%20正则化.md#推导)。');
    expect(chapter).toContain('![sigmoid 曲线](./images/sigmoid.png)');
    expect(fixture.result.assets).toEqual(['chapter1/images/sigmoid.png']);
  });
});
