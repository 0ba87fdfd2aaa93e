/**
 * The edits an author makes between two builds, as `npm run bench -- --scenario …` measures
 * them (and the incremental engine's test on branch `incremental` checks them): each one
 * changes a content folder the way a person would (a paragraph appended, a formula
 * changed, a title or tags rewritten, an article added or deleted, a tag renamed in the
 * taxonomy), and carries the target issue #14 sets for the incremental build that
 * follows, as a ratio to a cold build.
 *
 * One list for the benchmark and the correctness test, so the edits that are timed are
 * the edits whose output is proven identical to a cold build's.
 *
 * The edits work on any content folder: the generated corpus (flat, no links) and the
 * bundled library (nested folders, links, series, a taxonomy file). Which article each
 * edit touches is chosen by a fixed rule over the sorted file list, so every run and every
 * column edits the same file. Frontmatter is edited through the `yaml` library's document
 * model (comments and layout kept), never by rewriting lines by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export type ScenarioId = 'no-change' | 'body' | 'formula' | 'title' | 'tags' | 'new' | 'delete' | 'taxonomy';

export interface Scenario {
  id: ScenarioId;
  /** What the report calls it. */
  label: string;
  /** Issue #14's target for the rebuild after this edit: at most this × the cold build. */
  target: number | undefined;
  /**
   * Makes the edit in `contentDir`; `round` makes repeated edits distinct. Returns what
   * was changed, relative to the content folder (for logs and failure messages).
   */
  apply(contentDir: string, round: number): string;
}

/** Article files below `articles/`, relative to it, sorted (the inventory's order). */
export function articleFiles(contentDir: string): string[] {
  const articlesDir = path.join(contentDir, 'articles');
  return (fs.readdirSync(articlesDir, { recursive: true }) as string[])
    .filter((name) => /\.mdx?$/.test(name) && name.split(path.sep).every((part) => !/^[_.]/.test(part)))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

const slugOf = (relative: string) => path.basename(relative).replace(/\.mdx?$/, '');
const articlePath = (contentDir: string, relative: string) => path.join(contentDir, 'articles', relative);
const markdownOnly = (files: string[]) => files.filter((file) => file.endsWith('.md'));

interface Article {
  frontmatter: YAML.Document;
  body: string;
}

function readArticle(file: string): Article {
  const text = fs.readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) throw new Error(`${file}: no frontmatter to edit`);
  return { frontmatter: YAML.parseDocument(match[1]!), body: text.slice(match[0].length) };
}

/** The article's tags as written (a list, or one tag as a string). */
function tagsOf(article: Article): string[] {
  const tags: unknown = article.frontmatter.get('tags', false);
  const list: unknown = YAML.isSeq(tags) ? tags.toJSON() : tags;
  return (Array.isArray(list) ? list : list === undefined ? [] : [list]).map(String);
}

function writeArticle(file: string, article: Article): void {
  fs.writeFileSync(file, `---\n${String(article.frontmatter).trimEnd()}\n---\n${article.body}`);
}

function editFrontmatter(file: string, edit: (frontmatter: YAML.Document) => void): void {
  const article = readArticle(file);
  edit(article.frontmatter);
  writeArticle(file, article);
}

/**
 * How many other articles link to each one (`/articles/<slug>/` or `[[slug…]]`). A plain
 * text search is enough here: it only picks which article an edit touches, and a wrong
 * pick shows as a failed build (a deleted article still linked), not as a wrong figure.
 */
function inboundLinks(contentDir: string, files: string[]): Map<string, number> {
  const counts = new Map(files.map((file) => [file, 0]));
  const texts = new Map(files.map((file) => [file, fs.readFileSync(articlePath(contentDir, file), 'utf8')]));
  for (const file of files) {
    const slug = slugOf(file);
    const needles = [`/articles/${slug}/`, `/articles/${slug}#`, `[[${slug}]]`, `[[${slug}|`, `[[${slug}#`];
    for (const [other, text] of texts)
      if (other !== file && needles.some((needle) => text.includes(needle))) counts.set(file, counts.get(file)! + 1);
  }
  return counts;
}

/** The article other pages mention most (its title shows in their backlinks); else the first. */
function mostLinked(contentDir: string): string {
  const files = markdownOnly(articleFiles(contentDir));
  const counts = inboundLinks(contentDir, files);
  return files.reduce((best, file) => (counts.get(file)! > counts.get(best)! ? file : best), files[0]!);
}

/**
 * A display formula's last line outside code fences: the line before the closing `$$` of
 * the first `$$ … $$` block, or undefined when the article has none.
 */
function lastLineOfFirstDisplayFormula(lines: string[]): number | undefined {
  let fence: string | undefined;
  let opened: number | undefined;
  for (const [index, line] of lines.entries()) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (fence === undefined || fenceMark.startsWith(fence))) {
      fence = fence === undefined ? fenceMark : undefined;
      continue;
    }
    if (fence !== undefined || line.trim() !== '$$') continue;
    if (opened === undefined) opened = index;
    else return index - 1 > opened ? index - 1 : undefined;
  }
  return undefined;
}

const paragraph = (round: number) =>
  `\n\n编辑后追加的一段（第 ${round} 次）：在实践中，我们先检查**学习率**与批大小，再看损失曲线。\n`;

export const SCENARIOS: Scenario[] = [
  {
    id: 'no-change',
    label: 'no change',
    target: undefined,
    apply: () => 'nothing',
  },
  {
    id: 'body',
    label: 'edit one body',
    target: 0.1,
    apply(contentDir, round) {
      const file = markdownOnly(articleFiles(contentDir))[0]!;
      fs.appendFileSync(articlePath(contentDir, file), paragraph(round));
      return `articles/${file}: paragraph appended`;
    },
  },
  {
    id: 'formula',
    label: 'edit one formula',
    target: 0.1,
    apply(contentDir, round) {
      for (const file of markdownOnly(articleFiles(contentDir)).slice(1)) {
        const full = articlePath(contentDir, file);
        const lines = fs.readFileSync(full, 'utf8').split('\n');
        const at = lastLineOfFirstDisplayFormula(lines);
        if (at === undefined) continue;
        // A term added after the last line stays valid TeX whatever the line holds
        // (`\end{aligned}`, `\label{…}`, a plain expression).
        lines[at] = `${lines[at]} + \\epsilon_{${round}}`;
        fs.writeFileSync(full, lines.join('\n'));
        return `articles/${file}: display formula on line ${at + 1} changed`;
      }
      throw new Error(`${contentDir}: no Markdown article after the first has a $$ … $$ formula to edit`);
    },
  },
  {
    id: 'title',
    label: "change one article's title",
    target: 0.25,
    apply(contentDir, round) {
      const file = mostLinked(contentDir);
      editFrontmatter(articlePath(contentDir, file), (frontmatter) =>
        frontmatter.set('title', `${String(frontmatter.get('title'))}（修订 ${round}）`),
      );
      return `articles/${file}: title changed`;
    },
  },
  {
    id: 'tags',
    label: "change one article's tags",
    target: 0.25,
    apply(contentDir) {
      const files = markdownOnly(articleFiles(contentDir));
      const file = files.at(-1)!;
      // Another tag the site already has, so an existing tag page gains the article.
      const used = new Set(files.flatMap((other) => tagsOf(readArticle(articlePath(contentDir, other)))));
      editFrontmatter(articlePath(contentDir, file), (frontmatter) => {
        const tags = tagsOf({ frontmatter, body: '' });
        const added = [...used].sort().find((tag) => !tags.includes(tag)) ?? 'benchmark';
        frontmatter.set('tags', frontmatter.createNode([...tags.slice(0, -1), added], { flow: true }));
      });
      return `articles/${file}: last tag replaced`;
    },
  },
  {
    id: 'new',
    label: 'add one new article',
    target: 0.1,
    apply(contentDir, round) {
      const linked = mostLinked(contentDir);
      const source = readArticle(articlePath(contentDir, linked));
      const tags = tagsOf(source).length > 0 ? tagsOf(source) : ['benchmark'];
      const file = `bench-new-article-${round}.md`;
      // It links to an existing article (whose backlinks change) and shares its tags
      // (whose tag pages and related lists change), like a real new note.
      const text = [
        '---',
        `title: "新增的文章 ${round}：注意力的缩放"`,
        'date: 2024-06-01',
        `tags: [${tags.map((tag) => JSON.stringify(tag)).join(', ')}]`,
        `description: "第 ${round} 次基准测试新增的文章。"`,
        '---',
        '',
        `缩放点积注意力把 $QK^\\top$ 除以 $\\sqrt{d_k}$，相关的推导见[这篇文章](/articles/${slugOf(linked)}/)。`,
        '',
        '$$',
        '\\operatorname{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V',
        '$$',
        '',
        '## 为什么要缩放',
        '',
        '若 $q$ 与 $k$ 的各分量独立、方差为 1，则 $q^\\top k$ 的方差是 $d_k$，不缩放时 softmax 会饱和。',
        '',
      ].join('\n');
      fs.writeFileSync(articlePath(contentDir, file), text);
      return `articles/${file}: added`;
    },
  },
  {
    id: 'delete',
    label: 'delete one article',
    target: 0.1,
    apply(contentDir) {
      // An article no other one links to (deleting a linked one fails the build, as it
      // should), from the middle of the list.
      const files = articleFiles(contentDir).filter((file) => !file.startsWith('bench-new-article-'));
      const counts = inboundLinks(contentDir, files);
      const free = files.filter((file) => counts.get(file) === 0);
      const file = free[Math.floor(free.length / 2)];
      if (!file) throw new Error(`${contentDir}: every article is linked from another; none can be deleted alone`);
      fs.rmSync(articlePath(contentDir, file));
      return `articles/${file}: deleted`;
    },
  },
  {
    id: 'taxonomy',
    label: 'rename a tag in the taxonomy',
    target: undefined,
    apply(contentDir, round) {
      const first = markdownOnly(articleFiles(contentDir))[0]!;
      const tag = tagsOf(readArticle(articlePath(contentDir, first)))[0] ?? 'benchmark';
      const file = ['taxonomy.yaml', 'taxonomy.yml'].map((name) => path.join(contentDir, name)).find(fs.existsSync);
      // The generated corpus has no taxonomy file: writing one gives the tag a display name.
      const document = file ? YAML.parseDocument(fs.readFileSync(file, 'utf8')) : new YAML.Document({});
      document.setIn(['tags', tag, 'zh'], `${tag} 新名 ${round}`);
      if (!document.hasIn(['tags', tag, 'en'])) document.setIn(['tags', tag, 'en'], `${tag} renamed ${round}`);
      fs.writeFileSync(file ?? path.join(contentDir, 'taxonomy.yaml'), String(document));
      return `${path.basename(file ?? 'taxonomy.yaml')}: display name of tag ${tag} changed`;
    },
  },
];

export const SCENARIO_IDS = SCENARIOS.map((scenario) => scenario.id);

export function scenarioById(id: ScenarioId): Scenario {
  return SCENARIOS.find((scenario) => scenario.id === id)!;
}
