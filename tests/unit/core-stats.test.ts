import { mean, median, percentile } from '../../core/stats';

describe('stats', () => {
  it('takes the median of odd and even counts, unsorted input', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('interpolates percentiles between ranks', () => {
    const v = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(v, 90)).toBeCloseTo(91, 10);
    expect(percentile(v, 0)).toBe(10);
    expect(percentile(v, 100)).toBe(100);
  });
  it('ignores non-finite values and answers NaN for no data', () => {
    expect(median([NaN, 2, Infinity, 4])).toBe(3);
    expect(median([])).toBeNaN();
    expect(mean([])).toBeNaN();
  });
  it('refuses a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], NaN)).toThrow(RangeError);
  });
  it('does not reorder the caller array', () => {
    const v = [3, 1, 2];
    median(v);
    expect(v).toEqual([3, 1, 2]);
  });
});
