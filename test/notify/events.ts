import type { ReleaseEvent, ReleaseEventName } from '../../shared/notify/event.ts';

/** A canary's events as the engine emits them. */
export function releaseEvent(event: ReleaseEventName, overrides: Partial<ReleaseEvent> = {}): ReleaseEvent {
  return {
    event,
    result: event === 'promoted' ? 'promoted' : event === 'rolled-back' ? 'rolled-back' : 'in-progress',
    action: 'canary',
    environment: 'production',
    cluster: 'prod',
    services: ['web-blue', 'web-green'],
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42',
    previousTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:41',
    weights: { 'web-blue': 75, 'web-green': 25 },
    gates: [{ name: '5xx rate', observed: '0.20 %', threshold: '1 %', verdict: 'pass' }],
    runUrl: 'https://github.com/acme/web/actions/runs/1',
    timestamp: '2026-12-01T10:00:00.000Z',
    summary: `${event}: 25 % on web-green`,
    ...overrides,
  };
}

export const PROMOTION: ReleaseEventName[] = ['started', 'step', 'step', 'promoted'];
