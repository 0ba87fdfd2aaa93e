import { describe, expect, it } from 'vitest';
import { median } from '../../../scripts/lib/measure.ts';

describe('median of benchmark runs', () => {
  it('is the middle run for an odd count and the mean of the two middle runs for an even count', () => {
    expect(median([72.3])).toBe(72.3);
    expect(median([3, 1, 2])).toBe(2);
    // Two runs: not the slower one (the bench once reported the upper of two as their median).
    expect(median([72.3, 71.2])).toBeCloseTo(71.75, 10);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
