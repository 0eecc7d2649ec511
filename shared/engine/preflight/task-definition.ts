import { parseTaskDefinition, renderTaskDefinition, type TaskDefinitionDocument } from '../../taskdef.ts';
import { fail, pass, warn, worst, type CheckOutcome } from './check.ts';
import type { TaskDefinitions } from './ports.ts';
import { cpuUnits, EC2_TASK_CPU, fargateSizeProblem, memoryMiB } from './task-size.ts';

/** A task definition file's text (read by the entrypoint), or an existing revision. */
export type TaskDefinitionInput = { file: string; text: string } | { reference: string };

export type LaunchType = 'FARGATE' | 'EC2' | 'EXTERNAL';

export interface TaskDefinitionPlan {
  source: TaskDefinitionInput;
  containerName: string | undefined;
  image: string | undefined;
  /** Overrides what the document's requiresCompatibilities says. */
  launchType: LaunchType | undefined;
}

interface Container {
  name: string;
  image: string;
  essential?: boolean;
  cpu?: unknown;
  memory?: unknown;
  memoryReservation?: unknown;
}

/** The document the deployment would register (or run), with the image rendered in. */
export async function loadTaskDefinition(
  plan: TaskDefinitionPlan,
  taskDefinitions: TaskDefinitions,
): Promise<{ document: TaskDefinitionDocument; label: string } | { problem: string; label: string }> {
  if ('file' in plan.source) {
    const parsed = parseTaskDefinition(plan.source.text);
    if ('problem' in parsed) return { problem: `${plan.source.file} ${parsed.problem}`, label: plan.source.file };
    const missing = missingContainer(parsed.document, plan.containerName, plan.source.file);
    if (missing) return { problem: missing, label: plan.source.file };
    const render = plan.containerName && plan.image ? { containerName: plan.containerName, image: plan.image } : undefined;
    return { document: renderTaskDefinition(parsed.document, render) as TaskDefinitionDocument, label: plan.source.file };
  }
  const revision = await taskDefinitions.describe(plan.source.reference);
  const label = `${revision.family}:${revision.revision}`;
  if (revision.status !== 'ACTIVE')
    return { problem: `${label} is ${revision.status}: ECS starts no new tasks from a deregistered revision`, label };
  const parsed = parseTaskDefinition(JSON.stringify(revision.document));
  if ('problem' in parsed) return { problem: `${label} ${parsed.problem}`, label };
  const missing = missingContainer(parsed.document, plan.containerName, label);
  return missing ? { problem: missing, label } : { document: parsed.document, label };
}

function missingContainer(document: TaskDefinitionDocument, name: string | undefined, label: string): string | undefined {
  const names = document.containerDefinitions.map((c) => c.name);
  if (!name || names.includes(name)) return undefined;
  return `container-name "${name}" is not a container of ${label} (it has: ${names.join(', ')})`;
}

/** Fargate when the document says it is (or the input says so), else EC2. */
export function launchTypeOf(document: TaskDefinitionDocument, override: LaunchType | undefined): LaunchType {
  if (override) return override;
  const wants = (document.requiresCompatibilities as string[] | undefined) ?? [];
  return wants.includes('FARGATE') ? 'FARGATE' : wants.includes('EXTERNAL') && !wants.includes('EC2') ? 'EXTERNAL' : 'EC2';
}

/**
 * The file or revision parses and validates, renders the image into container-name, has an
 * essential container, and asks for CPU/memory the launch type accepts.
 */
export async function checkTaskDefinition(plan: TaskDefinitionPlan, taskDefinitions: TaskDefinitions): Promise<CheckOutcome> {
  const loaded = await loadTaskDefinition(plan, taskDefinitions);
  if ('problem' in loaded) return fail(loaded.problem, [`task definition: ${loaded.label}`]);
  const { document, label } = loaded;
  const containers = document.containerDefinitions as Container[];
  const launchType = launchTypeOf(document, plan.launchType);
  const essential = containers.filter((c) => c.essential !== false);
  const evidence = [
    `task definition: ${label} (family ${document.family})`,
    `launch type: ${launchType}${plan.launchType ? ' (input)' : ''}`,
    `task size: cpu ${String(document.cpu ?? 'none')}, memory ${String(document.memory ?? 'none')}`,
    ...containers.map((c) => `container ${c.name}${c.essential === false ? '' : ' (essential)'}: ${c.image}`),
  ];
  const outcomes = [...sizeOutcomes(document, containers, launchType), ...imageOutcomes(plan, essential)];
  const verdict = worst(outcomes, `${label} is valid for ${launchType}: ${essential.length} essential container(s)`);
  return { ...verdict, evidence: [...evidence, ...verdict.evidence] };
}

function imageOutcomes(plan: TaskDefinitionPlan, essential: Container[]): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  if (plan.image && !plan.containerName && 'file' in plan.source)
    outcomes.push(warn('image was not rendered: give container-name to put it into the task definition'));
  if (plan.containerName && plan.image)
    outcomes.push(pass(`rendered ${plan.image} into ${plan.containerName}`, [`rendered: ${plan.containerName} ← ${plan.image}`]));
  for (const c of essential) {
    if (c.image.includes('@sha256:')) continue;
    const tag = /:([^/:]+)$/.exec(c.image)?.[1];
    if (!tag || tag === 'latest')
      outcomes.push(
        warn(`container ${c.name} runs the mutable tag ${tag ?? '(none, i.e. latest)'}: a rollback may not get the same image`),
      );
  }
  return outcomes;
}

function sizeOutcomes(document: TaskDefinitionDocument, containers: Container[], launchType: LaunchType): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  const cpu = cpuUnits(document.cpu);
  const memory = memoryMiB(document.memory);
  const compat = (document.requiresCompatibilities as string[] | undefined) ?? [];
  if (compat.length > 0 && !compat.includes(launchType))
    outcomes.push(fail(`requiresCompatibilities is ${compat.join(', ')}: ECS will not run it on ${launchType}`));
  if (launchType === 'FARGATE') {
    const problem = fargateSizeProblem(cpu, memory);
    if (problem) outcomes.push(fail(problem));
    if (document.networkMode !== 'awsvpc')
      outcomes.push(fail(`Fargate needs networkMode awsvpc (got ${String(document.networkMode ?? 'none')})`));
  } else {
    if (cpu !== undefined && (Number.isNaN(cpu) || cpu < EC2_TASK_CPU.min || cpu > EC2_TASK_CPU.max))
      outcomes.push(fail(`task cpu ${String(document.cpu)} is outside ${EC2_TASK_CPU.min}-${EC2_TASK_CPU.max} units`));
    if (memory === undefined) {
      const without = containers.filter((c) => memoryMiB(c.memory) === undefined && memoryMiB(c.memoryReservation) === undefined);
      if (without.length > 0)
        outcomes.push(
          fail(
            `without task-level memory, every container needs memory or memoryReservation on ${launchType} (missing: ${without.map((c) => c.name).join(', ')})`,
          ),
        );
    }
  }
  const sum = (values: (number | undefined)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);
  const containerCpu = sum(containers.map((c) => cpuUnits(c.cpu)));
  const containerMemory = sum(containers.map((c) => memoryMiB(c.memory) ?? memoryMiB(c.memoryReservation)));
  if (cpu !== undefined && !Number.isNaN(cpu) && containerCpu > cpu)
    outcomes.push(fail(`containers ask for ${containerCpu} cpu units, more than the task's ${cpu}`));
  if (memory !== undefined && !Number.isNaN(memory) && containerMemory > memory)
    outcomes.push(fail(`containers ask for ${containerMemory} MiB, more than the task's ${memory} MiB`));
  return outcomes;
}
