import { describe, expect, it } from 'vitest';
import { countText, proseOf, readingMinutes } from '../../../src/lib/reading-time.ts';

describe('reading time', () => {
  it('counts Chinese characters and English words separately', () => {
    expect(countText('注意力机制 uses softmax over QK^T scores')).toEqual({ cjk: 5, words: 6 });
  });

  it('ignores code and math', () => {
    const prose = proseOf('中文\n\n```python\nfor i in range(10): pass\n```\n\n$$a+b$$ 和 $x$');
    expect(countText(prose)).toEqual({ cjk: 3, words: 0 });
  });

  it('is 400 Chinese characters or 220 English words a minute, at least one', () => {
    expect(readingMinutes('字'.repeat(2000))).toBe(5);
    expect(readingMinutes('word '.repeat(440))).toBe(2);
    expect(readingMinutes('短')).toBe(1);
  });
});
