/**
 * Safety checks: least privilege per job, no expression injection into shell or scripts,
 * third-party actions pinned to a commit, no inherited secrets, no persisted git credentials.
 */
import { basename, join } from 'node:path';
import { expressions, loadWorkflow, OWN_ACTION, OWN_WORKFLOW, stepsOf, WORKFLOWS, type Job, type Step, type Workflow } from './model.ts';

const where = (workflow: Workflow, ...parts: string[]) => [basename(workflow.path), ...parts].join(': ');
const PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;
const truthy = (value: unknown) => value === true || value === 'true';

type Scopes = Record<string, 'read' | 'write'>;

/** The permissions a step needs: each scope for a reason this suite knows. */
function stepNeeds(step: Step): Scopes {
  const uses = step.uses ?? '';
  const own = OWN_ACTION.exec(uses)?.[1];
  if (uses.startsWith('actions/checkout@')) return { contents: 'read' };
  if (uses.startsWith('aws-actions/configure-aws-credentials@')) return { 'id-token': 'write' };
  // blue-green, canary and rollback write a GitHub deployment record when given an environment.
  if ((own === 'blue-green' || own === 'canary' || own === 'rollback') && step.with?.environment) return { deployments: 'write' };
  if (own === 'security-scan' && truthy(step.with?.['open-issues'])) return { issues: 'write' };
  return {};
}

const merge = (all: Scopes[]): Scopes =>
  all.reduce<Scopes>((sum, scopes) => {
    for (const [scope, level] of Object.entries(scopes)) if (sum[scope] !== 'write') sum[scope] = level;
    return sum;
  }, {});

/** What a job needs: its steps' needs, or for a call, what the called workflow's jobs declare. */
export function jobNeeds(job: Job): Scopes {
  if (job.uses) {
    const own = OWN_WORKFLOW.exec(job.uses);
    if (!own) return {};
    const called = loadWorkflow(join(WORKFLOWS, own[1]!));
    return merge(Object.values(called.jobs).map((j) => (typeof j.permissions === 'object' ? (j.permissions as Scopes) : {})));
  }
  return merge(stepsOf(job).map(stepNeeds));
}

const describe = (scopes: Scopes) =>
  Object.entries(scopes)
    .sort()
    .map(([scope, level]) => `${scope}: ${level}`)
    .join(', ') || 'none';

export function safetyProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  if (!isEmpty(workflow.permissions))
    problems.push(where(workflow, 'permissions', 'the workflow level must be `permissions: {}` (each job declares its own)'));

  for (const [name, job] of Object.entries(workflow.jobs)) {
    const at = `jobs.${name}`;
    if (job.permissions === undefined) problems.push(where(workflow, at, 'declares no `permissions:`'));
    else if (typeof job.permissions !== 'object' || job.permissions === null)
      problems.push(where(workflow, at, `permissions: ${String(job.permissions)} is not minimal: list each scope`));
    else {
      const needed = jobNeeds(job);
      const granted = job.permissions as Scopes;
      if (describe(granted) !== describe(needed))
        problems.push(where(workflow, at, `permissions are { ${describe(granted)} } but the job needs { ${describe(needed)} }`));
    }
    if (job.secrets === 'inherit')
      problems.push(where(workflow, at, '`secrets: inherit` hands every secret to the called workflow; pass the ones it needs'));
    if (job.uses && !OWN_WORKFLOW.test(job.uses) && !PINNED.test(job.uses))
      problems.push(where(workflow, at, `${job.uses} is not pinned to a full commit SHA`));
    else if (job.uses && !versionComment(workflow.text, job.uses))
      problems.push(where(workflow, at, `${job.uses} has no version comment (e.g. # v1.2.3)`));

    stepsOf(job).forEach((step, index) => {
      const stepAt = `${at}.steps[${index}]`;
      if (typeof step.run === 'string' && expressions(step.run).length > 0)
        problems.push(
          where(workflow, stepAt, `run: contains \${{ ${expressions(step.run)[0]!.trim()} }}; pass it through env: and use "$NAME"`),
        );
      const script = step.uses?.startsWith('actions/github-script@') ? step.with?.script : undefined;
      if (typeof script === 'string' && expressions(script).length > 0)
        problems.push(where(workflow, stepAt, 'github-script script: contains ${{ }}; pass it through env: and read process.env'));
      if (step.uses && !OWN_ACTION.test(step.uses) && !step.uses.startsWith('./')) {
        if (!PINNED.test(step.uses)) problems.push(where(workflow, stepAt, `${step.uses} is not pinned to a full commit SHA`));
        else if (!versionComment(workflow.text, step.uses))
          problems.push(where(workflow, stepAt, `${step.uses} has no version comment (e.g. # v1.2.3)`));
      }
      if (
        step.uses?.startsWith('actions/checkout@') &&
        !(step.with?.['persist-credentials'] === false || step.with?.['persist-credentials'] === 'false')
      )
        problems.push(where(workflow, stepAt, 'actions/checkout without `persist-credentials: false` leaves the token in .git/config'));
    });
  }
  return problems;
}

const isEmpty = (value: unknown) => value !== null && typeof value === 'object' && Object.keys(value).length === 0;

/** Every line with this `uses:` carries `# v1`, `# v1.2` or `# v1.2.3`. */
function versionComment(text: string, uses: string): boolean {
  const lines = text.split('\n').filter((line) => line.replace(/^\s*-?\s*/, '').startsWith(`uses: ${uses}`));
  return lines.length > 0 && lines.every((line) => /#\s*v\d+(\.\d+){0,2}\s*$/.test(line));
}
