import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  citedAuthors,
  closestNames,
  formatReference,
  loadBibliography,
  parseBibliography,
} from '../../../src/lib/bibliography.ts';

const ENTRIES = `% a comment line
@inproceedings{vaswani2017attention,
  author    = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki and others},
  title     = {Attention Is All You Need},
  booktitle = {NeurIPS},
  year      = {2017},
  eprint    = {1706.03762},
  archiveprefix = {arXiv},
  url       = {https://arxiv.org/abs/1706.03762},
}

@article{polya1921uber,
  author  = {P{\\'o}lya, George},
  title   = {{\\"U}ber eine Aufgabe der Wahrscheinlichkeitsrechnung},
  journal = {Mathematische Annalen},
  year    = {1921},
  doi     = {10.1007/BF01458701},
}

@misc{deepseekai2024deepseekv3,
  author = {{DeepSeek-AI}},
  title  = {DeepSeek-V3 Technical Report},
  year   = {2024},
  eprint = {2412.19437},
  archiveprefix = {arXiv},
}

@inproceedings{oord2016pixel,
  author = {van den Oord, Aäron and Kalchbrenner, Nal},
  title = {Pixel Recurrent Neural Networks},
  booktitle = {ICML 2016},
  year = {2016},
}
`;

describe('bibliography (citation-js)', () => {
  const { entries, problems } = parseBibliography(ENTRIES, 'refs.bib');
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));

  it('reads authors, title, venue, year, DOI, arXiv id and URL', () => {
    expect(problems).toEqual([]);
    expect(byKey.get('vaswani2017attention')).toMatchObject({
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'et al.'],
      families: ['Vaswani', 'Shazeer', 'Parmar'],
      title: 'Attention Is All You Need',
      venue: 'NeurIPS',
      year: 2017,
      arxiv: '1706.03762',
      id: 'arXiv:1706.03762',
      line: 2,
    });
    expect(byKey.get('polya1921uber')).toMatchObject({
      authors: ['George Pólya'],
      title: 'Über eine Aufgabe der Wahrscheinlichkeitsrechnung',
      venue: 'Mathematische Annalen',
      doi: '10.1007/BF01458701',
      id: 'doi:10.1007/BF01458701',
    });
    // An arXiv preprint without a journal shows "arXiv"; an organisation stays one name.
    expect(byKey.get('deepseekai2024deepseekv3')).toMatchObject({ authors: ['DeepSeek-AI'], venue: 'arXiv' });
    expect(byKey.get('oord2016pixel')!.authors).toEqual(['Aäron van den Oord', 'Nal Kalchbrenner']);
  });

  it('formats the full reference with CSL: Vancouver when numbered, APA for author–year', () => {
    const vaswani = byKey.get('vaswani2017attention')!;
    expect(formatReference(vaswani, 'numbered')).toBe(
      'Vaswani A, Shazeer N, Parmar N, et al. Attention Is All You Need. In: NeurIPS. 2017.',
    );
    expect(formatReference(vaswani, 'author-year')).toBe(
      'Vaswani, A., Shazeer, N., Parmar, N., et al. (2017). Attention Is All You Need. NeurIPS.',
    );
  });

  it('names authors for in-text citations', () => {
    const words = { and: 'and', etAl: 'et al.' };
    expect(citedAuthors(byKey.get('vaswani2017attention')!, words)).toBe('Vaswani et al.');
    expect(citedAuthors(byKey.get('oord2016pixel')!, words)).toBe('van den Oord and Kalchbrenner');
    expect(citedAuthors(byKey.get('deepseekai2024deepseekv3')!, words)).toBe('DeepSeek-AI');
  });

  it('reports a syntax error with the line', () => {
    const broken = parseBibliography('@article{a, title = {A}}\n\n@article{b title = {B}}\n', 'refs.bib');
    expect(broken.problems).toMatchObject([{ rule: 'bibliography/syntax', line: 3, file: 'refs.bib' }]);
  });

  it('reports a duplicate key and an entry without a title, each at its line', () => {
    const { problems: found } = parseBibliography(
      '@article{a, title = {A}, year = {2020}}\n@article{a, title = {Again}}\n@article{c, year = {2021}}\n',
      'refs.bib',
    );
    expect(found).toMatchObject([
      { rule: 'bibliography/duplicate-key', line: 2, message: expect.stringContaining('first on line 1') },
      { rule: 'bibliography/missing-title', line: 3 },
    ]);
  });

  it('lets an article file add entries and override shared ones; a missing file is reported', () => {
    const shared = path.resolve('content/references.bib');
    const loaded = loadBibliography([shared, '/nonexistent/own.bib']);
    expect(loaded.entries.get('vaswani2017attention')?.title).toBe('Attention Is All You Need');
    expect(loaded.problems).toMatchObject([{ rule: 'bibliography/missing-file', file: '/nonexistent/own.bib' }]);
  });

  it('suggests the closest keys', () => {
    expect(closestNames('vaswani2017', ['vaswani2017attention', 'dao2022flashattention', 'su2024roformer'])[0]).toBe(
      'vaswani2017attention',
    );
    expect(closestNames('dao2022flashatention', ['vaswani2017attention', 'dao2022flashattention'])[0]).toBe(
      'dao2022flashattention',
    );
  });
});
