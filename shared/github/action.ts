import { CancelledError } from '../errors.ts';
import type { Clock } from '../engine/ports.ts';

/** Real time; sleeps end early with CancelledError when the signal aborts. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Links a person can click from the summary. */
export function consoleLinks(region: string, cluster: string, services: string[], listener: string): Record<string, string> {
  const console = `https://${region}.console.aws.amazon.com`;
  return {
    'ECS console': services
      .map((s) => `[${s}](${console}/ecs/v2/clusters/${cluster}/services/${s}/deployments?region=${region})`)
      .join(', '),
    'Load balancer': `[listener](${console}/ec2/home?region=${region}#ELBListenerV2:listenerArn=${encodeURIComponent(listener)})`,
  };
}
