#!/usr/bin/env node
// `npm run new -- <slug> "<title>" [category]`: creates content/articles/<category>/<slug>.md
// with valid frontmatter dated today. Refuses to overwrite or to reuse a slug.
import fs from 'node:fs';
import path from 'node:path';

const [slug, title, category = 'uncategorized'] = process.argv.slice(2);
if (!slug || !title || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
  console.error('usage: npm run new -- <slug: lowercase-ascii-words> "<title>" [category]');
  process.exit(1);
}
const root = path.resolve(process.env.KB_CONTENT_DIR ?? 'content', 'articles');
const taken = [];
const walk = (folder) => {
  if (!fs.existsSync(folder)) return;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(path.join(folder, entry.name));
    else if (entry.name.replace(/\.mdx?$/, '') === slug) taken.push(path.join(folder, entry.name));
  }
};
walk(root);
if (taken.length) {
  console.error(`the slug "${slug}" is taken by ${taken[0]}`);
  process.exit(1);
}
const file = path.join(root, category === 'uncategorized' ? '' : category, `${slug}.md`);
fs.mkdirSync(path.dirname(file), { recursive: true });
const today = new Date().toISOString().slice(0, 10);
fs.writeFileSync(
  file,
  `---\ntitle: ${JSON.stringify(title)}\ndate: ${today}\ndescription: ""\ntags: [${category === 'uncategorized' ? 'notes' : category}]\n${category === 'uncategorized' ? '' : `category: ${category}\n`}draft: true\n---\n\n开头一段：这篇文章讲什么、为什么重要。\n\n## 第一节\n\n$$\ny = f(x) \\label{eq:main}\n$$\n\n由 \\eqref{eq:main} 可知……\n`,
);
console.log(`created ${path.relative(process.cwd(), file)} (draft: visible in npm run dev)`);
