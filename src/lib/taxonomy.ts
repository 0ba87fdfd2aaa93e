/**
 * The taxonomy file (content/taxonomy.yaml, or .json): categories, tags and series with
 * display names in both languages, a one-line description, and aliases that search also
 * indexes. Unknown tags and series get a default entry; unknown categories are an error
 * (raised by the content schema, which reads `categoryIds`).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { site } from '../config.ts';
import { settings, type UiLang } from '../settings.ts';
import { takeOperatorDeclarations } from './tex-extensions.ts';

const contentDir = settings.contentDir;

export interface Term {
  id: string;
  zh: string;
  en: string;
  description: string;
  aliases: string[];
}

export interface Taxonomy {
  categories: Map<string, Term>;
  tags: Map<string, Term>;
  series: Map<string, Term>;
  macros: Record<string, string>;
  /** Whether the file lists categories: then an article's category must be one of them. */
  definesCategories: boolean;
  /** The file it was read from, or undefined when the content folder has none. */
  source: string | undefined;
}

const FILES = ['taxonomy.yaml', 'taxonomy.yml', 'taxonomy.json'];

const DEFAULT_CATEGORY: Term = {
  id: site.defaultCategory,
  zh: '未分类',
  en: 'Uncategorized',
  description: '尚未归入任何分类的文章。',
  aliases: [],
};

export class TaxonomyError extends Error {
  override name = 'TaxonomyError';
  /** The taxonomy file. */
  readonly file: string;
  // No parameter property: the build scripts load this file with Node's type stripping.
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

function readTerms(raw: unknown, section: string, file: string): Map<string, Term> {
  const terms = new Map<string, Term>();
  if (raw === undefined || raw === null) return terms;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TaxonomyError(file, `"${section}" must be a map of id → { zh, en, description, aliases }`);
  }
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const entry = (value ?? {}) as Record<string, unknown>;
    if (typeof entry !== 'object' || Array.isArray(entry)) {
      throw new TaxonomyError(file, `${section}.${id} must be a map with zh, en, description and aliases`);
    }
    const aliases = entry.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string')) {
      throw new TaxonomyError(file, `${section}.${id}.aliases must be a list of strings, e.g. [RoPE, 旋转位置编码]`);
    }
    terms.set(id, {
      id,
      zh: String(entry.zh ?? entry.en ?? id),
      en: String(entry.en ?? entry.zh ?? id),
      description: String(entry.description ?? ''),
      aliases: aliases as string[],
    });
  }
  return terms;
}

/**
 * `macros:` is a map (`\R: \mathbb{R}`), or a list that may also hold LaTeX's own
 * declarations (`- \DeclareMathOperator{\Tr}{Tr}`), each becoming an operator macro.
 */
function readMacros(raw: unknown, file: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  const entries = Array.isArray(raw) ? raw : [raw];
  const macros: Record<string, string> = {};
  for (const entry of entries) {
    if (typeof entry === 'string') {
      const { macros: declared, rest } = takeOperatorDeclarations(entry);
      if (rest.trim() || Object.keys(declared).length === 0) {
        throw new TaxonomyError(
          file,
          `macros: "${entry}" is not a declaration; write  - \\DeclareMathOperator{\\Tr}{Tr}  or a map entry  \\R: \\mathbb{R}`,
        );
      }
      Object.assign(macros, declared);
    } else if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      for (const [name, value] of Object.entries(entry as Record<string, unknown>)) macros[name] = String(value);
    } else {
      throw new TaxonomyError(file, 'macros must be a map of \\name → TeX, or a list of such maps and declarations');
    }
  }
  return macros;
}

export function parseTaxonomy(text: string, file: string): Omit<Taxonomy, 'source'> {
  let data: Record<string, unknown>;
  try {
    data = (file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text, { uniqueKeys: true })) ?? {};
  } catch (error) {
    throw new TaxonomyError(file, `cannot be parsed: ${(error as Error).message}`);
  }
  const categories = readTerms(data.categories, 'categories', file);
  const definesCategories = categories.size > 0;
  if (!categories.has(DEFAULT_CATEGORY.id)) categories.set(DEFAULT_CATEGORY.id, DEFAULT_CATEGORY);
  const macros = readMacros(data.macros, file);
  return {
    categories,
    tags: readTerms(data.tags, 'tags', file),
    series: readTerms(data.series, 'series', file),
    macros,
    definesCategories,
  };
}

const cache = new Map<string, Taxonomy>();

export function loadTaxonomy(dir: string = contentDir): Taxonomy {
  const hit = cache.get(dir);
  if (hit) return hit;
  const found = FILES.map((name) => path.join(dir, name)).find((candidate) => fs.existsSync(candidate));
  const taxonomy: Taxonomy = found
    ? { ...parseTaxonomy(fs.readFileSync(found, 'utf8'), path.relative(process.cwd(), found)), source: found }
    : { ...parseTaxonomy('', 'taxonomy'), source: undefined };
  cache.set(dir, taxonomy);
  return taxonomy;
}

/** A tag or series the taxonomy does not list still gets a usable entry. */
export function termOf(map: Map<string, Term>, id: string): Term {
  return map.get(id) ?? { id, zh: id, en: id, description: '', aliases: [] };
}

export function termName(term: Term, lang: UiLang): string {
  return lang === 'en' ? term.en : term.zh;
}
