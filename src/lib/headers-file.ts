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

/** A policy whose `directive` also allows `origin` (created from default-src if absent). */
export function allowOrigin(policy: string, directive: string, origin: string): string {
  const directives = policy
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  const at = directives.findIndex((part) => part.split(/\s+/)[0] === directive);
  if (at >= 0) {
    if (!directives[at]!.split(/\s+/).includes(origin)) directives[at] = `${directives[at]} ${origin}`;
  } else {
    const fallback = directives.find((part) => part.split(/\s+/)[0] === 'default-src');
    const sources = fallback ? fallback.split(/\s+/).slice(1).join(' ') : "'self'";
    directives.push(`${directive} ${sources} ${origin}`);
  }
  return directives.join('; ');
}

export function formatHeadersFile(rules: HeaderRule[], comment = ''): string {
  const lines = comment ? comment.split('\n').map((line) => `# ${line}`.trimEnd()) : [];
  for (const rule of rules) lines.push(rule.pattern, ...rule.headers.map(([name, value]) => `  ${name}: ${value}`));
  return `${lines.join('\n')}\n`;
}

const isPolicy = ([name]: [string, string]) => name.toLowerCase() === 'content-security-policy';

/**
 * The rules with the site-wide policy replaced, for the pages under `folder`, by `policy`.
 *
 * No path may match two rules that set a Content-Security-Policy: hosts disagree on what
 * then happens (Cloudflare Pages sends both, and a browser enforcing two policies lets
 * through only what both allow; Netlify sends the later). So the `/*` rule keeps its other
 * headers, and the policy goes to one rule per top-level entry of the built site: `folder`
 * gets `policy`, every other entry the site-wide one. A path outside them all (a 404) has
 * only the pages' <meta> policy, which is the site-wide one.
 */
export function withFolderPolicy(
  rules: HeaderRule[],
  entries: { name: string; directory: boolean }[],
  base: string,
  folder: string,
  policy: string,
): HeaderRule[] {
  const site = sitePolicy(rules);
  if (site === undefined) return rules;
  const kept = rules.map((rule) =>
    rule.pattern === '/*' ? { ...rule, headers: rule.headers.filter((header) => !isPolicy(header)) } : rule,
  );
  const name = 'Content-Security-Policy';
  const perEntry = [...entries]
    .filter((entry) => entry.name !== '_headers')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name: entry, directory }) => ({
      pattern: `${base}${entry}${directory ? '/*' : ''}`,
      headers: [[name, entry === folder && directory ? policy : site]] as [string, string][],
    }));
  return [...kept, { pattern: base, headers: [[name, site]] }, ...perEntry];
}
