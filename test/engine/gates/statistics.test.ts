import { describe, expect, it } from 'vitest';
import {
  fisherOneSided,
  logGamma,
  mannWhitneyGreater,
  mannWhitneySmallestP,
  median,
  normalCdf,
} from '../../../shared/engine/gates/statistics.ts';

describe('statistics', () => {
  it('logGamma matches factorials', () => {
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 5);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 5);
  });

  it('Fisher one-sided: the tea-tasting table and a hand-counted one', () => {
    // 4 of 4 vs 0 of 4: only one table is as extreme, of C(8,4) = 70.
    expect(fisherOneSided(4, 4, 0, 4)).toBeCloseTo(1 / 70, 8);
    // 3 of 4 vs 1 of 4: (16 + 1) / 70.
    expect(fisherOneSided(3, 4, 1, 4)).toBeCloseTo(17 / 70, 8);
    // The direction matters: the new version erring less is never significant.
    expect(fisherOneSided(0, 4, 4, 4)).toBeCloseTo(1, 6);
  });

  it('Fisher one-sided separates 3 % from 1 % on thousands of requests, not 1 % from 1 %', () => {
    // scipy.stats.fisher_exact([[60, 1940], [180, 17820]], alternative='greater') gives 1.456e-11.
    expect(fisherOneSided(60, 2000, 180, 18000)).toBeCloseTo(1.456e-11, 13);
    expect(fisherOneSided(20, 2000, 180, 18000)).toBeGreaterThan(0.4);
  });

  it('normalCdf', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.6448536)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
  });

  it('Mann–Whitney exact tail: counted by hand for 3 vs 3', () => {
    expect(mannWhitneyGreater([4, 5, 6], [1, 2, 3])).toEqual({ u: 9, p: 1 / 20 });
    // U = 6; P(U ≥ 6) = (3 + 2 + 1 + 1) / 20.
    expect(mannWhitneyGreater([3, 4, 5], [1, 2, 6]).p).toBeCloseTo(7 / 20, 12);
    expect(mannWhitneySmallestP(3, 3)).toBeCloseTo(1 / 20, 12);
  });

  it('Mann–Whitney with ties uses the corrected normal approximation', () => {
    const { u, p } = mannWhitneyGreater([2, 2, 3, 3, 4, 5], [1, 1, 2, 2, 3, 3]);
    expect(u).toBe(28);
    // scipy.stats.mannwhitneyu(..., alternative='greater', method='asymptotic') gives 0.0570142.
    expect(p).toBeCloseTo(0.0570142, 5);
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
