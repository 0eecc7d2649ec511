/**
 * The two tests the baseline comparison uses, pure and small enough to check by hand.
 *
 * - Error rates: one-sided Fisher exact test on the 2×2 table (errors / other requests of the new
 *   and the live version). Exact at any count, so a handful of requests never fakes significance.
 *   Reference: Agresti, "Categorical Data Analysis", 3rd ed., §3.5.1 (hypergeometric tail).
 * - Latency: one-sided Mann–Whitney U test on the two series of per-period p95 values. Exact
 *   distribution when there are no ties and both series are short (≤ 20), otherwise the normal
 *   approximation with tie and continuity corrections. Reference: Mann & Whitney (1947);
 *   Hollander, Wolfe & Chicken, "Nonparametric Statistical Methods", 3rd ed., §4.1.
 */

/** ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, n = 9; Numerical Recipes 3rd ed., §6.1). */
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const logChoose = (n: number, k: number): number => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * P(X ≥ a) for the new version's error count X under "both versions fail alike", given the table's
 * margins: the one-sided p-value that the new version errs more often than the live one.
 */
export function fisherOneSided(newErrors: number, newTotal: number, liveErrors: number, liveTotal: number): number {
  const total = newTotal + liveTotal;
  const errors = newErrors + liveErrors;
  const top = Math.min(errors, newTotal);
  const denominator = logChoose(total, newTotal);
  let p = 0;
  for (let x = newErrors; x <= top; x++) {
    p += Math.exp(logChoose(errors, x) + logChoose(total - errors, newTotal - x) - denominator);
  }
  return Math.min(1, p);
}

/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Number of orderings of n and m values giving U = u: f(n,m,u) = f(n−1,m,u−m) + f(n,m−1,u). */
function exactCounts(n: number, m: number): number[] {
  // counts[i][j] is the distribution of U for sizes (i, j), built row by row.
  let previous: number[][] = Array.from({ length: m + 1 }, () => [1]);
  for (let i = 1; i <= n; i++) {
    const row: number[][] = [[1]];
    for (let j = 1; j <= m; j++) {
      const dist = new Array<number>(i * j + 1).fill(0);
      previous[j]!.forEach((c, u) => (dist[u + j]! += c));
      row[j - 1]!.forEach((c, u) => (dist[u]! += c));
      row.push(dist);
    }
    previous = row;
  }
  return previous[m]!;
}

/**
 * One-sided Mann–Whitney U: the p-value that `larger` tends to exceed `smaller`.
 * U counts the pairs where the first series is above the second (ties count ½).
 */
export function mannWhitneyGreater(larger: number[], smaller: number[]): { u: number; p: number } {
  const n = larger.length;
  const m = smaller.length;
  if (n === 0 || m === 0) return { u: 0, p: 1 };
  let u = 0;
  let ties = false;
  for (const a of larger) for (const b of smaller) u += a > b ? 1 : a === b ? ((ties = true), 0.5) : 0;
  if (!ties && n <= 20 && m <= 20) {
    const counts = exactCounts(n, m);
    const all = counts.reduce((s, c) => s + c, 0);
    const tail = counts.slice(u).reduce((s, c) => s + c, 0);
    return { u, p: tail / all };
  }
  // Normal approximation; the variance shrinks by the tie groups' t³ − t (Hollander et al. §4.1).
  const pooled = [...larger, ...smaller].sort((a, b) => a - b);
  let tieTerm = 0;
  for (let i = 0; i < pooled.length;) {
    let j = i;
    while (j < pooled.length && pooled[j] === pooled[i]) j++;
    const t = j - i;
    tieTerm += t ** 3 - t;
    i = j;
  }
  const N = n + m;
  const variance = ((n * m) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (variance <= 0) return { u, p: 1 };
  const z = (u - (n * m) / 2 - 0.5) / Math.sqrt(variance);
  return { u, p: 1 - normalCdf(z) };
}

/** The smallest p-value the exact test can reach with these sizes: below α, a verdict is possible. */
export const mannWhitneySmallestP = (n: number, m: number): number => {
  let ways = 1;
  for (let k = 1; k <= m; k++) ways = (ways * (n + k)) / k;
  return 1 / ways;
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
