// Checks a built site: every internal link and #anchor resolves, every page has a unique
// title, a description and a canonical URL. Returns a list of problems (empty when good).
import fs from 'node:fs';
import path from 'node:path';

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'pagefind' && entry.name !== '_astro' && entry.name !== 'katex') out.push(...htmlFiles(full));
    } else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

const decode = (text) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export function checkSite(root, base = '/') {
  const problems = [];
  const files = htmlFiles(root);
  const pages = new Map(); // url path -> { ids, hrefs, title }
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    const rel = path.relative(root, file).split(path.sep).join('/');
    const urlPath = base + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
    const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1])));
    const hrefs = [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => decode(m[1]));
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
    pages.set(urlPath, { ids, hrefs, title, html, rel });
  }
  const titles = new Map();
  for (const [urlPath, page] of pages) {
    if (page.rel === '404.html') continue;
    if (!page.title) problems.push(`${urlPath}: no <title>`);
    else if (titles.has(page.title)) problems.push(`${urlPath}: same <title> as ${titles.get(page.title)}: "${page.title}"`);
    else titles.set(page.title, urlPath);
    if (!/<meta name="description" content="[^"]+"/.test(page.html)) problems.push(`${urlPath}: no description meta`);
    if (!/<link rel="canonical" href="[^"]+"/.test(page.html)) problems.push(`${urlPath}: no canonical link`);
  }
  for (const [urlPath, page] of pages) {
    for (const href of page.hrefs) {
      if (/^(https?:|mailto:|\/\/|data:|javascript:)/i.test(href)) continue;
      const target = new URL(href, `http://site${urlPath}`);
      let targetPath = decodeURIComponent(target.pathname);
      const hash = decodeURIComponent(target.hash.slice(1));
      if (!targetPath.startsWith(base)) {
        problems.push(`${urlPath}: link "${href}" leaves the base path ${base}`);
        continue;
      }
      let targetPage = pages.get(targetPath);
      if (!targetPage) {
        const asFile = path.join(root, targetPath.slice(base.length));
        if (fs.existsSync(asFile) && fs.statSync(asFile).isFile()) continue;
        problems.push(`${urlPath}: broken link "${href}" (no page at ${targetPath})`);
        continue;
      }
      if (hash && !targetPage.ids.has(hash)) problems.push(`${urlPath}: link "${href}" points at #${hash}, which ${targetPath} does not have`);
    }
  }
  return { problems, pageCount: pages.size };
}
