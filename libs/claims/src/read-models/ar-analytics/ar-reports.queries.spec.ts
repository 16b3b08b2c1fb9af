import { distribution } from './ar-reports.queries.js';

describe('distribution of whole days, as percentile_cont would give it', () => {
  it('interpolates the median and p90 between the nearest values', () => {
    // 1, 2, 2, 3, 10: median 2; p90 at position 3.6, between 3 and 10 (float arithmetic, as PostgreSQL does it).
    const result = distribution([
      [10, 1],
      [2, 2],
      [1, 1],
      [3, 1],
    ]);
    expect(result).toMatchObject({ count: 5, mean: 3.6, median: 2 });
    expect(result.p90).toBeCloseTo(7.2, 12);
  });

  it('takes the value itself when the position falls on one, and one value alone', () => {
    expect(
      distribution([
        [4, 3],
        [8, 1],
      ]).median,
    ).toBe(4);
    expect(
      distribution([
        [4, 3],
        [8, 1],
      ]).p90,
    ).toBeCloseTo(6.8, 12);
    expect(distribution([[7, 1]])).toEqual({ count: 1, mean: 7, median: 7, p90: 7 });
  });
});
