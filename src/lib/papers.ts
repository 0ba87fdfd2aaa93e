/**
 * Papers as the cards and the /papers/ page show them, drawn from the bibliography
 * (src/lib/bibliography.ts: content/references.bib), the one source of paper facts. An
 * article names papers in `papers:` by BibTeX key or by id (arXiv:2104.09864, doi:10.1145/…,
 * a URL); the build reads only the .bib file, never the network.
 */
import { settings } from '../settings.ts';
import {
  articleBibliographyFiles,
  entryFor,
  loadBibliography,
  normalizePaperId,
  type BibEntry,
  type Bibliography,
} from './bibliography.ts';

export { normalizePaperId };

export interface Paper {
  id: string;
  /** The BibTeX key, when the bibliography has the paper. */
  key: string | undefined;
  title: string;
  authors: string[];
  year: number | undefined;
  venue: string | undefined;
  url: string;
  doi: string | undefined;
  arxiv: string | undefined;
  /** False when the article names an id that the bibliography does not describe. */
  known: boolean;
}

/** Where a paper id points when nothing else is known. */
export function paperUrl(id: string): string {
  const normal = normalizePaperId(id);
  if (normal.startsWith('arXiv:')) return `https://arxiv.org/abs/${normal.slice(6)}`;
  if (normal.startsWith('doi:')) return `https://doi.org/${normal.slice(4)}`;
  return /^https?:\/\//.test(normal) ? normal : '';
}

export function paperOf(entry: BibEntry): Paper {
  return {
    id: normalizePaperId(entry.id),
    key: entry.key,
    title: entry.title,
    authors: entry.authors,
    year: entry.year,
    venue: entry.venue,
    url: entry.url ?? paperUrl(entry.id),
    doi: entry.doi,
    arxiv: entry.arxiv,
    known: true,
  };
}

/** The bibliography an article draws on: the shared references.bib and its own file. */
export function articleBibliography(articlePath: string, own: string | undefined): Bibliography {
  return loadBibliography(articleBibliographyFiles(settings.contentDir, articlePath, own));
}

/** The paper for a key or id, or a minimal entry that still links somewhere useful. */
export function paperFor(bibliography: Bibliography, id: string): Paper {
  const entry = entryFor(bibliography, id);
  if (entry) return paperOf(entry);
  const normal = normalizePaperId(id);
  return {
    id: normal,
    key: undefined,
    title: normal,
    authors: [],
    year: undefined,
    venue: undefined,
    url: paperUrl(normal),
    doi: undefined,
    arxiv: undefined,
    known: false,
  };
}

/** "A, B and C" / "A, B, C et al." for cards. */
export function authorLine(authors: string[], max = 4): string {
  const named = authors.filter((author) => author !== 'et al.');
  const more = named.length > max || authors.includes('et al.');
  const shown = named.slice(0, max);
  return more ? `${shown.join(', ')} et al.` : shown.join(', ');
}
