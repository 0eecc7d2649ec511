import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';
import { startFakeAws, type FakeAws } from '../../support/fake-aws.ts';

const ACCOUNT = '123456789012';
const TG = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/tg-web/0000000000000001`;
const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:v2`;
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const LISTENER = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/demo/1111111111111111/2222222222222222`;

const identity = () => `<Arn>arn:aws:sts::${ACCOUNT}:assumed-role/deploy/gha</Arn><UserId>AROA:gha</UserId><Account>${ACCOUNT}</Account>`;
const healthyTarget = (i: number) =>
  `<member><Target><Id>10.0.0.${i}</Id><Port>8080</Port></Target><TargetHealth><State>healthy</State></TargetHealth></member>`;

let aws: FakeAws;
beforeAll(async () => {
  aws = await startFakeAws({
    handlers: {
      GetCallerIdentity: identity,
      DescribeImages: () => ({ imageDetails: [{ imageDigest: DIGEST, imageTags: ['v2'], imagePushedAt: 1_790_000_000 }] }),
      DescribeImageScanFindings: () => ({
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findingSeverityCounts: { HIGH: 2 }, findings: [] },
      }),
      DescribeServices: () => ({
        services: [
          {
            serviceName: 'web',
            serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/demo/web`,
            status: 'ACTIVE',
            desiredCount: 2,
            runningCount: 2,
            taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:7`,
            loadBalancers: [{ targetGroupArn: TG, containerName: 'app', containerPort: 8080 }],
            deployments: [
              { id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED', desiredCount: 2, runningCount: 2, taskDefinition: 'web:7' },
            ],
            events: [],
          },
        ],
        failures: [],
      }),
      DescribeTargetHealth: () => `<TargetHealthDescriptions>${[1, 2].map(healthyTarget).join('')}</TargetHealthDescriptions>`,
    },
  });
});
afterAll(() => aws.close());

const env = () => ({ AWS_ENDPOINT_URL: aws.url });
const base = {
  cluster: 'demo',
  service: 'web',
  image: IMAGE,
  'task-definition': 'test/actions/preflight/fixtures/taskdef.json',
  'container-name': 'app',
  'deploy-window': 'daily 00:00-24:00 UTC',
  checks: 'credentials,image,task-definition,service-health,no-deployment-in-progress,deploy-window',
};

describe('the preflight bundle, run as the runner runs it', () => {
  it('passes with warnings: outputs, job summary table and JSON report', async () => {
    const result = await runBundle('preflight', { inputs: base, env: env() });
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ result: 'passed', 'failed-checks': '', warnings: 'image' });
    const rows = result.summary.split('\n').filter((l) => /^\| (✅|⚠️|❌)/.test(l));
    expect(rows).toHaveLength(6);
    expect(rows[1]).toContain('| ⚠️ warn | Image (`image`) | web:v2 has 2 HIGH finding(s), one level below max-severity CRITICAL |');
    const report = JSON.parse(readFileSync(result.outputs.report!, 'utf8')) as { checks: { id: string; status: string }[] };
    expect(report.checks.map((c) => `${c.id}=${c.status}`)).toEqual([
      'credentials=pass',
      'image=warn',
      'task-definition=pass',
      'service-health=pass',
      'no-deployment-in-progress=pass',
      'deploy-window=pass',
    ]);
  });

  it('fails with strict and a wrong account: exit 1, the failed checks named', async () => {
    const result = await runBundle('preflight', { inputs: { ...base, strict: 'true', 'expected-account': '999999999999' }, env: env() });
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ result: 'failed', 'failed-checks': 'credentials,image', warnings: '' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^Preflight failed: credentials, image\./);
    expect(result.summary).toContain('❌ fail (strict warn) | Image');
  });

  const badInputs: [string, Record<string, string>][] = [
    ['max-severity', { 'max-severity': 'SEVERE' }],
    ['strict', { strict: 'maybe' }],
    ['checks', { checks: 'credentials,bogus' }],
    ['image', { checks: 'image' }],
    ['alarms', { checks: 'no-active-incident' }],
    ['expected-account', { 'expected-account': '12345' }],
    ['deploy-window', { 'deploy-window': 'Mon-Fri 9-5' }],
    ['deploy-window', { 'deploy-window': 'Mon-Fri 09:00-16:00 Mars/Olympus' }],
    ['freeze', { freeze: '2026-12-20..2026-12-01' }],
    ['freeze', { freeze: 'christmas' }],
    ['cluster', { cluster: 'bad cluster!' }],
    ['cluster', { service: 'web' }],
    ['green-service', { cluster: 'demo', 'blue-service': 'web-blue' }],
    ['green-service', { cluster: 'demo', 'blue-service': 'web', 'green-service': 'web' }],
    ['service', { cluster: 'demo', service: 'web', 'blue-service': 'a', 'green-service': 'b' }],
    ['listener-arn', { 'listener-arn': 'arn:aws:elasticloadbalancing:us-east-1:123:listener/x' }],
    [
      'listener-rule-arn',
      {
        cluster: 'demo',
        'blue-service': 'a',
        'green-service': 'b',
        'listener-arn': LISTENER,
        'listener-rule-arn': LISTENER.replace(':listener/', ':listener-rule/') + '/3333',
      },
    ],
    ['listener-arn', { cluster: 'demo', 'blue-service': 'a', 'green-service': 'b', checks: 'capacity' }],
    ['max-retries', { 'max-retries': 'lots' }],
    ['aws-region', { 'aws-region': 'mars-1' }],
    ['task-definition', { 'task-definition': 'nope.json' }],
    ['task-definition', { 'container-name': 'app' }],
    ['launch-type', { 'launch-type': 'LAMBDA' }],
    ['image', { image: 'UPPER CASE spaces' }],
    ['image', { 'task-definition': 'web:7', 'container-name': 'app', image: 'nginx:1.27' }],
  ];

  it.each(badInputs)('bad input → exit 1 with one line naming "%s", and no AWS call', async (name, inputs) => {
    const before = aws.calls.length;
    const result = await runBundle('preflight', { inputs, env: env() });
    expect(result.code).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(new RegExp(`^Input "${name}": `));
    expect(result.errors[0]).not.toContain('\n');
    expect(aws.calls.length).toBe(before);
  });

  it('without a region anywhere, names aws-region', async () => {
    const result = await runBundle('preflight', { env: { ...env(), AWS_REGION: '' } });
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      'Input "aws-region": is required: set it, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION)',
    ]);
  });
});
