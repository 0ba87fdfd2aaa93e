import type { APIContext } from 'astro';
import { site } from '../config.ts';

export function GET(context: APIContext) {
  const sitemap = new URL(`${site.base.replace(/\/?$/, '/')}sitemap-index.xml`, context.site).href;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, { headers: { 'Content-Type': 'text/plain' } });
}
