/**
 * The numbered things of an article, in one registry: equations (remark-equation-refs),
 * theorem-like blocks (remark-theorems), figures and tables (remark-figures). Each plugin
 * registers what it numbers on the file; remark-crossrefs resolves `@thm-x`, `@fig-x`,
 * `@eq-x` against it, and the render cache keeps the list as a fact, so other articles can
 * refer to these labels (`[[slug#thm-x]]`) and the site can check them.
 *
 * Prefixes are Quarto's: the id says what a label is, so `@fig-x` is a reference and any
 * other `@key` a citation.
 */
import type { VFile } from 'vfile';
import { t } from '../i18n/index.ts';
import { report } from './report.ts';

export const THEOREM_KINDS = ['thm', 'lem', 'cor', 'prp', 'def', 'exm', 'exr'] as const;
export type TheoremKind = (typeof THEOREM_KINDS)[number];
export type LabelKind = TheoremKind | 'fig' | 'tbl' | 'eq';

/** An id that names a label: a known kind, a hyphen, then a name. */
export const LABEL_ID = /^(thm|lem|cor|prp|def|exm|exr|fig|tbl|eq)-(.+)$/;

export interface LabelFact {
  /** The anchor id on the page. */
  id: string;
  kind: LabelKind;
  /** As shown: "2", or an equation's own \tag. */
  number: string;
  /** An equation's `\\label` as written (`eq:rope`), when it differs from the id. */
  name?: string | undefined;
  /** A theorem's name or a figure's caption, as plain text. */
  title?: string | undefined;
  line?: number | undefined;
}

type LabelMap = Map<string, LabelFact>;

declare module 'vfile' {
  interface DataMap {
    /** Labels by the names an author may use: the id, and an equation's \label as written. */
    labels: LabelMap;
  }
}

export function labelKindOf(id: string): LabelKind | undefined {
  return LABEL_ID.exec(id)?.[1] as LabelKind | undefined;
}

/** "定理 2", "图 1", "式 (3)" (the UI language's words). */
export function labelText(label: Pick<LabelFact, 'kind' | 'number'>): string {
  const name = t.labelKinds[label.kind];
  return label.kind === 'eq' ? `${name} (${label.number})` : `${name} ${label.number}`;
}

/** Registers a label; a name used twice is reported and the first one kept. */
export function registerLabel(
  file: VFile,
  names: string[],
  label: LabelFact,
  node: { position?: { start: { line: number; column: number } } | undefined },
): boolean {
  const labels = (file.data.labels ??= new Map());
  for (const name of names) {
    const previous = labels.get(name);
    if (previous && previous !== label) {
      report(file, node, {
        rule: 'label/duplicate',
        message: `the id "${name}" is used twice in this article (first on line ${previous.line ?? '?'})`,
        fix: 'ids name one block each: rename one of them',
      });
      return false;
    }
  }
  for (const name of names) labels.set(name, label);
  return true;
}

/** The distinct labels of a file, in the order they were numbered. */
export function labelList(file: VFile): LabelFact[] {
  return [...new Set(file.data.labels?.values() ?? [])];
}
