import { describe, expect, it } from 'vitest';
import {
  allowOrigin,
  formatHeadersFile,
  headersFor,
  parseHeadersFile,
  sitePolicy,
  withFolderPolicy,
} from '../../../src/lib/headers-file.ts';
import { commentsPolicy, GISCUS_ORIGIN } from '../../../src/lib/comments.ts';

const FILE = `# comment
/*
  Content-Security-Policy: default-src 'self'; script-src 'self'; frame-ancestors 'none'
  X-Frame-Options: DENY
`;

describe('allowOrigin', () => {
  it('adds an origin to a directive, or creates the directive from default-src', () => {
    expect(allowOrigin("default-src 'self'; frame-src 'self'", 'frame-src', 'https://a.example')).toBe(
      "default-src 'self'; frame-src 'self' https://a.example",
    );
    expect(allowOrigin("default-src 'self' data:; img-src *", 'frame-src', 'https://a.example')).toBe(
      "default-src 'self' data:; img-src *; frame-src 'self' data: https://a.example",
    );
    expect(allowOrigin("frame-src 'self' https://a.example", 'frame-src', 'https://a.example')).toBe(
      "frame-src 'self' https://a.example",
    );
  });

  it('the comments policy allows framing giscus.app and nothing else changes', () => {
    const policy = sitePolicy(parseHeadersFile(FILE))!;
    expect(commentsPolicy(policy)).toBe(`${policy}; frame-src 'self' ${GISCUS_ORIGIN}`);
  });
});

describe('withFolderPolicy', () => {
  const entries = [
    { name: 'articles', directory: true },
    { name: 'tags', directory: true },
    { name: 'index.html', directory: false },
    { name: '404.html', directory: false },
    { name: '_headers', directory: false },
  ];

  it('gives the folder its policy and every other page the site policy, never two policies for one path', () => {
    const rules = parseHeadersFile(FILE);
    const site = sitePolicy(rules)!;
    const split = withFolderPolicy(rules, entries, '/', 'articles', commentsPolicy(site));
    const policyRules = (path: string) =>
      split.filter(
        (rule) =>
          new RegExp(`^${rule.pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(path) &&
          rule.headers.some(([name]) => name === 'Content-Security-Policy'),
      ).length;
    for (const path of ['/', '/articles/rope/', '/tags/rope/', '/404.html']) expect(policyRules(path), path).toBe(1);
    expect(headersFor(split, '/articles/rope/')['Content-Security-Policy']).toContain(GISCUS_ORIGIN);
    expect(headersFor(split, '/tags/rope/')['Content-Security-Policy']).toBe(site);
    expect(headersFor(split, '/')['Content-Security-Policy']).toBe(site);
    // The other headers still cover every path.
    expect(headersFor(split, '/articles/rope/')['X-Frame-Options']).toBe('DENY');
  });

  it('writes patterns under the base path, and a file the parser reads back', () => {
    const rules = parseHeadersFile(FILE);
    const split = withFolderPolicy(rules, entries, '/kb/', 'articles', 'default-src *');
    const text = formatHeadersFile(split, 'generated');
    expect(text.startsWith('# generated\n/*\n  X-Frame-Options: DENY\n')).toBe(true);
    expect(parseHeadersFile(text)).toEqual(split);
    expect(headersFor(split, '/kb/articles/x/')['Content-Security-Policy']).toBe('default-src *');
    expect(headersFor(split, '/kb/')['Content-Security-Policy']).toBe(sitePolicy(rules));
  });
});
