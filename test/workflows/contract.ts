/**
 * Contract checks: what a workflow passes and references exists. Each problem is one line
 * naming the file, the job (and step) and what is wrong.
 */
import { basename, join } from 'node:path';
import {
  actionInterface,
  expressions,
  loadWorkflow,
  needsOf,
  OWN_ACTION,
  OWN_WORKFLOW,
  stepsOf,
  strings,
  WORKFLOWS,
  type Job,
  type Workflow,
} from './model.ts';

const where = (workflow: Workflow, ...parts: string[]) => [basename(workflow.path), ...parts].join(': ');

/** Expressions in a value; an `if:` is an expression even without `${{ }}`. */
function expressionsIn(value: unknown, path: string): { path: string; expression: string }[] {
  return strings(value, path).flatMap(({ path: at, text }) => {
    const found = expressions(text);
    const implicit = /(^|\.)if$/.test(at) && found.length === 0 ? [text] : [];
    return [...found, ...implicit].map((expression) => ({ path: at, expression }));
  });
}

export function contractProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const declared = new Set(Object.values(workflow.on ?? {}).flatMap((trigger) => Object.keys(trigger?.inputs ?? {})));

  for (const { path, expression } of expressionsIn(workflow.on?.workflow_call?.outputs ?? {}, 'on.workflow_call.outputs')) {
    for (const [, job, output] of expression.matchAll(/\bjobs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (!workflow.jobs[job!]) problems.push(where(workflow, path, `jobs.${job}.outputs.${output}: there is no job ${job}`));
      else if (!workflow.jobs[job!]!.outputs?.[output!])
        problems.push(where(workflow, path, `jobs.${job}.outputs.${output}: job ${job} declares no output ${output}`));
    }
  }

  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const { path, expression } of expressionsIn(job, `jobs.${name}`)) {
      for (const [, input] of expression.matchAll(/\binputs\.([\w-]+)/g)) {
        if (!declared.has(input!)) problems.push(where(workflow, path, `inputs.${input}: the workflow declares no input ${input}`));
      }
      for (const [, other, output] of expression.matchAll(/\bneeds\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (!needsOf(job).includes(other!))
          problems.push(where(workflow, path, `needs.${other}.outputs.${output}: job ${name} does not need ${other}`));
        else if (!workflow.jobs[other!]?.outputs?.[output!])
          problems.push(where(workflow, path, `needs.${other}.outputs.${output}: job ${other} declares no output ${output}`));
      }
      for (const [, id, output] of expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const step = stepsOf(job).find((s) => s.id === id);
        if (!step) problems.push(where(workflow, path, `steps.${id}.outputs.${output}: job ${name} has no step with id ${id}`));
        const own = step?.uses && OWN_ACTION.exec(step.uses);
        if (own && !(output! in (actionInterface(own[1]!)?.outputs ?? {})))
          problems.push(where(workflow, path, `steps.${id}.outputs.${output}: actions/${own[1]} declares no output ${output}`));
      }
    }
    stepsOf(job).forEach((step, index) => {
      const own = step.uses && OWN_ACTION.exec(step.uses);
      if (own)
        problems.push(
          ...withMatches(workflow, `jobs.${name}.steps[${index}]`, `actions/${own[1]}`, actionInterface(own[1]!)?.inputs, step.with),
        );
    });
    if (job.uses) problems.push(...callProblems(workflow, name, job));
  }
  return problems;
}

/** `with:` passes only declared inputs, and every required one. */
function withMatches(
  workflow: Workflow,
  at: string,
  target: string,
  inputs: Record<string, { required?: boolean; default?: unknown }> | undefined,
  given: Record<string, unknown> = {},
): string[] {
  if (!inputs) return [where(workflow, at, `${target} does not exist`)];
  const problems = Object.keys(given)
    .filter((name) => !(name in inputs))
    .map((name) => where(workflow, at, `input "${name}" is not declared by ${target}`));
  for (const [name, spec] of Object.entries(inputs)) {
    if (spec.required && spec.default === undefined && !(name in given))
      problems.push(where(workflow, at, `required input "${name}" of ${target} is not given`));
  }
  return problems;
}

/** A job that calls one of our reusable workflows passes what its workflow_call declares. */
function callProblems(workflow: Workflow, name: string, job: Job): string[] {
  const own = OWN_WORKFLOW.exec(job.uses!);
  if (!own) return [where(workflow, `jobs.${name}`, `calls ${job.uses}, which is not one of this suite's reusable workflows`)];
  let called: Workflow;
  try {
    called = loadWorkflow(join(WORKFLOWS, own[1]!));
  } catch {
    return [where(workflow, `jobs.${name}`, `calls .github/workflows/${own[1]}, which does not exist`)];
  }
  const inputs = called.on?.workflow_call?.inputs;
  if (!inputs) return [where(workflow, `jobs.${name}`, `.github/workflows/${own[1]} is not a reusable workflow`)];
  const problems = withMatches(workflow, `jobs.${name}`, `.github/workflows/${own[1]}`, inputs, job.with);
  const secrets = (called.on?.workflow_call as { secrets?: Record<string, unknown> }).secrets ?? {};
  if (job.secrets && typeof job.secrets === 'object')
    for (const secret of Object.keys(job.secrets))
      if (!(secret in secrets))
        problems.push(where(workflow, `jobs.${name}`, `secret "${secret}" is not declared by .github/workflows/${own[1]}`));
  for (const [input, value] of Object.entries(job.with ?? {})) {
    const type = inputs[input]?.type;
    const expression = typeof value === 'string' && value.includes('${{');
    if (type === 'boolean' && typeof value !== 'boolean' && !expression)
      problems.push(
        where(workflow, `jobs.${name}`, `input "${input}" of .github/workflows/${own[1]} is a boolean, got ${JSON.stringify(value)}`),
      );
  }
  return problems;
}
