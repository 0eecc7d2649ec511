/** Deliberately broken copies of real workflows: each mistake must be caught, and named. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionlint } from './actionlint.ts';
import { contractProblems } from './contract.ts';
import { EXAMPLES, parseWorkflow, WORKFLOWS } from './model.ts';
import { safetyProblems } from './safety.ts';
import { concurrencyOf, loadSimWorkflow, simulate, type SimStep, type SimWorkflow, type StepBehaviour } from './simulate.ts';
import { formProblems, notifyProblems } from './forms.ts';
import {
  check,
  MIGRATION,
  productionConfigs,
  productionInputs,
  run,
  SINGLE,
  stagingInputs,
  succeed,
  uncancellable,
  verdict,
  type Fault,
} from './traffic.ts';

const happy = (step: SimStep, with_: Record<string, string>): StepBehaviour => succeed(step, with_);

const staging = readFileSync(join(WORKFLOWS, 'deploy-staging.yml'), 'utf8');
const example = readFileSync(join(EXAMPLES, 'deploy-production.yml'), 'utf8');

/** Replaces exactly one occurrence, so a test cannot silently edit nothing. */
function broken(text: string, from: string, to: string, path = 'deploy-staging.yml') {
  expect(text.split(from).length - 1, `"${from}" occurs once`).toBe(1);
  return parseWorkflow(path, text.replace(from, to));
}

describe('a broken copy of deploy-staging.yml', () => {
  it('with a wrong input name for an action', () => {
    const copy = broken(staging, '          steps: ${{ inputs.steps }}\n', '          step: ${{ inputs.steps }}\n');
    expect(contractProblems(copy)).toEqual(['deploy-staging.yml: jobs.deploy.steps[2]: input "step" is not declared by actions/canary']);
  });

  it('without a required input', () => {
    const copy = broken(staging, '          url: ${{ inputs.url }}\n          checks', '          checks');
    expect(contractProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[3]: required input "url" of actions/smoke is not given',
    ]);
  });

  it('reading an output a job does not declare, or a step that does not exist', () => {
    const copy = broken(staging, 'MOVED: ${{ needs.deploy.outputs.moved }}', 'MOVED: ${{ needs.deploy.outputs.begun }}');
    expect(contractProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.report.steps[0].env.MOVED: needs.deploy.outputs.begun: job deploy declares no output begun',
    ]);
    const step = broken(staging, "${{ steps.smoke.outputs.result == 'passed'", "${{ steps.smoke.outputs.verdict == 'passed'");
    expect(contractProblems(step)).toEqual([
      'deploy-staging.yml: jobs.deploy.outputs.result: steps.smoke.outputs.verdict: actions/smoke declares no output verdict',
    ]);
    const id = broken(
      staging,
      'task-definition-arn: ${{ steps.canary.outputs.task-definition-arn }}',
      'task-definition-arn: ${{ steps.deploy.outputs.task-definition-arn }}',
    );
    expect(contractProblems(id)).toEqual([
      'deploy-staging.yml: jobs.deploy.outputs.task-definition-arn: steps.deploy.outputs.task-definition-arn: job deploy has no step with id deploy',
    ]);
  });

  it('with an unpinned action, or a pin without its version comment', () => {
    const unpinned = broken(
      staging,
      'uses: aws-actions/configure-aws-credentials@61815dcd50bd041e203e49132bacad1fd04d2708 # v5.1.1\n        with:\n          role-to-assume: ${{ inputs.aws-role-arn }}\n          aws-region: ${{ inputs.aws-region }}\n      - id: canary',
      'uses: aws-actions/configure-aws-credentials@v5\n        with:\n          role-to-assume: ${{ inputs.aws-role-arn }}\n          aws-region: ${{ inputs.aws-region }}\n      - id: canary',
    );
    expect(safetyProblems(unpinned)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[1]: aws-actions/configure-aws-credentials@v5 is not pinned to a full commit SHA',
    ]);
    const text = staging.replaceAll('@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2', '@de0fac2e4500dabe0009e67214ff5f5447ce83dd');
    expect(safetyProblems(parseWorkflow('deploy-staging.yml', text))).toContain(
      'deploy-staging.yml: jobs.preflight.steps[2]: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd has no version comment (e.g. # v1.2.3)',
    );
  });

  it('with an input expression injected into a shell script', () => {
    const copy = broken(staging, '      - id: smoke\n', '      - run: echo "deploying ${{ inputs.image }}"\n      - id: smoke\n');
    expect(safetyProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[3]: run: contains ${{ inputs.image }}; pass it through env: and use "$NAME"',
    ]);
  });

  it('with more permissions than a job needs, or fewer', () => {
    const extra = broken(
      staging,
      '    timeout-minutes: 5\n    permissions: {}\n',
      '    timeout-minutes: 5\n    permissions:\n      contents: read\n',
    );
    expect(safetyProblems(extra)).toEqual([
      'deploy-staging.yml: jobs.report: permissions are { contents: read } but the job needs { none }',
    ]);
    const fewer = broken(staging, '      id-token: write\n      deployments: write\n', '      id-token: write\n');
    expect(safetyProblems(fewer)).toEqual([
      'deploy-staging.yml: jobs.deploy: permissions are { contents: read, id-token: write } but the job needs { contents: read, deployments: write, id-token: write }',
    ]);
    const missing = broken(staging, '    timeout-minutes: 5\n    permissions: {}\n', '    timeout-minutes: 5\n');
    expect(safetyProblems(missing)).toEqual(['deploy-staging.yml: jobs.report: declares no `permissions:`']);
    const all = broken(staging, '\npermissions: {}\n', '\npermissions: write-all\n');
    expect(safetyProblems(all)).toEqual([
      'deploy-staging.yml: permissions: the workflow level must be `permissions: {}` (each job declares its own)',
    ]);
  });

  it('with a checkout that keeps the token', () => {
    const copy = broken(
      staging,
      '      # The checks may live in a file of your repository.\n      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2\n        with:\n          persist-credentials: false\n',
      '      # The checks may live in a file of your repository.\n      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2\n',
    );
    expect(safetyProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[0]: actions/checkout without `persist-credentials: false` leaves the token in .git/config',
    ]);
  });

  it('with an input the workflow does not declare', () => {
    const copy = broken(staging, 'bake-time: ${{ inputs.bake-time }}', 'bake-time: ${{ inputs.bake }}');
    expect(contractProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[2].with.bake-time: inputs.bake: the workflow declares no input bake',
    ]);
  });

  it('is caught by actionlint when its expressions are wrong', async () => {
    const text = staging.replace(
      "if: ${{ inputs.migration-command != '' }}",
      "if: ${{ inputs.migration-command != '' && needs.nope.result == 'success' }}",
    );
    expect(text).not.toBe(staging);
    expect(await actionlint(text)).toEqual([expect.stringMatching(/property "nope" is not defined in object type/)]);
  });
});

describe('a broken copy of the production example', () => {
  it('without a required input, with an unknown one, a wrong type, and inherited secrets', () => {
    const copy = parseWorkflow(
      'deploy-production.yml',
      example
        .replace('      url: https://www.example.com\n', '')
        .replace('      strategy: blue-green\n', '      strategy: blue-green\n      approvers: sre\n')
        .replace(/\n {4}# Passed one by one.*\n {4}secrets:\n( {6}.*\n)*/, '\n')
        .replace('    with:\n', '    secrets: inherit\n    with:\n'),
    );
    expect(contractProblems(copy)).toEqual([
      'deploy-production.yml: jobs.deploy: input "approvers" is not declared by .github/workflows/deploy-production.yml',
      'deploy-production.yml: jobs.deploy: required input "url" of .github/workflows/deploy-production.yml is not given',
    ]);
    expect(safetyProblems(copy)).toEqual([
      'deploy-production.yml: jobs.deploy: `secrets: inherit` hands every secret to the called workflow; pass the ones it needs',
    ]);
  });

  it('granting less than the called workflow needs', () => {
    const copy = parseWorkflow('deploy-production.yml', example.replace('      deployments: write\n', ''));
    expect(safetyProblems(copy)).toEqual([
      'deploy-production.yml: jobs.deploy: permissions are { contents: read, id-token: write } but the job needs { contents: read, deployments: write, id-token: write }',
    ]);
  });

  it('passing a string to a boolean input', () => {
    const scan = readFileSync(join(EXAMPLES, 'security-scan.yml'), 'utf8').replace('open-issues: true', "open-issues: 'yes'");
    expect(contractProblems(parseWorkflow('security-scan.yml', scan))).toEqual([
      'security-scan.yml: jobs.scan: input "open-issues" of .github/workflows/security-scan.yml is a boolean, got "yes"',
    ]);
  });
});

describe('a broken copy of deploy-production.yml, for each rule of issue 9', () => {
  const production = readFileSync(join(WORKFLOWS, 'deploy-production.yml'), 'utf8');
  const sim = (text: string) => loadSimWorkflow('deploy-production.yml', text);
  const once = (text: string, from: string, to: string) => {
    expect(text.split(from).length - 1, `"${from}" occurs once`).toBe(1);
    return text.replace(from, to);
  };
  const violations = (workflow: SimWorkflow, faults: Fault[]) => {
    try {
      check(run(workflow, productionInputs(productionConfigs[0]!), faults), 'copy');
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("restoring to `previous` when the release left no outputs: the restore's target is not the captured version", async () => {
    const copy = await sim(
      once(
        production,
        'to: ${{ needs.preflight.outputs.live-task-definition-arn }}',
        "to: ${{ needs.release.outputs.nope || 'previous' }}",
      ),
    );
    const switchStep = copy.jobs.find((j) => j.id === 'release')!.steps.find((s) => s.id === 'switch')!.index;
    expect(violations(copy, [{ job: 'release', step: switchStep, kind: 'failure-no-outputs' }])).toMatch(
      /restore target: expected 'previous'/,
    );
  });

  it('a release job that always() runs: a cancel does not reach the traffic shift', async () => {
    const copy = await sim(
      once(
        production,
        "      !cancelled() && needs.preflight.result == 'success'",
        "      always() && needs.preflight.result == 'success'",
      ),
    );
    expect(uncancellable(copy)).toContain('release (needs success,success,skipped,skipped)');
  });

  it('a restore that does not run after a cancel', async () => {
    const copy = await sim(once(production, '          (failure() || cancelled())\n', '          failure()\n'));
    const switchStep = copy.jobs.find((j) => j.id === 'release')!.steps.find((s) => s.id === 'switch')!.index;
    expect(violations(copy, [{ job: 'release', step: switchStep, kind: 'cancel' }])).toMatch(/a restore runs iff traffic may have moved/);
  });

  it('the smoke moved back into a job of its own that needs the skipped prepare: it never runs for a canary', async () => {
    const copy = await sim(
      once(
        production,
        '      - id: smoke\n        uses: $/actions/smoke\n',
        "      - id: smoke\n        if: ${{ inputs.strategy == 'blue-green' }}\n        uses: $/actions/smoke\n",
      ),
    );
    const canary = simulate(copy, { inputs: productionInputs(productionConfigs[2]!), gate: () => 'run', step: (_j, s, w) => happy(s, w) });
    expect(verdict(canary).completed).toBe(false);
  });

  it('an if: with text around ${{ }}: always true', async () => {
    const copy = await sim(
      once(production, "    if: ${{ inputs.migration-command != '' }}\n", "    if: >-\n      ${{ inputs.migration-command != '' }}\n"),
    );
    expect(copy.jobs.find((j) => j.id === 'migrate')!.condition).toMatch(/format\('/);
  });

  it('a rollback with a lock of its own', async () => {
    const rollback = readFileSync(join(WORKFLOWS, 'rollback.yml'), 'utf8');
    const copy = await loadSimWorkflow('rollback.yml', once(rollback, '  group: ecs-deploy ${{', '  group: ecs-rollback ${{'));
    const inputs = { cluster: 'production', 'blue-service': 'web-blue', 'green-service': 'web-green' };
    expect(concurrencyOf(copy, inputs)!.group).not.toBe(concurrencyOf(await sim(production), inputs)!.group);
  });

  it('a reusable workflow pinned without its version comment', () => {
    const text = readFileSync(join(EXAMPLES, 'rollback.yml'), 'utf8').replace(/(rollback\.yml@[0-9a-f]{40}) # v1\.0\.0/, '$1');
    expect(safetyProblems(parseWorkflow('rollback.yml', text))).toEqual([
      'rollback.yml: jobs.rollback: ecs-progressive-delivery/ecs-progressive-delivery/.github/workflows/rollback.yml@cca0a9a7ede062b9c3e8030c0ca8cc9d37aea9cf has no version comment (e.g. # v1.2.3)',
    ]);
  });

  it('actionlint ignores only `queue:` in concurrency, nothing else there', async () => {
    const text = production.replace('  queue: max\n', '  queue: max\n  limit: 2\n');
    expect(await actionlint(text)).toEqual([expect.stringMatching(/unexpected key "limit" for "concurrency" section/)]);
  });
});

describe('a broken copy, for each rule of issue 14 (migrations, notifications) and issue 12 (one service)', () => {
  const production = readFileSync(join(WORKFLOWS, 'deploy-production.yml'), 'utf8');
  const once = (text: string, from: string, to: string) => {
    expect(text.split(from).length - 1, `"${from}" occurs once`).toBe(1);
    return text.replace(from, to);
  };
  const violations = (workflow: SimWorkflow, inputs: Record<string, string>, faults: Fault[]) => {
    try {
      check(run(workflow, inputs, faults), 'copy');
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const task = (workflow: SimWorkflow) =>
    workflow.jobs.find((j) => j.id === 'migrate')!.steps.find((s) => s.uses === '$/actions/run-task')!.index;
  const migrating = { ...stagingInputs, 'migration-command': MIGRATION };

  it('a deploy job that does not wait for the migration to succeed: traffic moves after a failed migration', async () => {
    const copy = await loadSimWorkflow(
      'deploy-staging.yml',
      once(
        staging,
        "\n      && (needs.migrate.result == 'success' || (needs.migrate.result == 'skipped' && inputs.migration-command == ''))",
        '',
      ),
    );
    expect(violations(copy, migrating, [{ job: 'migrate', step: task(copy), kind: 'failure' }])).toMatch(
      /runs only after the migration succeeded/,
    );
  });

  it('a prepare that does not wait for the migration: the new version starts before its schema exists', async () => {
    const copy = await loadSimWorkflow(
      'deploy-production.yml',
      once(
        production,
        "      !cancelled() && inputs.strategy == 'blue-green' && needs.preflight.result == 'success'\n      && (needs.migrate.result == 'success' || (needs.migrate.result == 'skipped' && inputs.migration-command == ''))\n",
        "      !cancelled() && inputs.strategy == 'blue-green' && needs.preflight.result == 'success'\n",
      ),
    );
    const inputs = productionInputs({ ...productionConfigs[0]!, 'migration-command': MIGRATION });
    expect(violations(copy, inputs, [{ job: 'migrate', step: task(copy), kind: 'failure' }])).toMatch(
      /prepare\.prepare runs only after the migration succeeded/,
    );
  });

  it('a migration with the idle color as its network, or another command: caught', async () => {
    const copy = await loadSimWorkflow(
      'deploy-staging.yml',
      once(
        staging,
        'network-from-service: ${{ needs.preflight.outputs.live-service }}',
        'network-from-service: ${{ inputs.blue-service }}',
      ),
    );
    expect(violations(copy, migrating, [])).toMatch(/the migration's inputs/);
  });

  it('a migrate job that always() runs: a cancel does not stop the task', async () => {
    const copy = await loadSimWorkflow(
      'deploy-staging.yml',
      once(staging, "    if: ${{ inputs.migration-command != '' }}\n", "    if: ${{ always() && inputs.migration-command != '' }}\n"),
    );
    expect(uncancellable(copy)).toContain('migrate (needs success)');
  });

  it('a migrate.yml with a lock of its own', async () => {
    const migrate = readFileSync(join(WORKFLOWS, 'migrate.yml'), 'utf8');
    const copy = await loadSimWorkflow('migrate.yml', once(migrate, '  group: ecs-deploy ${{', '  group: ecs-migrate ${{'));
    const inputs = { cluster: 'production', 'blue-service': 'web-blue', 'green-service': 'web-green' };
    expect(concurrencyOf(copy, inputs)!.group).not.toBe(
      concurrencyOf(await loadSimWorkflow('deploy-production.yml', production), inputs)!.group,
    );
  });

  it('a lock that forgets the single form: two services of one cluster would share "ecs-deploy production  "', async () => {
    const copy = await loadSimWorkflow(
      'deploy-staging.yml',
      once(
        staging,
        "${{ inputs.service || format('{0} {1}', inputs.blue-service, inputs.green-service) }}",
        '${{ inputs.blue-service }} ${{ inputs.green-service }}',
      ),
    );
    const web = concurrencyOf(copy, { cluster: 'production', ...SINGLE })!.group;
    expect(web).toBe(concurrencyOf(copy, { cluster: 'production', ...SINGLE, service: 'api' })!.group);
  });

  it('without the form check, both forms reach AWS', async () => {
    const copy = await loadSimWorkflow('deploy-staging.yml', staging.replace(/ {6}# Exactly one form[\s\S]*?exit 1\n/, ''));
    const steps = [...run(copy, { ...stagingInputs, service: 'web' }, []).jobs.values()].flatMap((j) =>
      j.steps.filter((s) => s.outcome !== 'skipped').map((s) => s.step.uses ?? ''),
    );
    expect(steps.some((uses) => uses.startsWith('aws-actions/'))).toBe(true);
  });

  it('a step that drops service, or passes a color from elsewhere', () => {
    const copy = broken(
      staging,
      '          service: ${{ inputs.service }}\n          blue-service: ${{ inputs.blue-service }}\n          green-service: ${{ inputs.green-service }}\n          listener-arn: ${{ inputs.listener-arn }}\n          listener-rule-arn: ${{ inputs.listener-rule-arn }}\n          task-definition: ${{ inputs.task-definition }}\n          container-name: ${{ inputs.container-name }}\n          image: ${{ inputs.image }}\n          steps',
      '          blue-service: ${{ inputs.blue-service }}\n          green-service: ${{ inputs.green-service }}\n          listener-arn: ${{ inputs.listener-arn }}\n          listener-rule-arn: ${{ inputs.listener-rule-arn }}\n          task-definition: ${{ inputs.task-definition }}\n          container-name: ${{ inputs.container-name }}\n          image: ${{ inputs.image }}\n          steps',
    );
    expect(formProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[2]: with.service must be ${{ inputs.service }} (either service form reaches actions/canary)',
    ]);
  });

  it('a notifying step without a secret, a secret in env: of a script, a secret under another input', () => {
    const missing = broken(
      staging,
      '          teams-webhook-url: ${{ secrets.TEAMS_WEBHOOK_URL }}\n          notify-webhook-url: ${{ secrets.NOTIFY_WEBHOOK_URL }}\n          notify-webhook-secret: ${{ secrets.NOTIFY_WEBHOOK_SECRET }}\n      - id: smoke',
      '          notify-webhook-url: ${{ secrets.NOTIFY_WEBHOOK_URL }}\n          notify-webhook-secret: ${{ secrets.NOTIFY_WEBHOOK_SECRET }}\n      - id: smoke',
    );
    expect(notifyProblems(missing)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[2]: with.teams-webhook-url must be ${{ secrets.TEAMS_WEBHOOK_URL }}, got null',
    ]);
    const env = broken(
      staging,
      '          MOVED: ${{ needs.deploy.outputs.moved }}\n',
      '          MOVED: ${{ needs.deploy.outputs.moved }}\n          HOOK: ${{ secrets.SLACK_WEBHOOK_URL }}\n',
    );
    expect(notifyProblems(env)).toEqual([
      'deploy-staging.yml: jobs.report.steps[0].env.HOOK: secrets.SLACK_WEBHOOK_URL may only be passed as the matching notification input of an action',
    ]);
    const swapped = broken(
      staging,
      '          reason: Staging deployment of ${{ github.sha }} did not complete (run ${{ github.run_id }})\n',
      '          reason: ${{ secrets.NOTIFY_WEBHOOK_SECRET }}\n',
    );
    expect(notifyProblems(swapped)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[4].with.reason: secrets.NOTIFY_WEBHOOK_SECRET may only be passed as the matching notification input of an action',
    ]);
  });

  it('a secret interpolated into run:', () => {
    const copy = broken(staging, '      - id: smoke\n', '      - run: curl -d ok "${{ secrets.SLACK_WEBHOOK_URL }}"\n      - id: smoke\n');
    expect(safetyProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[3]: run: contains ${{ secrets.SLACK_WEBHOOK_URL }}; pass it through env: and use "$NAME"',
    ]);
    expect(notifyProblems(copy)).toEqual([
      'deploy-staging.yml: jobs.deploy.steps[3].run: secrets.SLACK_WEBHOOK_URL may only be passed as the matching notification input of an action',
    ]);
  });

  it('a caller passing a secret the workflow does not declare', () => {
    const text = readFileSync(join(EXAMPLES, 'deploy-staging.yml'), 'utf8').replace(
      '      SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}\n',
      '      SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}\n      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n',
    );
    expect(contractProblems(parseWorkflow('deploy-staging.yml', text))).toEqual([
      'deploy-staging.yml: jobs.deploy: secret "AWS_SECRET_ACCESS_KEY" is not declared by .github/workflows/deploy-staging.yml',
    ]);
  });
});
