import type { IncomingMessage } from 'node:http';
import type { RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import { list, obj } from '../params.ts';

/** ALB wildcards: `*` any run of characters, `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '').test(value);
}

function values(condition: RuleCondition, config: { Values?: string[] | undefined } | undefined): string[] {
  return config?.Values ?? condition.Values ?? [];
}

function conditionMatches(condition: RuleCondition, req: IncomingMessage, url: URL): boolean {
  switch (condition.Field) {
    case 'path-pattern':
      return values(condition, condition.PathPatternConfig).some((p) => wildcardMatch(p, url.pathname));
    case 'host-header': {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      return values(condition, condition.HostHeaderConfig).some((p) => wildcardMatch(p, host, true));
    }
    case 'http-request-method':
      return (condition.HttpRequestMethodConfig?.Values ?? []).includes(req.method ?? 'GET');
    case 'http-header': {
      const name = condition.HttpHeaderConfig?.HttpHeaderName?.toLowerCase() ?? '';
      const header = req.headers[name];
      const actual = Array.isArray(header) ? header.join(',') : (header ?? '');
      return header !== undefined && (condition.HttpHeaderConfig?.Values ?? []).some((p) => wildcardMatch(p, actual, true));
    }
    case 'query-string':
      return (condition.QueryStringConfig?.Values ?? []).some((kv) => {
        for (const [key, value] of url.searchParams) {
          if ((kv.Key === undefined || wildcardMatch(kv.Key, key, true)) && wildcardMatch(kv.Value ?? '*', value, true)) return true;
        }
        return false;
      });
    case 'source-ip':
      // Every client of a loopback sandbox comes from 127.0.0.1.
      return (condition.SourceIpConfig?.Values ?? []).some((cidr) => cidr.startsWith('127.') || cidr === '0.0.0.0/0');
    default:
      return false;
  }
}

/** All conditions of a rule must hold. */
export function ruleMatches(conditions: RuleCondition[], req: IncomingMessage, url: URL): boolean {
  return conditions.every((c) => conditionMatches(c, req, url));
}

/**
 * Smooth weighted round-robin: deterministic, and exact over every window of
 * sum(weights) picks, so a 10/90 split is 10/90 in tests rather than roughly so.
 */
export class WeightedPicker {
  #signature = '';
  #current = new Map<string, number>();

  pick(choices: Array<{ arn: string; weight: number }>): string | undefined {
    const live = choices.filter((c) => c.weight > 0);
    if (live.length === 0) return undefined;
    const signature = live.map((c) => `${c.arn}=${c.weight}`).join(',');
    if (signature !== this.#signature) {
      this.#signature = signature;
      this.#current = new Map(live.map((c) => [c.arn, 0]));
    }
    const total = live.reduce((sum, c) => sum + c.weight, 0);
    let best: { arn: string; score: number } | undefined;
    for (const c of live) {
      const score = (this.#current.get(c.arn) ?? 0) + c.weight;
      this.#current.set(c.arn, score);
      if (!best || score > best.score) best = { arn: c.arn, score };
    }
    if (!best) return undefined;
    this.#current.set(best.arn, best.score - total);
    return best.arn;
  }
}

export function normalizeConditions(input: unknown): RuleCondition[] {
  return list(input).map((raw) => {
    const c = (obj(raw) ?? {}) as RuleCondition;
    const values = c.Values ?? c.PathPatternConfig?.Values ?? c.HostHeaderConfig?.Values;
    // ELBv2 reports simple conditions both ways: Values and the matching *Config.
    if (c.Field === 'path-pattern') return { Field: c.Field, Values: values ?? [], PathPatternConfig: { Values: values ?? [] } };
    if (c.Field === 'host-header') return { Field: c.Field, Values: values ?? [], HostHeaderConfig: { Values: values ?? [] } };
    return c;
  });
}
