/** Renders Markdown through the site's real article pipeline (src/markdown/article-renderer.ts). */
import { VFile } from 'vfile';
import { formatProblem } from '../../src/lib/problems.ts';
import { createArticleProcessor } from '../../src/markdown/article-renderer.ts';
import { displayMathLines } from '../../src/markdown/display-math-lines.ts';

const processor = createArticleProcessor();

export interface Rendered {
  html: string;
  /** Each problem as the build prints it: `file:line:col — message` and a fix line. */
  problems: string[];
  file: VFile;
}

export async function renderWithProblems(markdown: string, path = '/work/content/articles/test.md'): Promise<Rendered> {
  // As the renderer does: display math into fences of its own first, lines mapped back.
  const normal = displayMathLines(markdown);
  const file = new VFile({ value: normal?.text ?? markdown, path });
  if (normal) file.data.lineOrigins = normal.origins;
  const html = String(await processor.process(file));
  return { html, problems: (file.data.problems ?? []).map(formatProblem), file };
}

/** The HTML of Markdown that has no problems (a test of good input fails on any). */
export async function renderMarkdown(markdown: string, path?: string): Promise<string> {
  const { html, problems } = await renderWithProblems(markdown, path);
  if (problems.length > 0) throw new Error(`unexpected problems:\n${problems.join('\n')}`);
  return html;
}
