/**
 * Runs a workflow the way GitHub evaluates it, for the outcomes a test chooses: GitHub's own
 * parser (@actions/workflow-parser) reads the file and adds the implicit `success() && (…)` to
 * every `if:`, GitHub's own evaluator (@actions/expressions) evaluates each `if:`, output,
 * `with:` and `env:`. What this file adds is only what those libraries leave to the server and
 * the runner: the status functions (job-level success() looks at every ancestor, not only the
 * direct needs), the order of jobs and steps, and what a cancel does (a running job whose `if`
 * still holds is not cancelled; a cancelled job's current step is interrupted and its later
 * steps run only when their `if` holds with cancelled()).
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import {
  convertWorkflowTemplate,
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Result = 'success' | 'failure' | 'cancelled' | 'skipped';

/** A step as this simulation knows it: GitHub's condition, plus the raw `with:`/`env:` tokens. */
export interface SimStep {
  index: number;
  id: string;
  uses: string | undefined;
  run: string | undefined;
  condition: string;
  with: MappingToken | undefined;
  env: MappingToken | undefined;
}

export interface SimJob {
  id: string;
  needs: string[];
  condition: string;
  steps: SimStep[];
  outputs: MappingToken | undefined;
  environment: TemplateToken | undefined;
  env: MappingToken | undefined;
}

export interface SimWorkflow {
  name: string;
  jobs: SimJob[];
  concurrency: TemplateToken | undefined;
  inputs: Record<string, { default?: unknown; type?: string }>;
  outputs: TemplateToken | undefined;
}

/** Parses and converts with GitHub's parser; any error is thrown (a workflow GitHub would refuse). */
export async function loadSimWorkflow(name: string, content: string): Promise<SimWorkflow> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors();
  if (errors.length > 0 || !parsed.value) throw new Error(`${name}: ${errors.map((e) => e.message).join('; ')}`);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  if (template.errors?.length) throw new Error(`${name}: ${template.errors.map((e) => e.Message).join('; ')}`);
  const raw = parsed.value as MappingToken;
  const rawJobs = raw.find('jobs') as MappingToken;
  const call = (template.events.workflow_call ?? template.events.workflow_dispatch ?? {}) as {
    inputs?: SimWorkflow['inputs'];
  };
  const onToken = raw.find('on');
  const callToken = onToken && isMapping(onToken) ? onToken.find('workflow_call') : undefined;
  return {
    name,
    concurrency: template.concurrency,
    inputs: { ...(template.events.workflow_dispatch?.inputs ?? {}), ...(call.inputs ?? {}) },
    outputs: callToken && isMapping(callToken) ? callToken.find('outputs') : undefined,
    jobs: template.jobs.map((job) => {
      if (job.type !== 'job') throw new Error(`${name}: job ${job.id.value} calls a workflow; simulate the called one`);
      const rawJob = rawJobs.find(job.id.value) as MappingToken;
      const rawSteps = rawJob.find('steps');
      return {
        id: job.id.value,
        needs: (job.needs ?? []).map((n) => n.value),
        condition: job.if.expression,
        outputs: job.outputs,
        environment: job.environment,
        env: job.env,
        steps: job.steps.map((step, index) => {
          const rawStep = rawSteps && isSequence(rawSteps) ? (rawSteps.get(index) as MappingToken) : undefined;
          const find = (key: string) => {
            const token = rawStep?.find(key);
            return token && isMapping(token) ? token : undefined;
          };
          const s = step as { id: string; uses?: { value: string }; run?: TemplateToken; if?: { expression: string } };
          return {
            index,
            id: s.id,
            uses: s.uses?.value,
            run: s.run && isString(s.run) ? s.run.value : s.run ? String(s.run) : undefined,
            condition: s.if?.expression ?? 'success()',
            with: find('with'),
            env: find('env'),
          };
        }),
      };
    }),
  };
}

export interface Status {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

/** Evaluates one expression with GitHub's evaluator, the given contexts and status functions. */
export function evaluate(expression: string, contexts: Record<string, Json>, status?: Status): data.ExpressionData {
  const statusFunctions = [
    ['success', () => status?.success ?? true],
    ['failure', () => status?.failure ?? false],
    ['cancelled', () => status?.cancelled ?? false],
    ['always', () => true],
  ] as const;
  const functions = new Map(
    statusFunctions.map(([name, call]) => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(call()) }]),
  );
  const key = `${Object.keys(contexts).sort().join(',')}|${expression}`;
  let tree = trees.get(key);
  if (!tree) {
    tree = new Parser(new Lexer(expression).lex().tokens, Object.keys(contexts), [...functions.values()]).parse();
    trees.set(key, tree);
  }
  return new Evaluator(tree, toData(contexts) as data.Dictionary, functions).evaluate();
}

const trees = new Map<string, ReturnType<Parser['parse']>>();

/** Plain values as expression data (what data.reviver does, without a JSON round trip). */
function toData(value: Json): data.ExpressionData {
  if (value === null) return new data.Null();
  if (typeof value === 'string') return new data.StringData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  return new data.Dictionary(...Object.entries(value).map(([key, v]) => ({ key, value: toData(v) })));
}

const truthy = (value: data.ExpressionData): boolean => {
  switch (value.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return (value as data.BooleanData).value;
    case data.Kind.Number:
      return (value as data.NumberData).value !== 0 && !Number.isNaN((value as data.NumberData).value);
    case data.Kind.String:
      return (value as data.StringData).value !== '';
    default:
      return true;
  }
};

export const isTrue = (expression: string, contexts: Record<string, Json>, status?: Status): boolean =>
  truthy(evaluate(expression, contexts, status));

/** A template value (`${{ }}` or a literal) as the string GitHub would pass on. */
export function valueOf(token: TemplateToken | undefined, contexts: Record<string, Json>, status?: Status): string {
  if (!token) return '';
  if (isBasicExpression(token)) return evaluate(token.expression, contexts, status).coerceString();
  if (isString(token)) return token.value;
  if (isBoolean(token) || isNumber(token)) return String(token.value);
  return String(token);
}

export function mappingOf(token: TemplateToken | undefined, contexts: Record<string, Json>, status?: Status): Record<string, string> {
  const out: Record<string, string> = {};
  if (!token || !isMapping(token)) return out;
  for (let i = 0; i < token.count; i++) {
    const pair = token.get(i);
    out[String(pair.key)] = valueOf(pair.value, contexts, status);
  }
  return out;
}

// ── Running ──────────────────────────────────────────────────────────────────

/** What a step does when it runs: its outcome and the outputs it wrote. */
export interface StepBehaviour {
  outcome: 'success' | 'failure' | 'cancelled';
  outputs: Record<string, string>;
}

/** What the test decides about a job before it starts: rejected at the approval, cancelled while waiting, or run. */
export type Gate = 'run' | 'rejected' | 'cancelled-waiting' | 'runner-lost';

export interface Scenario {
  inputs: Record<string, Json>;
  /** The secrets the caller passed (none by default). */
  secrets?: Record<string, string>;
  /** How a job's approval or start goes; default 'run'. */
  gate(job: string): Gate;
  /** What a step does when it runs; `cancel` means the workflow is cancelled while this step runs. */
  step(job: SimJob, step: SimStep, inputs: Record<string, string>): StepBehaviour | 'cancel';
  /** A job without steps we model (none today) */
}

export interface StepRun {
  step: SimStep;
  outcome: Result;
  with: Record<string, string>;
  env: Record<string, string>;
  outputs: Record<string, string>;
  /** The run was already cancelled when this step started. */
  afterCancel: boolean;
}

export interface JobRun {
  job: SimJob;
  result: Result;
  outputs: Record<string, string>;
  steps: StepRun[];
  /** true when the run was cancelled while this job ran and the job was cancelled (its `if` no longer held). */
  cancelledWhileRunning: boolean;
}

export interface RunResult {
  jobs: Map<string, JobRun>;
  cancelled: boolean;
  outputs: Record<string, string>;
}

export function simulate(workflow: SimWorkflow, scenario: Scenario): RunResult {
  const inputs: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(workflow.inputs)) {
    const d = spec.default as unknown;
    inputs[name] = d === undefined ? (spec.type === 'boolean' ? false : '') : isTemplate(d) ? valueOf(d, {}) : (d as Json);
  }
  Object.assign(inputs, scenario.inputs);
  const base = { inputs, github: { sha: 'abc123', run_id: '42', token: 'ghs_token' }, vars: {} as Json, secrets: scenario.secrets ?? {} };
  const runs = new Map<string, JobRun>();
  let cancelled = false;

  const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
    for (const need of workflow.jobs.find((j) => j.id === id)!.needs) {
      if (!seen.has(need)) {
        seen.add(need);
        ancestors(need, seen);
      }
    }
    return seen;
  };

  for (const job of topological(workflow.jobs)) {
    const needs: Record<string, Json> = {};
    for (const need of job.needs) needs[need] = { result: runs.get(need)!.result, outputs: runs.get(need)!.outputs };
    const above = [...ancestors(job.id)].map((id) => runs.get(id)!.result);
    const jobStatus = (): Status => ({
      success: !cancelled && above.every((r) => r === 'success'),
      failure: above.some((r) => r === 'failure'),
      cancelled,
    });
    const contexts = { ...base, needs };
    if (!isTrue(job.condition, contexts, jobStatus())) {
      runs.set(job.id, { job, result: 'skipped', outputs: {}, steps: [], cancelledWhileRunning: false });
      continue;
    }
    const gate = scenario.gate(job.id);
    if (gate === 'rejected' || gate === 'cancelled-waiting' || gate === 'runner-lost') {
      if (gate === 'cancelled-waiting') cancelled = true;
      const result = gate === 'cancelled-waiting' ? 'cancelled' : 'failure';
      runs.set(job.id, { job, result, outputs: {}, steps: [], cancelledWhileRunning: false });
      continue;
    }
    const run: JobRun = { job, result: 'success', outputs: {}, steps: [], cancelledWhileRunning: false };
    let jobCancelled = false;
    let failed = false;
    const stepsContext: Record<string, Json> = {};
    const env = mappingOf(job.env, contexts);
    for (const step of job.steps) {
      const stepContexts = { ...contexts, steps: stepsContext, env, job: { status: 'success' }, runner: { os: 'Linux' } };
      const status: Status = { success: !failed && !jobCancelled, failure: failed, cancelled: jobCancelled };
      // A job that is not cancelled (its `if` held under the cancel) still sees cancelled() for its steps.
      const stepStatus = cancelled && !jobCancelled ? { ...status, cancelled: true, success: false } : status;
      if (!isTrue(step.condition, stepContexts, stepStatus)) {
        run.steps.push({ step, outcome: 'skipped', with: {}, env: {}, outputs: {}, afterCancel: cancelled });
        if (step.id) stepsContext[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
        continue;
      }
      const withValues = mappingOf(step.with, stepContexts, stepStatus);
      const stepEnv = mappingOf(step.env, stepContexts, stepStatus);
      const afterCancel = cancelled;
      let behaviour = scenario.step(job, step, withValues);
      if (behaviour === 'cancel') {
        cancelled = true;
        // The server re-evaluates the running job's `if` with the run cancelled.
        jobCancelled = !isTrue(job.condition, contexts, jobStatus());
        behaviour = jobCancelled ? { outcome: 'cancelled', outputs: {} } : scenario.step(job, step, withValues);
        if (behaviour === 'cancel') behaviour = { outcome: 'success', outputs: {} };
      }
      run.steps.push({ step, outcome: behaviour.outcome, with: withValues, env: stepEnv, outputs: behaviour.outputs, afterCancel });
      if (step.id) stepsContext[step.id] = { outcome: behaviour.outcome, conclusion: behaviour.outcome, outputs: behaviour.outputs };
      if (behaviour.outcome === 'failure') failed = true;
    }
    run.cancelledWhileRunning = jobCancelled;
    run.result = jobCancelled ? 'cancelled' : failed ? 'failure' : 'success';
    run.outputs = mappingOf(job.outputs, { ...contexts, steps: stepsContext, env });
    runs.set(job.id, run);
  }

  const jobsContext: Record<string, Json> = {};
  for (const [id, run] of runs) jobsContext[id] = { result: run.result, outputs: run.outputs };
  const outputs: Record<string, string> = {};
  if (workflow.outputs && isMapping(workflow.outputs)) {
    for (let i = 0; i < workflow.outputs.count; i++) {
      const pair = workflow.outputs.get(i);
      const value = isMapping(pair.value) ? pair.value.find('value') : undefined;
      outputs[String(pair.key)] = valueOf(value, { ...base, jobs: jobsContext });
    }
  }
  return { jobs: runs, cancelled, outputs };
}

const isTemplate = (value: unknown): value is TemplateToken => typeof value === 'object' && value !== null && 'templateTokenType' in value;

function topological(jobs: SimJob[]): SimJob[] {
  const done = new Set<string>();
  const order: SimJob[] = [];
  while (order.length < jobs.length) {
    const next = jobs.find((j) => !done.has(j.id) && j.needs.every((n) => done.has(n)));
    if (!next) throw new Error('a cycle in needs');
    done.add(next.id);
    order.push(next);
  }
  return order;
}

/** The concurrency settings as GitHub would compute them for these inputs. */
export function concurrencyOf(workflow: SimWorkflow, inputs: Record<string, Json>) {
  const token = workflow.concurrency;
  if (!token) return undefined;
  const contexts = { inputs, github: { ref: 'refs/heads/main' }, vars: {} };
  if (!isMapping(token)) return { group: valueOf(token, contexts), cancelInProgress: false, queue: 'single' };
  const setting = mappingOf(token, contexts);
  return { group: setting.group ?? '', cancelInProgress: setting['cancel-in-progress'] === 'true', queue: setting.queue ?? 'single' };
}
