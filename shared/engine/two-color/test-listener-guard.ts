/**
 * A blue-green test listener must never carry user traffic: prepare points it at the new,
 * unapproved version. Refused before any write: the production listener itself, the listener
 * the production rule belongs to, and a listener that forwards to the live color through any
 * rule, or through a default action that spreads traffic over several target groups (the
 * shape of a production listener).
 *
 * One forward to the live color is allowed: a default action forwarding to that one target
 * group only. It is exactly what the previous prepare left (it pointed the test listener at
 * the color that the switch then made live), so refusing it would fail every second release.
 */
import { DeployError } from '../../errors.ts';
import type { ListenerRoute } from './ports.ts';

export const DEFAULT_ACTION = 'default action';

/** The listener a listener rule belongs to: `…:listener-rule/app/lb/<lb id>/<listener id>/<rule id>` → `…:listener/app/lb/<lb id>/<listener id>`. */
export function listenerOf(routerArn: string): string {
  const rule = /^(arn:[^:]+:elasticloadbalancing:[^:]+:\d+:)listener-rule\/(.+)\/[^/]+$/.exec(routerArn);
  return rule ? `${rule[1]}listener/${rule[2]}` : routerArn;
}

export async function refuseProductionTestListener(
  testListener: { target: string; routes(): Promise<ListenerRoute[]> },
  production: string,
  live: { color: string; targetGroup: string },
): Promise<void> {
  const fix = 'Use a listener that only smoke tests reach (its own port, no rule or default action forwarding to the live color).';
  const productionListener = listenerOf(production);
  if (testListener.target === productionListener) {
    throw new DeployError(
      production === productionListener
        ? 'test-listener-arn is the production listener: prepare would send users to the unapproved version'
        : 'test-listener-arn is the listener of the production rule: prepare would send its users to the unapproved version',
      { why: [`test listener: ${testListener.target}`, `production: ${production}`], fix },
    );
  }
  const carrying = (await testListener.routes()).filter(
    (route) => (route.weights[live.targetGroup] ?? 0) > 0 && !(route.where === DEFAULT_ACTION && Object.keys(route.weights).length === 1),
  );
  if (carrying.length > 0) {
    throw new DeployError(`The test listener forwards to the live color (${live.color}): it carries production traffic`, {
      why: [`test listener: ${testListener.target}`, ...carrying.map((r) => `${r.where} forwards to ${live.targetGroup}`)],
      fix,
    });
  }
}
