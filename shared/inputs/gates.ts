import { InputError } from '../errors.ts';
import { boolean, duration, number, optional } from './fields.ts';

/**
 * How late a period may be published: ALB's 1-minute metrics arrive 1 to 3 minutes after the
 * minute ends, so by default three periods (3m at 1m; a fast sandbox's 1s periods get 3s).
 */
export const metricDelay = (values: { 'metric-delay'?: number; 'metric-period': number }): number =>
  values['metric-delay'] ?? 3 * values['metric-period'];

/** Inputs of the judgement of gates that canary and blue-green add to the common gate inputs. */
export const judgementInputs = {
  'metric-delay': optional(duration({ min: 0, max: 15 * 60_000 })),
  'compare-with-baseline': optional(boolean(), 'false'),
  'max-5xx-rate-increase': optional(number({ min: 0, max: 100, unit: ' pp' })),
  'max-p95-latency-increase': optional(number({ min: 0, max: 1000, unit: '%' })),
  confidence: optional(number({ min: 50, max: 99.9, unit: '%' }), '95%'),
  'gates-dry-run': optional(boolean(), 'false'),
};

export interface JudgementValues {
  'compare-with-baseline': boolean;
  'max-5xx-rate-increase'?: number;
  'max-p95-latency-increase'?: number;
  'metric-period': number;
  'metric-delay'?: number;
  'inconclusive-timeout'?: number;
  'max-5xx-rate'?: number;
  'max-p95-latency'?: number;
}

/** Checks that span the judgement inputs; each names the input to fix. */
export function checkJudgement(values: JudgementValues): void {
  const margins = values['max-5xx-rate-increase'] !== undefined || values['max-p95-latency-increase'] !== undefined;
  if (values['compare-with-baseline'] && !margins)
    throw new InputError(
      'compare-with-baseline',
      'needs max-5xx-rate-increase and/or max-p95-latency-increase: the margin the new version may be worse by',
    );
  if (!values['compare-with-baseline'] && margins) {
    const input = values['max-5xx-rate-increase'] !== undefined ? 'max-5xx-rate-increase' : 'max-p95-latency-increase';
    throw new InputError(input, 'compares with the live version: set compare-with-baseline: true as well');
  }
  const metricGates = margins || values['max-5xx-rate'] !== undefined || values['max-p95-latency'] !== undefined;
  const needed = metricDelay(values) + values['metric-period'];
  const timeout = values['inconclusive-timeout'];
  if (metricGates && timeout !== undefined && timeout < needed)
    throw new InputError(
      'inconclusive-timeout',
      `must be at least metric-delay + metric-period (${needed / 1000}s): a step's last period can only be judged once published`,
    );
  if (values['metric-period'] % 60_000 !== 0 && values['metric-period'] > 60_000)
    throw new InputError('metric-period', 'must be a whole number of minutes above 1m, as CloudWatch periods are');
}
