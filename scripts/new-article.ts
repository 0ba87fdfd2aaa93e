/**
 * `npm run new -- <slug> "<title>" [category]`: creates articles/<category>/<slug>.md in
 * the content folder with valid frontmatter dated today, as a draft. Refuses to overwrite
 * a file or to reuse a slug (the article inventory knows every slug).
 */
import fs from 'node:fs';
import path from 'node:path';
import { slugProblem } from '../src/lib/slugs.ts';
import { settings } from '../src/settings.ts';
import { inventory } from '../src/sources/inventory.ts';

const [slug, title, category = 'uncategorized'] = process.argv.slice(2);
if (!slug || !title || slugProblem(slug)) {
  console.error('usage: npm run new -- <slug: lowercase-ascii-words> "<title>" [category]');
  process.exit(1);
}
const taken = inventory().articles.find((article) => article.slug === slug);
if (taken) {
  console.error(`the slug "${slug}" is taken by ${path.relative(process.cwd(), taken.file)}`);
  process.exit(1);
}
const file = path.join(inventory().articlesDir, category === 'uncategorized' ? '' : category, `${slug}.md`);
fs.mkdirSync(path.dirname(file), { recursive: true });
const today = new Date().toISOString().slice(0, 10);
const lines = [
  '---',
  `title: ${JSON.stringify(title)}`,
  `date: ${today}`,
  'description: ""',
  `tags: [${category === 'uncategorized' ? 'notes' : category}]`,
  ...(category === 'uncategorized' ? [] : [`category: ${category}`]),
  'draft: true',
  '---',
  '',
  '开头一段：这篇文章讲什么、为什么重要。',
  '',
  '## 第一节',
  '',
  '$$',
  'y = f(x) \\label{eq:main}',
  '$$',
  '',
  '由 \\eqref{eq:main} 可知……',
  '',
];
fs.writeFileSync(file, lines.join('\n'));
console.log(
  `created ${path.relative(process.cwd(), file)} (draft: visible in npm run dev; content folder ${settings.contentDir})`,
);
