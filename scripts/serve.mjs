#!/usr/bin/env node
// Serves the built site (dist/) on localhost the way a static host would: the base path,
// directory indexes, the 404 page, and the headers from dist/_headers (so the browser
// tests run under the real Content-Security-Policy).
// Usage: node scripts/serve.mjs [--port 4321] [--dir dist] [--base /kb/]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const port = Number(option('port', process.env.PORT ?? 4321));
const root = path.resolve(option('dir', process.env.KB_OUT_DIR ?? 'dist'));
const base = option('base', process.env.KB_BASE ?? '/').replace(/\/?$/, '/');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.webp': 'image/webp', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.pf_meta': 'application/octet-stream',
  '.pagefind': 'application/octet-stream', '.pf_fragment': 'application/octet-stream', '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream', '.ico': 'image/x-icon',
};

/** `_headers` in the Netlify/Cloudflare format: a path pattern line, then indented headers. */
function readHeaders() {
  const file = path.join(root, '_headers');
  if (!fs.existsSync(file)) return [];
  const rules = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else rules.at(-1)?.headers.push(line.trim().split(/:\s*(.*)/s).slice(0, 2));
  }
  return rules;
}
const rules = readHeaders();
const matches = (pattern, urlPath) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(urlPath);

function send(res, status, file, urlPath) {
  const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
  for (const rule of rules) if (matches(rule.pattern, urlPath)) for (const [k, v] of rule.headers) headers[k] = v;
  res.writeHead(status, headers);
  fs.createReadStream(file).pipe(res);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let urlPath = decodeURIComponent(url.pathname);
  if (urlPath === base.slice(0, -1)) urlPath = base;
  const notFound = path.join(root, '404.html');
  if (!urlPath.startsWith(base)) return send(res, 404, notFound, urlPath);
  const relative = urlPath.slice(base.length);
  let file = path.join(root, relative);
  if (!file.startsWith(root)) return send(res, 404, notFound, urlPath);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    if (!urlPath.endsWith('/')) {
      res.writeHead(301, { Location: `${urlPath}/${url.search}` });
      return res.end();
    }
    file = path.join(file, 'index.html');
  }
  if (!fs.existsSync(file)) return send(res, 404, notFound, urlPath);
  return send(res, 200, file, urlPath);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`ML 知识库 is served at http://localhost:${port}${base} (from ${path.relative(process.cwd(), root) || root}); Ctrl-C stops it`);
});
