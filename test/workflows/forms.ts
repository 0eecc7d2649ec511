/**
 * Two static rules of the reusable workflows, each problem one line naming the file and step:
 * - notifications: every step of an action that notifies passes each notification input, the
 *   secrets as `${{ secrets.NAME }}` of a secret the workflow declares (never `secrets: inherit`,
 *   never through env: or run:), and a secret appears nowhere else;
 * - the service form: every step of an action that takes `service` gets `service`, `blue-service`
 *   and `green-service` from the workflow's inputs of the same names, so either form reaches it.
 */
import { basename } from 'node:path';
import { actionInterface, expressions, OWN_ACTION, stepsOf, strings, type Workflow } from './model.ts';

const where = (workflow: Workflow, ...parts: string[]) => [basename(workflow.path), ...parts].join(': ');

/** Action input → the secret the workflows declare for it. */
export const NOTIFY_SECRETS: Record<string, string> = {
  'slack-bot-token': 'SLACK_BOT_TOKEN',
  'slack-webhook-url': 'SLACK_WEBHOOK_URL',
  'teams-webhook-url': 'TEAMS_WEBHOOK_URL',
  'notify-webhook-url': 'NOTIFY_WEBHOOK_URL',
  'notify-webhook-secret': 'NOTIFY_WEBHOOK_SECRET',
};
export const NOTIFYING = ['canary', 'blue-green', 'rollback', 'chaos', 'run-task'];

export function notifyProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const call = workflow.on?.workflow_call as { secrets?: Record<string, unknown> } | null | undefined;
  const declared = new Set(Object.keys(call?.secrets ?? {}));
  const used = new Set<string>();
  for (const [name, job] of Object.entries(workflow.jobs)) {
    stepsOf(job).forEach((step, index) => {
      const at = `jobs.${name}.steps[${index}]`;
      const own = step.uses ? OWN_ACTION.exec(step.uses)?.[1] : undefined;
      const notifies = own !== undefined && NOTIFYING.includes(own);
      if (notifies) {
        for (const [input, secret] of Object.entries(NOTIFY_SECRETS)) {
          const value = step.with?.[input];
          if (value !== `\${{ secrets.${secret} }}`)
            problems.push(where(workflow, at, `with.${input} must be \${{ secrets.${secret} }}, got ${JSON.stringify(value ?? null)}`));
        }
        const channel = step.with?.['slack-channel'];
        if (typeof channel !== 'string' || !/^\$\{\{ inputs\.slack-channel( \|\| vars\.SLACK_CHANNEL)? \}\}$/.test(channel))
          problems.push(
            where(workflow, at, `with.slack-channel must be \${{ inputs.slack-channel }}, got ${JSON.stringify(channel ?? null)}`),
          );
      }
      for (const { path, text } of strings(step, at)) {
        for (const expression of expressions(text)) {
          for (const [, secret] of expression.matchAll(/\bsecrets\.([\w-]+)/g)) {
            used.add(secret!);
            const input = path.match(/\.with\.([\w-]+)$/)?.[1];
            if (!notifies || !input || NOTIFY_SECRETS[input] !== secret)
              problems.push(where(workflow, path, `secrets.${secret} may only be passed as the matching notification input of an action`));
            if (call && !declared.has(secret!)) problems.push(where(workflow, path, `secrets.${secret} is not declared by workflow_call`));
          }
        }
      }
    });
    if (!job.steps) {
      for (const { path, text } of strings({ ...job, secrets: undefined }, `jobs.${name}`))
        if (expressions(text).some((e) => /\bsecrets\./.test(e))) problems.push(where(workflow, path, 'secrets go in `secrets:`'));
    }
  }
  for (const secret of declared)
    if (!used.has(secret)) problems.push(where(workflow, 'on.workflow_call.secrets', `${secret} is declared but passed to no step`));
  return problems;
}

export function formProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const inputs = new Set(Object.values(workflow.on ?? {}).flatMap((trigger) => Object.keys(trigger?.inputs ?? {})));
  for (const [name, job] of Object.entries(workflow.jobs)) {
    stepsOf(job).forEach((step, index) => {
      const own = step.uses ? OWN_ACTION.exec(step.uses)?.[1] : undefined;
      const declared = own ? actionInterface(own)?.inputs : undefined;
      if (!declared || !('service' in declared) || !inputs.has('service')) return;
      for (const input of ['service', 'blue-service', 'green-service'].filter((i) => i in declared)) {
        if (step.with?.[input] !== `\${{ inputs.${input} }}`)
          problems.push(
            where(
              workflow,
              `jobs.${name}.steps[${index}]`,
              `with.${input} must be \${{ inputs.${input} }} (either service form reaches actions/${own})`,
            ),
          );
      }
    });
  }
  return problems;
}
