/** The workflows, the examples and the actions' declared interfaces, as the checks read them. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../../sandbox/rehearsal/run-bundle.ts';

export type Yaml = Record<string, unknown>;

export interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Job {
  needs?: string | string[];
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: unknown;
  permissions?: string | Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
  [key: string]: unknown;
}

export interface InputSpec {
  required?: boolean;
  default?: unknown;
  type?: string;
}

export interface Workflow {
  path: string;
  text: string;
  name?: string;
  on: Record<string, { inputs?: Record<string, InputSpec>; outputs?: Record<string, { value?: string }> } | null>;
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

export interface ActionInterface {
  inputs: Record<string, InputSpec>;
  outputs: Record<string, unknown>;
}

export const WORKFLOWS = join(ROOT, '.github', 'workflows');
export const EXAMPLES = join(ROOT, 'examples');

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));

export const workflowPaths = (): string[] => yamlFiles(WORKFLOWS);
export const examplePaths = (): string[] => yamlFiles(EXAMPLES);

export function parseWorkflow(path: string, text: string): Workflow {
  const doc = parse(text) as Yaml;
  return { ...(doc as object), path, text, on: (doc.on ?? {}) as Workflow['on'], jobs: (doc.jobs ?? {}) as Workflow['jobs'] };
}

export const loadWorkflow = (path: string): Workflow => parseWorkflow(path, readFileSync(path, 'utf8'));

/** Our own actions by name, from actions/<name>/action.yml; undefined when there is none. */
export function actionInterface(name: string): ActionInterface | undefined {
  const path = join(ROOT, 'actions', name, 'action.yml');
  if (!existsSync(path)) return undefined;
  const doc = parse(readFileSync(path, 'utf8')) as Yaml;
  return { inputs: (doc.inputs ?? {}) as ActionInterface['inputs'], outputs: (doc.outputs ?? {}) as ActionInterface['outputs'] };
}

/** `$/actions/<name>`: the 2026 syntax for an action of the repository the workflow lives in. */
export const OWN_ACTION = /^\$\/actions\/([a-z0-9-]+)$/;

/** How the examples call our reusable workflows: pinned to a commit of this repository (the release in a comment). */
export const OWN_WORKFLOW = /^ecs-progressive-delivery\/ecs-progressive-delivery\/\.github\/workflows\/([a-z0-9-]+\.yml)@[0-9a-f]{40}$/;

export const stepsOf = (job: Job): Step[] => job.steps ?? [];
export const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat());

/** Every string anywhere inside a value, with the path to it (for messages). */
export function strings(value: unknown, path: string): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/** The contents of every `${{ … }}` in a text. */
export const expressions = (text: string): string[] => [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!);
