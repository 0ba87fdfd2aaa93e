/**
 * What an import did, for the person migrating: every conversion counted by kind (with
 * where it first happened), and every construct it could not convert listed with its
 * `file:line`, so nothing is lost silently. Printed at the end of `npm run import` and
 * written in full to `import-report.json` next to the content folder's `articles/`.
 */

export type NoteKind = 'converted' | 'not-converted' | 'info';

export interface ImportNote {
  kind: NoteKind;
  /** The source file, relative to the source folder ('' for the site as a whole). */
  file: string;
  /** 1-based line in the source file, where known. */
  line?: number | undefined;
  /** What it was, in a few words that group notes of one kind ("{% highlight %} → fenced code"). */
  what: string;
  /** For a construct left as it was: why, and what the author may do. */
  detail?: string | undefined;
}

export class ImportReport {
  readonly notes: ImportNote[] = [];

  converted(file: string, line: number | undefined, what: string): void {
    this.notes.push({ kind: 'converted', file, line, what });
  }

  notConverted(file: string, line: number | undefined, what: string, detail: string): void {
    this.notes.push({ kind: 'not-converted', file, line, what, detail });
  }

  info(file: string, what: string, detail?: string): void {
    this.notes.push({ kind: 'info', file, what, detail });
  }

  /** The notes about one file, reported with lines relative to where its body starts. */
  forFile(file: string, bodyLine: number): FileNotes {
    return {
      converted: (line, what) => this.converted(file, line === undefined ? undefined : line + bodyLine - 1, what),
      notConverted: (line, what, detail) =>
        this.notConverted(file, line === undefined ? undefined : line + bodyLine - 1, what, detail),
      info: (what, detail) => this.info(file, what, detail),
    };
  }

  count(kind: NoteKind, what?: string): number {
    return this.notes.filter((note) => note.kind === kind && (what === undefined || note.what === what)).length;
  }

  /** The report as the terminal shows it. */
  format(): string {
    const where = (note: ImportNote) => (note.line === undefined ? note.file : `${note.file}:${note.line}`);
    const out: string[] = [];
    const byWhat = new Map<string, ImportNote[]>();
    for (const note of this.notes.filter((n) => n.kind === 'converted')) {
      byWhat.set(note.what, [...(byWhat.get(note.what) ?? []), note]);
    }
    out.push('Converted:');
    if (byWhat.size === 0) out.push('  (nothing needed converting)');
    for (const [what, notes] of [...byWhat].sort((a, b) => b[1].length - a[1].length)) {
      const files = new Set(notes.map((note) => note.file)).size;
      const examples = notes.slice(0, 2).map(where).join(', ');
      out.push(
        `  ${String(notes.length).padStart(6)} × ${what}  (${files} file${files === 1 ? '' : 's'}; e.g. ${examples})`,
      );
    }
    const infos = this.notes.filter((note) => note.kind === 'info');
    if (infos.length > 0) {
      out.push('', 'Notes:');
      for (const note of infos)
        out.push(`  ${note.file ? `${note.file}: ` : ''}${note.what}${note.detail ? ` (${note.detail})` : ''}`);
    }
    const left = this.notes.filter((note) => note.kind === 'not-converted');
    out.push('', left.length === 0 ? 'Nothing was left unconverted.' : `Not converted (${left.length}):`);
    for (const note of left) out.push(`  ${where(note)}: ${note.what}${note.detail ? `: ${note.detail}` : ''}`);
    return out.join('\n');
  }
}

/** The notes of one file, with lines counted from the start of its body. */
export interface FileNotes {
  converted(line: number | undefined, what: string): void;
  notConverted(line: number | undefined, what: string, detail: string): void;
  info(what: string, detail?: string): void;
}

/**
 * The notes of a file whose text had lines added (after the given 1-based lines of the
 * text before): notes taken on the new text are reported at the lines as written.
 */
export function withAddedLines(notes: FileNotes, addedAfter: readonly number[]): FileNotes {
  if (addedAfter.length === 0) return notes;
  // The new text's line numbers of the added lines, in order.
  const added = [...addedAfter].sort((a, b) => a - b).map((line, index) => line + index + 1);
  const original = (line: number | undefined) =>
    line === undefined ? undefined : line - added.filter((at) => at < line).length;
  return {
    converted: (line, what) => notes.converted(original(line), what),
    notConverted: (line, what, detail) => notes.notConverted(original(line), what, detail),
    info: (what, detail) => notes.info(what, detail),
  };
}
