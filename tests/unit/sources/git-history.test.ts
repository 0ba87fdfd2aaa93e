import { describe, expect, it } from 'vitest';
import { parseLog } from '../../../src/sources/git-history.ts';

const commit = (hash: string, date: string, subject: string, ...changes: string[]) =>
  `\u001e${hash}\u001f${date}\u001f${subject}\n\n${changes.join('\n')}\n`;

describe('parseLog', () => {
  it('gives each file its commits, newest first, following renames back in time', () => {
    const log = [
      commit('c3', '2025-03-01T00:00:00Z', 'Move again', 'R100\tnotes/b.md\tnotes/c.md'),
      commit('c2', '2025-02-01T00:00:00Z', 'Move and edit', 'R087\tnotes/a.md\tnotes/b.md', 'M\tnotes/other.md'),
      commit('c1', '2025-01-01T00:00:00Z', 'Add', 'A\tnotes/a.md', 'A\tnotes/other.md'),
    ].join('');
    const revisions = parseLog(log, '/repo');
    expect(revisions.get('/repo/notes/c.md')?.map((revision) => revision.hash)).toEqual(['c3', 'c2', 'c1']);
    expect(revisions.get('/repo/notes/other.md')?.map((revision) => revision.subject)).toEqual([
      'Move and edit',
      'Add',
    ]);
    expect(revisions.has('/repo/notes/a.md')).toBe(false);
  });

  it('does not give a deleted file’s older commits to a new file of the same name', () => {
    const log = [
      commit('c3', '2025-03-01T00:00:00Z', 'New a', 'A\tnotes/a.md'),
      commit('c2', '2025-02-01T00:00:00Z', 'Rename a', 'R100\tnotes/a.md\tnotes/z.md'),
      commit('c1', '2025-01-01T00:00:00Z', 'Old a', 'A\tnotes/a.md'),
    ].join('');
    const revisions = parseLog(log, '/repo');
    expect(revisions.get('/repo/notes/a.md')?.map((revision) => revision.hash)).toEqual(['c3']);
    expect(revisions.get('/repo/notes/z.md')?.map((revision) => revision.hash)).toEqual(['c2', 'c1']);
  });
});
