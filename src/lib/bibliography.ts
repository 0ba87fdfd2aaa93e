/**
 * The library's bibliography: BibTeX files read with citation-js (its BibTeX parser and its
 * CSL engine), never a parser of our own and never the network. One file,
 * `references.bib` in the content folder, holds every paper the site names; an article
 * may add its own file with `bibliography:` in its frontmatter. Citations in the text
 * (src/markdown/remark-citations.ts), the reference list under an article, the `papers:`
 * cards and the /papers/ page are all made from these entries: one source of paper facts.
 *
 * Entries are normalised once into what pages show (authors, title, venue, year, DOI,
 * arXiv id, URL) plus the CSL item that formats the full reference.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CSL, CSLName } from '@citation-js/core';
// Types only (their formats and options); the libraries themselves load on first use.
import type {} from '@citation-js/plugin-bibtex';
import type {} from '@citation-js/plugin-csl';
import type { CitationStyle } from '../settings.ts';
import type { Problem } from './problems.ts';
import { safeExternalUrl } from './url.ts';

export type { CitationStyle };

type CitationJs = typeof import('@citation-js/core');
let loaded: CitationJs | undefined;

/**
 * citation-js with its BibTeX and CSL plugins, loaded on first use: it is a large library,
 * and most renders (an article without citations, a library without a .bib) never need it.
 */
function citationJs(): CitationJs {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = require('@citation-js/core') as CitationJs;
    require('@citation-js/plugin-bibtex');
    require('@citation-js/plugin-csl');
  }
  return loaded;
}

export interface BibEntry {
  key: string;
  title: string;
  /** Display names, in order; "et al." last when the file lists only the first authors. */
  authors: string[];
  /** Family names (or the organisation) for in-text citations, "et al." dropped. */
  families: string[];
  year: number | undefined;
  /** The journal or proceedings; "arXiv" for a preprint that names neither. */
  venue: string | undefined;
  doi: string | undefined;
  arxiv: string | undefined;
  url: string | undefined;
  /** How `papers:` and paper pages name it: arXiv:…, doi:…, the URL, or the key. */
  id: string;
  file: string;
  line: number;
  csl: CSL;
}

export interface Bibliography {
  entries: Map<string, BibEntry>;
  /** Entries by `id` (arXiv:…, doi:…): what `papers:` frontmatter may name. */
  byId: Map<string, BibEntry>;
  problems: Problem[];
}

interface BibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

/** The canonical form of a paper id, so `arxiv:2104.09864` and `arXiv:2104.09864` match. */
export function normalizePaperId(id: string): string {
  const trimmed = id.trim();
  const arxiv = /^(?:arxiv:|https?:\/\/arxiv\.org\/(?:abs|pdf)\/)(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$/i.exec(trimmed);
  if (arxiv) return `arXiv:${arxiv[1]}`;
  const doi = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)(10\.\S+)$/i.exec(trimmed);
  if (doi) return `doi:${doi[1]}`;
  return trimmed;
}

const problem = (file: string, line: number | undefined, rule: string, message: string, fix: string): Problem => ({
  file,
  line,
  severity: 'error',
  rule,
  message,
  fix,
});

/** "Aäron van den Oord" from CSL's parts; an organisation stays as written. */
function displayName(name: CSLName): string {
  if (name.literal) return name.literal;
  return [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family, name.suffix]
    .filter(Boolean)
    .join(' ');
}

const familyName = (name: CSLName): string =>
  name.literal ?? [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');

const isOthers = (name: CSLName) => name.family === 'others' && !name.given;

/** The line of the n-th `@type{key,` in the file: citation-js keeps no positions. */
function lineOfKey(text: string, key: string, occurrence = 0): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = [...text.matchAll(new RegExp(`@\\w+\\s*\\{\\s*${escaped}\\s*,`, 'g'))][occurrence];
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

/** citation-js's typings ask for every option; its parser fills in the defaults itself. */
const chainTo = (target: string) => ({ target }) as Parameters<CitationJs['plugins']['input']['chain']>[1];

function field(entry: BibtexEntry, name: string): string | undefined {
  const value = entry.properties[name];
  return value === undefined || value === '' ? undefined : String(value).trim();
}

/** Reads one BibTeX file's text; problems name the file and the line. */
export function parseBibliography(text: string, file: string): { entries: BibEntry[]; problems: Problem[] } {
  const { plugins } = citationJs();
  let raw: BibtexEntry[];
  try {
    raw = plugins.input.chain(text, chainTo('@biblatex/entries+list')) as unknown as BibtexEntry[];
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    const line = Number(/at line (\d+)/.exec(message)?.[1] ?? 1);
    return {
      entries: [],
      problems: [
        problem(
          file,
          line,
          'bibliography/syntax',
          `the BibTeX file cannot be read: ${message.replace(/ at line \d+ col \d+:?$/, '')}`,
          'check the braces and commas of the entry on this line or the one before: @article{key, title = {…}, year = {2017},}',
        ),
      ],
    };
  }
  const csl = plugins.input.chain(raw, chainTo('@csl/list+object')) as CSL[];
  const entries: BibEntry[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const occurrences = new Map<string, number>();
  raw.forEach((entry, index) => {
    const key = entry.label;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const line = lineOfKey(text, key, occurrence);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        problem(
          file,
          line,
          'bibliography/duplicate-key',
          `the key "${key}" is used twice (first on line ${first})`,
          'keys name one paper each: rename one of them',
        ),
      );
      return;
    }
    seen.set(key, line);
    const title = field(entry, 'title');
    if (!title) {
      problems.push(
        problem(
          file,
          line,
          'bibliography/missing-title',
          `entry "${key}" has no title`,
          'add  title = {Attention Is All You Need},',
        ),
      );
      return;
    }
    const item = { ...csl[index]!, id: key };
    const names = item.author ?? [];
    const cut = names.some(isOthers);
    const named = names.filter((name) => !isOthers(name));
    const arxivPrefix = (field(entry, 'archiveprefix') ?? field(entry, 'eprinttype') ?? '').toLowerCase();
    const eprint = field(entry, 'eprint');
    const arxiv = eprint && (arxivPrefix === 'arxiv' || /^\d{4}\.\d{4,5}$/.test(eprint)) ? eprint : undefined;
    const doi = field(entry, 'doi');
    // A url from a data file becomes a link a reader clicks: http(s) and mailto only.
    const url = safeExternalUrl(field(entry, 'url'));
    if (field(entry, 'url') !== undefined && !url) {
      problems.push(
        problem(
          file,
          line,
          'bibliography/unsafe-url',
          `entry "${key}" has url = {${field(entry, 'url')}}, which is not an http(s) address; the card links to the paper's arXiv or DOI page instead`,
          'write an http(s) address:  url = {https://arxiv.org/abs/1706.03762},',
        ),
      );
    }
    const yearText = field(entry, 'year') ?? field(entry, 'date')?.slice(0, 4);
    const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
    const venue = item['container-title'] ?? (arxiv ? 'arXiv' : undefined);
    entries.push({
      key,
      title: item.title ?? title,
      authors: [...named.map(displayName), ...(cut ? ['et al.'] : [])],
      families: named.map(familyName),
      year,
      venue,
      doi,
      arxiv,
      url,
      id: arxiv ? `arXiv:${arxiv}` : doi ? `doi:${doi}` : (url ?? key),
      file,
      line,
      // CSL prints "et al." itself only past a style's author limit; a cut list says so here.
      csl: { ...item, author: [...named, ...(cut ? [{ literal: 'et al.' }] : [])] },
    });
  });
  return { entries, problems };
}

const fileCache = new Map<string, { text: string; parsed: ReturnType<typeof parseBibliography> }>();

function readFile(file: string): ReturnType<typeof parseBibliography> {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (text === undefined) {
    return {
      entries: [],
      problems: [
        problem(
          file,
          undefined,
          'bibliography/missing-file',
          'the bibliography file does not exist',
          'fix the path in `bibliography:` (relative to the article) or add the file',
        ),
      ],
    };
  }
  const hit = fileCache.get(file);
  if (hit && hit.text === text) return hit.parsed;
  const parsed = parseBibliography(text, file);
  fileCache.set(file, { text, parsed });
  return parsed;
}

/** The entries of several files; a key in a later file (an article's own) wins. */
export function loadBibliography(files: string[]): Bibliography {
  const entries = new Map<string, BibEntry>();
  const problems: Problem[] = [];
  for (const file of files) {
    const parsed = readFile(file);
    problems.push(...parsed.problems);
    for (const entry of parsed.entries) entries.set(entry.key, entry);
  }
  const byId = new Map<string, BibEntry>();
  for (const entry of entries.values()) byId.set(normalizePaperId(entry.id), entry);
  return { entries, byId, problems };
}

/** The site's shared bibliography file (it need not exist). */
export const sharedBibliography = (contentDir: string) => path.join(contentDir, 'references.bib');

/** The files an article draws on: the shared one (when it exists), then its own `bibliography:`. */
export function articleBibliographyFiles(contentDir: string, articlePath: string, own: string | undefined): string[] {
  const shared = sharedBibliography(contentDir);
  return [...(fs.existsSync(shared) ? [shared] : []), ...(own ? [path.resolve(path.dirname(articlePath), own)] : [])];
}

/** The entry an id of `papers:` (a key, arXiv:…, doi:…, a URL) names. */
export function entryFor(bibliography: Bibliography, id: string): BibEntry | undefined {
  return bibliography.entries.get(id.trim()) ?? bibliography.byId.get(normalizePaperId(id));
}

/** Edit distance, for "did you mean" (keys are short; the quadratic table is fine). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The known names closest to one that is not known: shared prefixes first, then edits. */
export function closestNames(name: string, known: Iterable<string>, count = 3): string[] {
  const lower = name.toLowerCase();
  return [...known]
    .map((candidate) => {
      const other = candidate.toLowerCase();
      const prefix = other.startsWith(lower) || lower.startsWith(other) ? -100 : 0;
      return { candidate, score: prefix + distance(lower, other) };
    })
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

const formatted = new Map<string, string>();

/**
 * The full reference as CSL formats it, as text: Vancouver for numbered citations, APA for
 * author–year. Links (DOI, arXiv, URL) are left out here; the reference list adds them as
 * links of its own.
 */
export function formatReference(entry: BibEntry, style: CitationStyle): string {
  // Keyed by what is formatted, not by file and key: under `astro dev` an entry edited in
  // its file must not keep showing as it was.
  const cacheKey = `${style}\0${JSON.stringify(entry.csl)}`;
  const hit = formatted.get(cacheKey);
  if (hit !== undefined) return hit;
  const { URL: _url, DOI: _doi, ...item } = entry.csl;
  const text = new (citationJs().Cite)([item])
    .format('bibliography', { format: 'text', template: style === 'numbered' ? 'vancouver' : 'apa', lang: 'en-US' })
    .toString()
    .trim()
    .replace(/^\d+\.\s*/, '')
    // "A, B, & et al." (APA joins the last name with "&"): a cut list reads "A, B, et al.".
    .replace(/,?\s*(?:&|and)\s+et al\./, ', et al.');
  formatted.set(cacheKey, text);
  return text;
}

/** In-text author form: "Vaswani", "Dao and Gu", "Vaswani et al." (words from the UI). */
export function citedAuthors(entry: BibEntry, words: { and: string; etAl: string }): string {
  const names = entry.families;
  if (names.length === 0) return entry.title;
  if (names.length === 1 && !entry.authors.includes('et al.')) return names[0]!;
  if (names.length === 2 && !entry.authors.includes('et al.')) return `${names[0]} ${words.and} ${names[1]}`;
  return `${names[0]} ${words.etAl}`;
}
