/**
 * `public/_headers`, the one place the site's security headers are written (the
 * Netlify / Cloudflare Pages format: a path pattern line, then indented `Name: value`
 * lines). The meta Content-Security-Policy of every page, the build's header check and the
 * local server all read it through this parser.
 */
export interface HeaderRule {
  /** A path pattern such as `/*`. */
  pattern: string;
  headers: [name: string, value: string][];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) rules.at(-1)?.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** Whether a rule's pattern (`*` matches anything) covers a URL path. */
export function patternMatches(pattern: string, urlPath: string): boolean {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${source}$`).test(urlPath);
}

/** The headers a URL path gets: every matching rule's, later rules winning. */
export function headersFor(rules: HeaderRule[], urlPath: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules)
    if (patternMatches(rule.pattern, urlPath)) for (const [name, value] of rule.headers) headers[name] = value;
  return headers;
}

/** The site-wide Content-Security-Policy (the `/*` rule's). */
export function sitePolicy(rules: HeaderRule[]): string | undefined {
  return rules
    .find((rule) => rule.pattern === '/*')
    ?.headers.find(([name]) => name.toLowerCase() === 'content-security-policy')?.[1];
}

/**
 * The policy for a `<meta http-equiv>`, for hosts that ignore `_headers` (GitHub Pages, a
 * plain file server). A meta policy cannot carry frame-ancestors, report-uri, report-to or
 * sandbox (browsers ignore them there and say so on the console), so they are left out.
 */
export function metaPolicy(policy: string): string {
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !/^(frame-ancestors|report-uri|report-to|sandbox)\b/.test(directive))
    .join('; ');
}
