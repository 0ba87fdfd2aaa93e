/**
 * Files an article refers to by a relative path (`./figures/loss.png`, `../code/train.py`)
 * or a root path (`/favicon.svg`, from public/): where they are on disk, whether they
 * stay inside the content folder, and publishing them. Images and links share this, so an
 * image written in HTML and one written in Markdown are found, checked and published alike.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { withBase } from '../lib/url.ts';
import { recordLookup } from './lookups.ts';

export interface LocalFileOptions {
  base: string;
  /** The content folder: relative references may not leave it. */
  contentDir: string;
  /** Served at the site root: where `/…` references point. */
  publicDir: string;
  /** Where published files are stored until the build copies them to `<base>_kb/assets/`. */
  assetDir: string;
}

export const ASSET_URL_PATH = '/_kb/assets/';

export type Reference =
  | { kind: 'file'; path: string }
  | { kind: 'folder'; path: string }
  | { kind: 'missing'; path: string }
  /** A relative path that climbs out of the content folder, or a link that leaves it. */
  | { kind: 'outside'; path: string };

/** A reference that is a path on this site rather than an address elsewhere. */
export const isLocalReference = (url: string): boolean => !/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(url);

const realpath = (file: string) => {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
};
const inside = (dir: string, file: string) => {
  const relative = path.relative(realpath(dir), realpath(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Where `url` (relative to the article, or root-relative into public/) points on disk. */
export function resolveReference(file: VFile, url: string, options: LocalFileOptions): Reference {
  let filePart = url.split(/[?#]/)[0] ?? '';
  try {
    filePart = decodeURI(filePart);
  } catch {
    // A literal % in a file name: take it as written.
  }
  const root = filePart.startsWith('/') ? options.publicDir : options.contentDir;
  const target = filePart.startsWith('/')
    ? path.join(options.publicDir, filePart)
    : path.resolve(path.dirname(file.path), filePart);
  recordLookup(file, 'files', target);
  if (!inside(root, target)) return { kind: 'outside', path: target };
  if (!fs.existsSync(target)) return { kind: 'missing', path: target };
  return fs.statSync(target).isDirectory() ? { kind: 'folder', path: target } : { kind: 'file', path: target };
}

/** Copies a file into the asset store under a content-addressed name and returns its URL. */
export function publishFile(source: string, options: LocalFileOptions): string {
  const bytes = fs.readFileSync(source);
  const name = `${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 12)}-${path.basename(source).replace(/[^\w.-]+/g, '-')}`;
  const target = path.join(options.assetDir, name);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(options.assetDir, { recursive: true });
    fs.writeFileSync(`${target}.${process.pid}.tmp`, bytes);
    fs.renameSync(`${target}.${process.pid}.tmp`, target);
  }
  return withBase(options.base, `${ASSET_URL_PATH}${name}`);
}

/** A path as the author sees it: relative to the working directory. */
export const shown = (file: string): string => path.relative(process.cwd(), file) || file;
