// Pagefind over the built site. One index for the whole site, whatever each page's
// language, so every article is found from every page: Chinese segmentation is forced,
// and it still splits Latin words on spaces and punctuation.
import * as pagefind from 'pagefind';

export async function buildSearchIndex(siteDir) {
  const { index, errors } = await pagefind.createIndex({
    forceLanguage: 'zh',
    excludeSelectors: ['[data-pagefind-ignore]', '.katex-html', 'nav', 'footer', '.toc', '.cite-block', '.related'],
  });
  if (!index) throw new Error(errors.join('; '));
  const added = await index.addDirectory({ path: siteDir });
  if (added.errors.length) throw new Error(added.errors.join('; '));
  const written = await index.writeFiles({ outputPath: `${siteDir}/pagefind` });
  if (written.errors.length) throw new Error(written.errors.join('; '));
  await pagefind.close();
  return { pages: added.page_count };
}
