import { describe, expect, it } from 'vitest';
import { countText, readingMinutes } from '../../../src/lib/reading-time.ts';

describe('reading time', () => {
  it('counts Chinese characters and English words separately', () => {
    expect(countText('注意力机制 uses softmax over QK^T scores')).toEqual({ cjk: 5, words: 6 });
  });

  it('is 400 Chinese characters or 220 English words a minute, at least one', () => {
    expect(readingMinutes({ cjk: 2000, words: 0 })).toBe(5);
    expect(readingMinutes({ cjk: 0, words: 440 })).toBe(2);
    expect(readingMinutes({ cjk: 1, words: 0 })).toBe(1);
  });
});
