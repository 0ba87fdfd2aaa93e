/**
 * Article slugs come from file names: `content/articles/ssm/hippo.md` → `hippo`. Folders
 * group files for authors but never appear in URLs, so moving a file keeps its URL. Any
 * name works: Chinese stays Chinese (`第一章 NLP基础概念.md` → `第一章-nlp基础概念`), spaces,
 * dots and brackets become hyphens, and a folder's `README.md` or `index.md` takes the
 * folder's name (page bundles, docsify chapters).
 */
import path from 'node:path';

export const ARTICLE_PATTERN = /\.(md|mdx)$/i;
const FOLDER_PAGE = /^(readme|index)$/i;

/** A name as a URL path segment: lowercase, letters and digits of any script, single hyphens. */
export function slugify(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s.()[\]{}【】（）《》「」:：,，;；!！?？'"‘’“”&+=*^%$#@~`|\\/<>]+/g, '-')
    .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

export function slugFromPath(filePath: string): string {
  const name = path.basename(filePath).replace(ARTICLE_PATTERN, '');
  const folder = path.basename(path.dirname(filePath));
  return slugify(FOLDER_PAGE.test(name) && folder && folder !== '.' ? folder : name);
}

/** Why a slug is unusable, or undefined when it is fine. */
export function slugProblem(slug: string): string | undefined {
  return slug ? undefined : 'the file name has no letters or digits to make a URL from';
}

/** A tag or category as written ("Auto ML", "生成模型") made into a URL id ("auto-ml"). */
export function termId(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_./\\]+/g, '-')
    .replace(/[^\p{L}\p{N}-]+/gu, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
