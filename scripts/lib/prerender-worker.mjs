// One worker of the pre-render pool: renders the Markdown articles it is given into the
// article renderer's cache and reports content errors instead of stopping at the first.
const { renderArticle } = await import('../../src/markdown/article-renderer.ts');

// @astrojs/markdown-remark prints every failed render with its stack; the errors are
// collected and reported once, clearly, by the build instead.
console.error = () => {};
const files = JSON.parse(process.env.KB_PRERENDER_FILES ?? '[]');
const errors = [];
for (const file of files) {
  try {
    await renderArticle(file);
  } catch (error) {
    errors.push(String(error?.message ?? error).replace(/^Failed to parse Markdown file "[^"]*":\n/, ''));
  }
}
process.send?.({ errors });
