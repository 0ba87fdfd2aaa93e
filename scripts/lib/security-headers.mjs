// Writes dist/_headers (Netlify/Cloudflare Pages format) with a Content-Security-Policy
// that allows no inline script except the theme boot script, by hash. Pagefind's search
// needs 'wasm-unsafe-eval'. Styles keep 'unsafe-inline': KaTeX and Shiki emit style
// attributes, which carry no script.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function inlineScriptHashes(siteDir) {
  const hashes = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const html = fs.readFileSync(full, 'utf8');
        for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
          if (match[1].trim()) hashes.add(`'sha256-${crypto.createHash('sha256').update(match[1]).digest('base64')}'`);
        }
      }
    }
  };
  walk(siteDir);
  return [...hashes].sort();
}

export function contentSecurityPolicy(siteDir) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(siteDir).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function writeSecurityHeaders(siteDir) {
  const policy = contentSecurityPolicy(siteDir);
  const lines = [
    '/*',
    `  Content-Security-Policy: ${policy}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Permissions-Policy: interest-cohort=()',
    '',
  ];
  fs.writeFileSync(path.join(siteDir, '_headers'), lines.join('\n'));
  return policy;
}
