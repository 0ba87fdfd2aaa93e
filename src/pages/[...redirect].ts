/**
 * Old addresses of articles (Hugo's `aliases`, Jekyll's `redirect_from` and `permalink`)
 * keep working: each gets a small page that sends the reader to the article's URL, for
 * browsers (meta refresh, a link) and for search engines (canonical). Written as plain
 * files at exactly the old path, `.html` or folder.
 */
import type { APIContext } from 'astro';
import { siteData } from '../data/articles.ts';
import { site } from '../config.ts';
import { htmlLang, t } from '../i18n/index.ts';
import { settings } from '../settings.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The file an old path is served from: `…/x.html` as it is, anything else as a folder. */
function fileOf(oldPath: string): string {
  const clean = oldPath.replace(/^\/+/, '');
  return /\.html?$/i.test(clean) ? clean : `${clean.replace(/\/*$/, '')}/index.html`;
}

export async function getStaticPaths() {
  const { articles } = await siteData();
  return articles.flatMap((article) =>
    article.redirects.map((oldPath) => ({
      params: { redirect: fileOf(oldPath) },
      props: { title: article.title, target: article.url, oldPath },
    })),
  );
}

export function GET(context: APIContext) {
  const { title, target, oldPath } = context.props as { title: string; target: string; oldPath: string };
  const href = new URL(target, settings.siteUrl).href;
  const html = `<!DOCTYPE html>
<html lang="${htmlLang}">
<head>
<meta charset="utf-8">
<title>${escape(title)} (${escape(oldPath)}) · ${escape(site.title)}</title>
<meta name="description" content="${escape(`${t.movedTo}: ${title}`)}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${escape(href)}">
<link rel="canonical" href="${escape(href)}">
</head>
<body>
<p>${escape(t.movedTo)}: <a href="${escape(target)}">${escape(title)}</a></p>
</body>
</html>
`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
