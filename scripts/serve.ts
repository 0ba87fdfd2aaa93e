/**
 * Serves a built site on localhost the way a static host would: the base path, directory
 * indexes, the 404 page, and the headers of its `_headers` file (so the browser tests run
 * under the real Content-Security-Policy).
 * Usage: node scripts/serve.ts [--port 4321] [--dir dist] [--base /kb/] [--no-headers] [--gzip]
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { headersFor, parseHeadersFile } from '../src/lib/headers-file.ts';
import { normaliseBase, settings } from '../src/settings.ts';
import { option } from './lib/cli.ts';

const port = Number(option('port', String(settings.port)));
const root = path.resolve(option('dir', settings.outDir));
const base = normaliseBase(option('base', settings.base));
// --no-headers serves the site as GitHub Pages would: without the _headers file.
const headersFile = path.join(root, '_headers');
const rules =
  process.argv.includes('--no-headers') || !fs.existsSync(headersFile)
    ? []
    : parseHeadersFile(fs.readFileSync(headersFile, 'utf8'));
// --gzip compresses text as every real host does: the reading benchmark's slow-network
// profile would otherwise measure bytes no reader downloads.
const gzip = process.argv.includes('--gzip');
const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.ico': 'image/x-icon',
  '.pf_meta': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

function send(res: http.ServerResponse, status: number, file: string, urlPath: string, acceptsGzip = false) {
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const compress = gzip && acceptsGzip && COMPRESSIBLE.test(type);
  res.writeHead(status, {
    'Content-Type': type,
    ...(compress ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    ...headersFor(rules, urlPath),
  });
  const body = fs.createReadStream(file);
  if (compress) body.pipe(zlib.createGzip()).pipe(res);
  else body.pipe(res);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(url.pathname);
  } catch {
    urlPath = url.pathname;
  }
  if (urlPath === base.slice(0, -1)) urlPath = base;
  const notFound = path.join(root, '404.html');
  if (!urlPath.startsWith(base)) return send(res, 404, notFound, urlPath, acceptsGzip);
  let file = path.join(root, urlPath.slice(base.length));
  if (!file.startsWith(root)) return send(res, 404, notFound, urlPath, acceptsGzip);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    if (!urlPath.endsWith('/')) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      return res.end();
    }
    file = path.join(file, 'index.html');
  }
  if (!fs.existsSync(file)) return send(res, 404, notFound, urlPath, acceptsGzip);
  return send(res, 200, file, urlPath, acceptsGzip);
});

server.listen(port, '127.0.0.1', () => {
  console.log(
    `ML 知识库 is served at http://localhost:${port}${base} (from ${path.relative(process.cwd(), root) || root}); Ctrl-C stops it`,
  );
});
