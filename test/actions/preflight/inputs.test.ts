import { describe, expect, it } from 'vitest';
import { parsePreflightInputs } from '../../../actions/preflight/inputs.ts';
import { actionYml, ROOT } from '../../../sandbox/rehearsal/run-bundle.ts';
import { preflightInputSpec } from '../../../actions/preflight/inputs.ts';

const env = { AWS_REGION: 'us-east-1' };
const parse = (inputs: Record<string, string>) => parsePreflightInputs((name) => inputs[name] ?? '', env, ROOT);
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo/1111111111111111/2222222222222222';

describe('preflight inputs', () => {
  it('with nothing but a region, runs the credentials check only', () => {
    expect(parse({}).plan.checks).toEqual(['credentials']);
  });

  it('selects every check the inputs allow', () => {
    const { plan } = parse({
      cluster: 'demo',
      'blue-service': 'web-blue',
      'green-service': 'web-green',
      'listener-arn': LISTENER,
      image: 'nginx:1.27',
      'task-definition': 'web:41',
      alarms: 'a\nb',
      'deploy-window': 'Mon-Fri 09:00-16:00 Europe/Berlin',
    });
    expect(plan.checks).toHaveLength(9);
    expect(plan.alarms).toEqual(['a', 'b']);
  });

  it('two colors without a listener leave out capacity and rollback-ready', () => {
    const { plan } = parse({ cluster: 'demo', 'blue-service': 'web-blue', 'green-service': 'web-green' });
    expect(plan.checks).toEqual(['credentials', 'service-health', 'no-deployment-in-progress']);
  });

  it('asked checks run in the table order, and freeze dates use the window zone', () => {
    const { plan } = parse({
      checks: 'deploy-window, credentials',
      freeze: '2026-12-24',
      'deploy-window': 'daily 08:00-18:00 America/New_York',
    });
    expect(plan.checks).toEqual(['credentials', 'deploy-window']);
    expect(plan.schedule!.freezes[0]).toMatchObject({ from: Date.parse('2026-12-24T05:00:00Z'), to: Date.parse('2026-12-25T05:00:00Z') });
  });

  it('reads a task definition file from the workspace', () => {
    const { plan } = parse({
      'task-definition': 'test/actions/preflight/fixtures/taskdef.json',
      'container-name': 'app',
      image: 'nginx:1.27',
    });
    expect(plan.taskDefinition).toMatchObject({ source: { file: 'test/actions/preflight/fixtures/taskdef.json' }, containerName: 'app' });
  });

  it('action.yml declares every input with the same defaults as the spec', () => {
    const yml = actionYml('preflight');
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual(Object.keys(preflightInputSpec).sort());
    for (const [name, schema] of Object.entries(preflightInputSpec)) {
      const fromYml = yml.inputs?.[name]?.default;
      const parsed = schema.safeParse('');
      if (fromYml === undefined) expect(parsed.data, name).toBeUndefined();
      else expect(schema.safeParse(fromYml).data, name).toEqual(parsed.data);
    }
  });
});
