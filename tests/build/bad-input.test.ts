/**
 * Bad input fails the build with a message that names the file, the line and what to do;
 * the content folder is left alone and the last good output stays in place.
 *
 * One fixture per scenario (tests/fixtures/<scenario>/), each with its own assertion. The
 * build never stops at the first problem, so the scenarios share builds: every problem of
 * every file and every stage comes out of one run, which is itself what is tested here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFixtures,
  failureSummary,
  problemAbout,
  problemsAbout,
  removeBuild,
  type FixtureBuild,
} from './build-fixture.ts';

function expectCleanFailure(build: FixtureBuild) {
  expect(build.status, build.output).not.toBe(0);
  expect(build.contentUnchanged).toBe(true);
  expect(build.lastGoodKept).toBe(true);
  expect(build.leftovers).toEqual([]);
}

const SCENARIOS = [
  'frontmatter-title-list',
  'frontmatter-bad-date',
  'frontmatter-tags-map',
  'frontmatter-unknown-category',
  'frontmatter-yaml-syntax',
  'frontmatter-duplicate-keys',
  'duplicate-slug',
  'translation-duplicate-language',
  'translation-missing',
  'empty-file',
  'not-utf8',
  'huge-article',
  'tex-invalid',
  'tex-unknown-macro',
  'tex-unbalanced-dollar',
  'link-missing-article',
  'link-missing-anchor',
  'image-missing',
  'raw-html-script',
  'raw-html-event-handler',
  'mdx-syntax-error',
  'mdx-missing-import',
  'citation-unknown-key',
  'crossref-unknown-label',
];

let build: FixtureBuild;
beforeAll(async () => {
  build = await buildFixtures(SCENARIOS, {
    prepare(contentDir) {
      const file = path.join(contentDir, 'articles/huge-article.md');
      const section = fs.readFileSync(path.join(contentDir, 'section.md'), 'utf8');
      const head = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(
        file,
        head + section.repeat(Math.ceil((5 * 1024 * 1024 - head.length) / Buffer.byteLength(section))),
      );
    },
  });
});
afterAll(() => removeBuild(build));

describe('one build reports every problem', () => {
  it('fails, keeps the last good output and leaves the content folder as it was', () => {
    expectCleanFailure(build);
    expect(failureSummary(build)).toMatch(/was left as it was/);
  });

  it('reports problems of three files and of different stages (sources, rendering, built pages) in one run', () => {
    const summary = failureSummary(build);
    expect(summary).toMatch(/duplicate slug "same-name"/); // checking sources
    expect(summary).toMatch(/tex-invalid\.md:9:1 — invalid TeX/); // rendering
    expect(summary).toMatch(
      /link-missing-anchor\.md:9:\d+ — link "\/articles\/anchor-target\/#no-such-heading" points at #no-such-heading/,
    ); // the built pages
  });

  it('groups the problems by file, counts them per rule, and writes every one to kb-problems.json', () => {
    const summary = failureSummary(build);
    expect(summary).toMatch(/^\[kb\] build failed: \d+ errors, \d+ warnings? in \d+ files/);
    expect(summary).toMatch(/\n<content>\/articles\/tex-unbalanced-dollar|\n.*unbalanced-display\.md \(1 problem\)/);
    expect(summary).toMatch(/by rule: .*frontmatter\/title 1/);
    const report = JSON.parse(fs.readFileSync(path.join(build.root, 'kb-problems.json'), 'utf8')) as {
      errors: number;
      problems: { file: string; rule: string }[];
    };
    expect(report.errors).toBeGreaterThanOrEqual(SCENARIOS.length);
    expect(new Set(report.problems.map((problem) => path.basename(problem.file))).size).toBeGreaterThanOrEqual(
      SCENARIOS.length,
    );
  });
});

describe('frontmatter and files that cannot be articles (checked before anything renders)', () => {
  it('a title that is a list: names the file and the line, and shows the form', () => {
    expect(problemAbout(build, 'title-list.md')).toMatch(
      /articles\/title-list\.md:2 — "title" must be text, not a list or a map[\s\S]*fix: write it as\s+title: "/,
    );
  });

  it('unparsable date: points at the date line and shows the valid form', () => {
    expect(problemAbout(build, 'bad-date.md')).toMatch(
      /articles\/bad-date\.md:3 — "date: 2025-13-45" is not a day on the calendar[\s\S]*date: 2025-06-12/,
    );
  });

  it('tags that are neither a list nor a string: points at the tags line and shows a list', () => {
    expect(problemAbout(build, 'tags-map.md')).toMatch(
      /articles\/tags-map\.md:4 — "tags" must be a list[\s\S]*fix: write it as\s+tags: \[rope, attention\]/,
    );
  });

  it('unknown category: points at the line and lists the categories there are', () => {
    expect(problemAbout(build, 'unknown-category.md')).toMatch(
      /articles\/unknown-category\.md:5 — unknown category "quantum-gravity"[\s\S]*fix: use one of: transformer, uncategorized/,
    );
  });

  it('YAML syntax error: points at the line where the quote was opened', () => {
    expect(problemAbout(build, 'yaml-syntax.md')).toMatch(
      /articles\/yaml-syntax\.md:2 — the frontmatter is not valid YAML: a quoted value is opened on this line and never closed/,
    );
  });

  it('duplicate keys: points at the second one and names the first', () => {
    expect(problemAbout(build, 'duplicate-keys.md')).toMatch(
      /articles\/duplicate-keys\.md:5 — frontmatter key "title" appears twice \(first on line 2\)\n\s+fix: keep one of them/,
    );
  });

  it('two files with one slug: one message, naming both files and the URL they would share', () => {
    expect(problemsAbout(build, 'same-name.md')).toHaveLength(1);
    const problem = problemAbout(build, 'inference/same-name.md');
    expect(problem).toMatch(
      /articles\/inference\/same-name\.md:1 — duplicate slug "same-name": .*articles\/attention\/same-name\.md has the same name/,
    );
    expect(problem).toMatch(
      /\/articles\/same-name\/\n\s+fix: rename one of the files, or give one of them its own\s+slug:/,
    );
  });

  it('two versions in one language under one translationKey: an error naming both files', () => {
    // Reported once, at the second file in path order, naming both.
    expect(failureSummary(build).match(/two zh versions of one article/g)).toHaveLength(1);
    const problem = problemAbout(build, 'attention-zh.md');
    expect(problem).toMatch(
      /articles\/attention-zh\.md:1 — two zh versions of one article: .*articles\/attention-zh-copy\.md and .*articles\/attention-zh\.md are linked as translations/,
    );
    expect(problem).toMatch(/fix: keep one zh version in the group/);
    expect(problemsAbout(build, 'attention-en.md')).toEqual([]);
  });

  it('translations: naming an article that does not exist', () => {
    expect(problemAbout(build, 'translation-missing.md')).toMatch(
      /translation-missing\.md:1 — translations: zh: "no-such-article" is not an article/,
    );
  });

  it('empty file: says it is empty and shows how an article starts', () => {
    expect(problemAbout(build, 'empty-file.md')).toMatch(
      /articles\/empty-file\.md:1 — the file is empty\. An article starts with frontmatter, e\.g\.\n\s+---\n\s+title:/,
    );
  });

  it('a file that is not UTF-8: names the line with the first foreign byte and how to re-save', () => {
    expect(problemAbout(build, 'not-utf8.md')).toMatch(
      /articles\/not-utf8\.md:7 — the file is not UTF-8 text \(byte 0xD6 [\s\S]*re-save it as UTF-8/,
    );
  });

  it('a 5 MB article: says how large it is, the limit, and to split it into a series', () => {
    expect(problemAbout(build, 'huge-article.md')).toMatch(
      /articles\/huge-article\.md:1 — the article is 5\.0 MB; articles may be at most 1\.0 MB\n\s+fix: split it into parts published as a series/,
    );
  });
});

describe('formulas, links and images (checked while rendering)', () => {
  it("invalid TeX: the line of the formula, KaTeX's reason, the formula and the way out", () => {
    const problem = problemAbout(build, 'tex-invalid.md');
    expect(problem).toMatch(/articles\/tex-invalid\.md:9:1 — invalid TeX: KaTeX parse error: Unexpected end of input/);
    expect(problem).toMatch(/formula: \\frac\{a\}\{/);
    expect(problem).toMatch(/fix: correct the formula, or build with KB_LENIENT=1/);
  });

  it('unknown macro: names the macro at its line and column', () => {
    expect(problemAbout(build, 'tex-unknown-macro.md')).toMatch(
      /articles\/tex-unknown-macro\.md:7:13 — invalid TeX: KaTeX parse error: Undefined control sequence: \\notamacro/,
    );
  });

  it('unbalanced $: a $ that opens a formula and never closes it', () => {
    expect(problemAbout(build, 'unbalanced-inline.md')).toMatch(
      /articles\/unbalanced-inline\.md:9:22 — "\$\\alpha_\{ij\}.*": a \$ opens a formula that is never closed\n\s+fix: end the formula with \$, or write \\\$ for a dollar sign/,
    );
  });

  it('unbalanced $$: a display formula that runs to the end of the file', () => {
    expect(problemAbout(build, 'unbalanced-display.md')).toMatch(
      /articles\/unbalanced-display\.md:9:1 — this \$\$ display formula is never closed[\s\S]*fix: add a line with \$\$ after the formula/,
    );
  });

  it('link to an article that does not exist: the line, the link and the slug', () => {
    expect(problemAbout(build, 'link-missing-article.md')).toMatch(
      /articles\/link-missing-article\.md:9:5 — link to "\/articles\/does-not-exist\/", but no article has the slug "does-not-exist"/,
    );
  });

  it('image that does not exist: the line, the path as written and where it was looked for', () => {
    expect(problemAbout(build, 'image-missing.md')).toMatch(
      /articles\/image-missing\.md:9:1 — image "\.\/figures\/loss-curve\.png" does not exist \(looked for .*articles\/figures\/loss-curve\.png\)/,
    );
  });
});

describe("raw HTML that would run in readers' browsers: removed, and said so", () => {
  it('a <script> in Markdown: the line, and how to show it as text instead', () => {
    expect(problemAbout(build, 'raw-html-script.md')).toMatch(
      /^⚠ .*articles\/raw-html-script\.md:9:1 — <script> removed: articles may not contain scripts[\s\S]*escape the < as \\</,
    );
    expect(fs.readFileSync(path.join(build.root, 'kb-problems.json'), 'utf8')).toContain('html/removed-element');
  });

  it('an event handler attribute (onerror=): the line and the attribute', () => {
    expect(problemAbout(build, 'raw-html-event-handler.md')).toMatch(
      /^⚠ .*articles\/raw-html-event-handler\.md:9:\d+ — "onerror" removed from <img>: event handlers would run code/,
    );
  });
});

describe('MDX', () => {
  it('syntax error (unclosed JSX tag): the line of the tag and how to close it', () => {
    expect(problemAbout(build, 'mdx-syntax-error.mdx')).toMatch(
      /articles\/mdx-syntax-error\.mdx:9:1 — MDX syntax error: Expected a closing tag for <div>[\s\S]*fix: close every JSX tag/,
    );
  });

  it('import of a missing component: the line of the import, not of the compiled code', () => {
    expect(problemAbout(build, 'mdx-missing-import.mdx')).toMatch(
      /articles\/mdx-missing-import\.mdx:6(:1)? — import "\.\.\/components\/Chart\.astro" does not exist\n\s+fix: paths are relative to the article file/,
    );
  });
});

describe('anchors in the built pages', () => {
  it('a link to a heading that does not exist: the source line and the headings there are', () => {
    const entries = problemsAbout(build, 'link-missing-anchor.md').join('\n');
    expect(entries).toMatch(
      /articles\/link-missing-anchor\.md:9:\d+ — link "\/articles\/anchor-target\/#no-such-heading" points at #no-such-heading, which \/articles\/anchor-target\/ does not have \(on \/articles\/link-missing-anchor\/\)\n\s+fix: heading anchors there: #a-real-heading/,
    );
    expect(entries).toMatch(/articles\/link-missing-anchor\.md:9:\d+ — link "#also-missing" points at #also-missing/);
  });
});

describe('citations and references to numbered blocks', () => {
  it('an unknown citation key: the file, the line and the closest known keys', () => {
    expect(problemAbout(build, 'citation-unknown-key.md')).toMatch(
      /articles\/citation-unknown-key\.md:9:\d+ — @vaswani2017 is not in the bibliography[\s\S]*fix: did you mean vaswani2017attention/,
    );
  });

  it('a key used twice in references.bib: the file and the line of the second one', () => {
    expect(problemAbout(build, 'references.bib:')).toMatch(
      /references\.bib:9 — the key "vaswani2017attention" is used twice \(first on line 2\)/,
    );
  });

  it('a label another article does not have, and one this article does not have: each with the closest labels', () => {
    const problems = problemsAbout(build, 'crossref-source.md');
    expect(problems).toEqual([
      expect.stringMatching(
        /crossref-source\.md:9:3 — \[\[crossref-target#thm-alpah\]\]: "crossref-target" has no label "thm-alpah"[\s\S]*fix: its labels closest to that: thm-alpha/,
      ),
      expect.stringMatching(/crossref-source\.md:9:\d+ — @fig-missing refers to nothing in this article/),
    ]);
  });
});
