/**
 * URLs of the site's own pages, below the deployment's base path. Every link the templates,
 * the Markdown pipeline and the feeds write goes through here, so `KB_BASE=/kb/` is
 * handled in one place.
 */
import { settings } from '../settings.ts';

/** `href` below `base` when it is root-relative (`/tags/` → `/kb/tags/`); other URLs unchanged. */
export function withBase(base: string, href: string): string {
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  return href.startsWith('/') ? `${trimmed}${href}` : href;
}

/** A root-relative path of the site (`/archive/`) as a URL below the base path. */
export const url = (path: string): string => withBase(settings.base, path);

/** Article URL below the base path, with a trailing slash. */
export const articleUrl = (slug: string): string => url(`/articles/${slug}/`);

/** The absolute URL of a site path, for feeds, canonical links and the sitemap. */
export const absoluteUrl = (path: string): string => new URL(url(path), settings.siteUrl).href;

/**
 * An address from content data (references.bib, frontmatter) fit for an `href`: http(s) or
 * mailto only, so `javascript:` or `data:` written into a data file can never become a
 * link a reader clicks. Undefined for anything else.
 */
export function safeExternalUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  try {
    const parsed = new URL(trimmed);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
/** The absolute URL of an href that already has the base path (`/kb/articles/rope/`). */
export const absoluteHref = (href: string): string => new URL(href, settings.siteUrl).href;
