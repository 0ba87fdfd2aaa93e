/** What the tests expect, read from the content folder the site was built from. */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export interface ArticleInfo {
  slug: string;
  file: string;
  title: string;
  tags: string[];
  category: string;
  series?: string;
  seriesOrder?: number;
  date: string;
  draft?: boolean;
  body: string;
}

export function bundledArticles(dir = 'content/articles'): ArticleInfo[] {
  const out: ArticleInfo[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
        const data = YAML.parse(front);
        const date = data.date instanceof Date ? data.date.toISOString() : String(data.date);
        out.push({
          slug: entry.name.replace(/\.mdx?$/, ''),
          file: full,
          ...data,
          date: date.slice(0, 10),
          category: data.category ?? 'uncategorized',
          body,
        });
      }
    }
  };
  walk(dir);
  return out.filter((article) => !article.draft);
}
