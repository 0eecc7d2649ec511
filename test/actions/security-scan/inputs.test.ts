import { describe, expect, it } from 'vitest';
import { parseScanInputs, scanInputSpec } from '../../../actions/security-scan/inputs.ts';
import { actionYml } from '../../../sandbox/rehearsal/run-bundle.ts';

const yml = actionYml('security-scan');
const source = (given: Record<string, string>) => (name: string) => given[name] ?? yml.inputs?.[name]?.default ?? '';
const env = { GITHUB_REPOSITORY: 'o/r', AWS_REGION: 'us-east-1' };

describe('security-scan inputs', () => {
  it('declares in action.yml exactly the inputs the spec reads, with the same defaults', () => {
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual(Object.keys(scanInputSpec).sort());
    for (const [name, schema] of Object.entries(scanInputSpec)) {
      const fromYml = yml.inputs?.[name]?.default;
      // An expression default (the job token) is the runner's to fill in.
      if (fromYml === undefined || fromYml.startsWith('${{')) expect(schema.safeParse('').data, name).toBeUndefined();
      else expect(schema.safeParse('').data, name).toEqual(schema.safeParse(fromYml).data);
    }
  });

  it('reads the defaults and accepts a severity in any case', () => {
    const inputs = parseScanInputs(
      source({ cluster: 'prod', services: 'web-blue, web-green', 'fail-on': 'critical', 'github-token': 't' }),
      env,
    );
    expect(inputs).toMatchObject({
      services: ['web-blue', 'web-green'],
      'fail-on': 'CRITICAL',
      'require-scan': true,
      'open-issues': false,
    });
  });

  it('names the input and the fix', () => {
    const problem = (given: Record<string, string>) => {
      try {
        parseScanInputs(source({ cluster: 'prod', services: 'web', ...given }), env);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problem({ 'fail-on': 'severe' })).toBe(
      'Input "fail-on": "SEVERE" is not one of: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, NONE',
    );
    expect(problem({ services: '' })).toBe('Input "services": is required: give the ECS services to scan, e.g. web-blue,web-green');
    expect(problem({ 'open-issues': 'true', 'github-token': '' })).toBe(
      'Input "github-token": is required with open-issues: pass the job token (the default) with `issues: write`',
    );
  });
});
