/** BibTeX for "cite this article", with TeX-special characters escaped. */
export interface CiteInput {
  slug: string;
  title: string;
  author: string;
  date: Date;
  url: string;
  siteTitle: string;
}

const SPECIAL = /[\\{}%&$#_^~]/g;

export function escapeBibtex(text: string): string {
  return text.replace(SPECIAL, (char) =>
    char === '\\' ? '\\textbackslash{}' : char === '^' ? '\\^{}' : char === '~' ? '\\~{}' : `\\${char}`,
  );
}

export function bibtexFor(input: CiteInput): string {
  const year = input.date.getUTCFullYear();
  const month = input.date.getUTCMonth() + 1;
  const key = `kb-${input.slug}-${year}`.replace(/[^A-Za-z0-9:-]/g, '');
  return [
    `@online{${key},`,
    `  title   = {${escapeBibtex(input.title)}},`,
    `  author  = {${escapeBibtex(input.author)}},`,
    `  year    = {${year}},`,
    `  month   = {${month}},`,
    `  url     = {${input.url}},`,
    `  note    = {${escapeBibtex(input.siteTitle)}},`,
    `}`,
  ].join('\n');
}
