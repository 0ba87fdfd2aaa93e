import { describe, expect, it } from 'vitest';
import { fencedLines, mapProse, segments, type MathSyntax } from '../../../scripts/import/markdown-text.ts';

const kinds = (text: string, syntax: MathSyntax = { backslash: true, dollar: 'pandoc' }) =>
  segments(text, syntax).map((segment) => `${segment.kind}:${text.slice(segment.start, segment.end)}`);

describe('reading other tools’ Markdown as text', () => {
  it('fenced code, with backtick and tilde fences, in quotes too, is code to its closing fence', () => {
    expect(fencedLines(['a', '```python', '# x', '```', '> ~~~', '> y', '> ~~~', 'b'])).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('tells prose from inline code, comments and formulas under the tool’s rules', () => {
    expect(kinds('Cost `$x$` then $a_1$ <!-- $b$ --> \\(c\\).')).toEqual([
      'prose:Cost ',
      'code:`$x$`',
      'prose: then ',
      'math:$a_1$',
      'prose: ',
      'comment:<!-- $b$ -->',
      'prose: ',
      'math:\\(c\\)',
      'prose:.',
    ]);
    // Without backslash delimiters (Obsidian, docsify) \( is an escaped parenthesis.
    expect(kinds('\\(1\\) and $ x $', { backslash: false, dollar: 'pandoc' })).toEqual(['prose:\\(1\\) and $ x $']);
    expect(kinds('\\(1\\) and $ x $', { backslash: false, dollar: 'loose' })).toEqual([
      'prose:\\(1\\) and ',
      'math:$ x $',
    ]);
  });

  it('a $$ display formula may span lines; an inline one never crosses a blank line', () => {
    expect(kinds('a $$\nx\n$$ b $c\n\nd$')).toEqual(['prose:a ', 'math:$$\nx\n$$', 'prose: b $c\n\nd$']);
  });

  it('`$a$$$b$$` is an inline formula followed by a display one', () => {
    expect(kinds('map $f$$$g$$.')).toEqual(['prose:map ', 'math:$f$', 'math:$$g$$', 'prose:.']);
  });

  it('changes prose only, leaving code and formulas as written', () => {
    expect(mapProse('x_1 `x_1` $x_1$', { backslash: false, dollar: 'pandoc' }, (text) => text.toUpperCase())).toBe(
      'X_1 `x_1` $x_1$',
    );
  });
});
