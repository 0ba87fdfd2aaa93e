/**
 * `npm run library`: the library's table, per article: prose characters (CJK) or words,
 * formulas, code blocks, runnable blocks, internal links and papers. The counts are the
 * facts the Markdown pipeline records while rendering (from the render cache when the
 * site was built), so they agree with what the site shows.
 */
import { articleFacts } from '../src/markdown/article-renderer.ts';
import { inventory } from '../src/sources/inventory.ts';

interface Row {
  article: string;
  lang: string;
  size: string;
  characters: number;
  words: number;
  formulas: number;
  codeBlocks: number;
  runnable: number;
  internalLinks: number;
  papers: number;
}

const rows: Row[] = [];
for (const article of inventory().articles.filter((candidate) => candidate.publishable)) {
  const { facts } = await articleFacts(article.file);
  rows.push({
    article: article.slug,
    lang: article.data.lang,
    size: article.data.lang === 'en' ? `${facts.prose.words} words` : `${facts.prose.cjk} 字`,
    characters: facts.prose.cjk,
    words: facts.prose.words,
    formulas: facts.formulas.inline + facts.formulas.display,
    codeBlocks: facts.codeBlocks,
    runnable: facts.runnable.length,
    internalLinks: facts.articleLinks.length,
    papers: article.data.papers.length,
  });
}

const header = ['article', 'lang', 'prose', 'formulas', 'code blocks', 'runnable', 'internal links', 'papers'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, i) => (i < 3 ? ' --- ' : ' ---: ')).join('|')}|`);
for (const row of rows) {
  console.log(
    `| ${[row.article, row.lang, row.size, row.formulas, row.codeBlocks, row.runnable, row.internalLinks, row.papers].join(' | ')} |`,
  );
}
const sum = (key: Exclude<keyof Row, 'article' | 'lang' | 'size'>) => rows.reduce((total, row) => total + row[key], 0);
console.log(
  `| **${rows.length} articles** | | ${sum('characters')} 字 + ${sum('words')} words | ${sum('formulas')} | ${sum('codeBlocks')} | ${sum('runnable')} | ${sum('internalLinks')} | ${sum('papers')} |`,
);
