#!/usr/bin/env node
// Prints the library's table: per article, prose characters (CJK) or words, formulas, code
// blocks, runnable blocks, internal links and papers. Usage: node scripts/library-table.mjs [content-dir]
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { articleStats } from './lib/library.mjs';

const dir = path.resolve(process.argv[2] ?? process.env.KB_CONTENT_DIR ?? 'content', 'articles');
const files = [];
const walk = (folder) => {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.mdx?$/.test(entry.name)) files.push(full);
  }
};
walk(dir);

const rows = files.sort().map((file) => {
  const text = fs.readFileSync(file, 'utf8');
  const front = YAML.parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '') ?? {};
  const stats = articleStats(text);
  return {
    article: path.basename(file).replace(/\.mdx?$/, ''),
    lang: front.lang ?? 'zh',
    size: front.lang === 'en' ? `${stats.words} words` : `${stats.characters} 字`,
    ...stats,
    papers: (front.papers ?? []).length,
  };
});

const header = ['article', 'lang', 'prose', 'formulas', 'code blocks', 'runnable', 'internal links', 'papers'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, i) => (i < 3 ? ' --- ' : ' ---: ')).join('|')}|`);
for (const row of rows) {
  console.log(`| ${[row.article, row.lang, row.size, row.formulas, row.codeBlocks, row.runnable, row.internalLinks, row.papers].join(' | ')} |`);
}
const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
console.log(`| **${rows.length} articles** | | ${sum('characters')} 字 + ${sum('words')} words | ${sum('formulas')} | ${sum('codeBlocks')} | ${sum('runnable')} | ${sum('internalLinks')} | ${sum('papers')} |`);
