// One worker of the pre-render pool: renders the Markdown articles it is sent into the
// article renderer's cache and reports content errors instead of stopping at the first.
const { renderArticle } = await import('../../src/markdown/article-renderer.ts');

// @astrojs/markdown-remark and unified print failed renders with their stacks; the errors
// are collected and reported once, clearly, by the build instead.
console.error = () => {};

process.once('message', async ({ files }) => {
  const errors = [];
  for (const file of files) {
    try {
      await renderArticle(file);
    } catch (error) {
      errors.push(String(error?.message ?? error).replace(/^Failed to parse Markdown file "[^"]*":\n/, ''));
    }
  }
  process.send({ errors }, () => process.exit(0));
});
