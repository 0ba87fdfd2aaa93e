/**
 * Paper metadata from content/papers.yaml, keyed by the ids authors write in `papers`
 * (arXiv:2104.09864, doi:10.1145/…, or a URL). The build reads only this file, never the
 * network.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { settings } from '../settings.ts';
import { safeExternalUrl } from './url.ts';

const contentDir = settings.contentDir;

export interface Paper {
  id: string;
  title: string;
  authors: string[];
  year: number | undefined;
  venue: string | undefined;
  url: string;
  /** False when the article cites an id that papers.yaml does not describe. */
  known: boolean;
}

/** The canonical form of an id, so `arxiv:2104.09864` and `arXiv:2104.09864` match. */
export function normalizePaperId(id: string): string {
  const trimmed = id.trim();
  const arxiv = /^(?:arxiv:|https?:\/\/arxiv\.org\/(?:abs|pdf)\/)(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$/i.exec(trimmed);
  if (arxiv) return `arXiv:${arxiv[1]}`;
  const doi = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)(10\.\S+)$/i.exec(trimmed);
  if (doi) return `doi:${doi[1]}`;
  return trimmed;
}

/** Where a paper id points when nothing else is known. */
export function paperUrl(id: string): string {
  const normal = normalizePaperId(id);
  if (normal.startsWith('arXiv:')) return `https://arxiv.org/abs/${normal.slice(6)}`;
  if (normal.startsWith('doi:')) return `https://doi.org/${normal.slice(4)}`;
  return /^https?:\/\//.test(normal) ? normal : '';
}

export function parsePapers(text: string, file: string): Map<string, Paper> {
  let data: Record<string, Record<string, unknown>>;
  try {
    data = YAML.parse(text, { uniqueKeys: true }) ?? {};
  } catch (error) {
    throw new Error(`${file}: cannot be parsed: ${(error as Error).message}`);
  }
  const papers = new Map<string, Paper>();
  for (const [rawId, entry] of Object.entries(data)) {
    const id = normalizePaperId(rawId);
    if (!entry || typeof entry.title !== 'string') {
      throw new Error(`${file}: paper "${rawId}" needs at least a title, e.g.  title: "Attention Is All You Need"`);
    }
    if (entry.url !== undefined && !safeExternalUrl(entry.url)) {
      throw new Error(
        `${file}: paper "${rawId}" has url ${JSON.stringify(entry.url)}; write an http(s) address, e.g.  url: https://arxiv.org/abs/1706.03762`,
      );
    }
    papers.set(id, {
      id,
      title: entry.title,
      authors: Array.isArray(entry.authors) ? entry.authors.map(String) : [],
      year: typeof entry.year === 'number' ? entry.year : undefined,
      venue: typeof entry.venue === 'string' ? entry.venue : undefined,
      url: safeExternalUrl(entry.url) ?? paperUrl(id),
      known: true,
    });
  }
  return papers;
}

let cached: Map<string, Paper> | undefined;

export function loadPapers(dir: string = contentDir): Map<string, Paper> {
  if (cached && dir === contentDir) return cached;
  const file = path.join(dir, 'papers.yaml');
  const papers = fs.existsSync(file)
    ? parsePapers(fs.readFileSync(file, 'utf8'), path.relative(process.cwd(), file))
    : new Map();
  if (dir === contentDir) cached = papers;
  return papers;
}

/** The paper for an id, or a minimal entry that still links somewhere useful. */
export function paperFor(papers: Map<string, Paper>, id: string): Paper {
  const normal = normalizePaperId(id);
  return (
    papers.get(normal) ?? {
      id: normal,
      title: normal,
      authors: [],
      year: undefined,
      venue: undefined,
      url: paperUrl(normal),
      known: false,
    }
  );
}

/** "A, B and C" / "A, B, C et al." for cards. */
export function authorLine(authors: string[], max = 4): string {
  const named = authors.filter((author) => author !== 'et al.');
  const more = named.length > max || authors.includes('et al.');
  const shown = named.slice(0, max);
  return more ? `${shown.join(', ')} et al.` : shown.join(', ');
}
