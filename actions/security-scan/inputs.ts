import { InputError } from '../../shared/errors.ts';
import { quoteInput } from '../../shared/github/untrusted.ts';
import { boolean, list, number, oneOf, optional, required, text } from '../../shared/inputs/fields.ts';
import { awsInputs } from '../../shared/inputs/common.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { ECS_NAME, clusterName, requireRegion } from '../../shared/inputs/aws.ts';
import { SEVERITIES } from '../../shared/engine/security/ports.ts';

const NAME = ECS_NAME;

export const scanInputSpec = {
  ...awsInputs,
  cluster: required(clusterName(), 'the ECS cluster name'),
  services: required(
    list((name, ctx) => {
      if (!NAME.test(name)) ctx.addIssue({ code: 'custom', message: `${quoteInput(name)} is not an ECS service name` });
      return name;
    }),
    'the ECS services to scan, e.g. web-blue,web-green',
  ),
  'fail-on': optional(oneOf([...SEVERITIES.filter((s) => s !== 'UNDEFINED'), 'NONE'] as const), 'HIGH'),
  'require-scan': optional(boolean(), 'true'),
  'open-issues': optional(boolean(), 'false'),
  'issue-label': optional(text(/^[^,]{1,50}$/, 'expected one label name without commas'), 'security-scan'),
  'github-token': optional(text()),
  'max-retries': optional(number({ min: 0, max: 20, integer: true }), '6'),
};

export function parseScanInputs(source: InputSource, env = process.env) {
  // Severity names are upper case in ECR; accept them in any case.
  const values = readInputs(scanInputSpec, (name) => (name === 'fail-on' ? source(name).toUpperCase() : source(name)));
  if (values.services.length === 0) throw new InputError('services', 'is required: give at least one ECS service');
  if (values.services.length > 100) throw new InputError('services', `lists ${values.services.length} services; at most 100 per run`);
  if (values['open-issues'] && !values['github-token'])
    throw new InputError('github-token', 'is required with open-issues: pass the job token (the default) with `issues: write`');
  if (values['open-issues'] && !env.GITHUB_REPOSITORY)
    throw new InputError('open-issues', 'needs GITHUB_REPOSITORY (set by the runner) to know where to open issues');
  const region = requireRegion(values['aws-region'], env, values);
  return { ...values, region, repository: env.GITHUB_REPOSITORY ?? '' };
}

export type ScanInputs = ReturnType<typeof parseScanInputs>;
