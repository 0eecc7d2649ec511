import type { TaskDefinitionDocument } from '../../taskdef.ts';
import { fail, pass, warn, type CheckOutcome } from './check.ts';
import { liveAndIdle, revisionOf, type PreflightReads } from './context.ts';
import type { ClusterCapacity, FargateUsage, InstanceCapacity } from './ports.ts';
import { cpuUnits, memoryMiB } from './task-size.ts';
import { loadTaskDefinition, type TaskDefinitionPlan } from './task-definition.ts';

/** At or above this share of the Fargate vCPU quota after the deployment, warn. */
export const QUOTA_NEAR = 0.9;

interface TaskSize {
  cpu: number;
  memory: number;
  from: string;
}

/**
 * Room for the tasks the deployment starts: the idle color at the live color's desired count
 * (one service: its desired count again, as a rolling update at maximumPercent 200 starts them
 * before stopping the old ones). EC2: the container instances' unreserved CPU/memory; Fargate
 * has no per-cluster capacity to read, so only a vCPU quota close to full warns.
 */
export async function checkCapacity(
  reads: PreflightReads,
  taskDefinition: TaskDefinitionPlan | undefined,
  ports: { capacity: ClusterCapacity; fargate: FargateUsage },
): Promise<CheckOutcome> {
  const { live, idle } = liveAndIdle(await reads.services());
  const target = idle ?? live;
  const tasks = Math.max(live.state.desiredCount, 1);
  const size = await taskSize(reads, taskDefinition, live.state.taskDefinition);
  const need = idle
    ? `${tasks} task(s) on ${idle.name} to match ${live.name}`
    : `${tasks} more task(s) on ${live.name} during a rolling update`;
  const evidence = [`needs: ${need}`, `task size: ${size.cpu} cpu units, ${size.memory} MiB (${size.from})`];
  const placement = await ports.capacity.placement(target.name);
  const providers = placement.capacityProviders.length > 0 ? await ports.capacity.capacityProviders(placement.capacityProviders) : [];
  evidence.push(`placement: ${placement.launchType ?? `capacity providers ${placement.capacityProviders.join(', ')}`}`);
  const ec2Providers = providers.filter((p) => p.kind === 'EC2');
  if (placement.launchType === 'EXTERNAL') return warn('EXTERNAL instances: capacity not checked', evidence);
  if (placement.launchType === 'FARGATE' || (placement.launchType === undefined && ec2Providers.length === 0))
    return fargateCapacity(tasks, size, ports.fargate, evidence);

  const names = new Set(ec2Providers.map((p) => p.name));
  const instances = (await ports.capacity.containerInstances()).filter(
    (i) => names.size === 0 || (i.capacityProvider && names.has(i.capacityProvider)),
  );
  if (size.cpu <= 0 && size.memory <= 0) return warn('the task asks for no CPU or memory: capacity cannot be sized', evidence);
  const fits = instances.reduce((sum, i) => sum + fitting(i, size), 0);
  evidence.push(
    `instances: ${instances.length}`,
    ...instances.slice(0, 10).map((i) => `${i.id}: ${i.remainingCpu} cpu, ${i.remainingMemory} MiB left (fits ${fitting(i, size)})`),
  );
  if (fits >= tasks) return pass(`room for ${fits} task(s) of ${size.cpu} cpu/${size.memory} MiB; the deployment needs ${tasks}`, evidence);
  const scaling = ec2Providers.filter((p) => p.managedScaling).map((p) => p.name);
  if (scaling.length > 0)
    return warn(
      `only ${fits} of ${tasks} task(s) fit now; managed scaling of ${scaling.join(', ')} should add instances (its maximum size is not checked)`,
      evidence,
    );
  return fail(
    `only ${fits} of ${tasks} task(s) of ${size.cpu} cpu/${size.memory} MiB fit on ${instances.length} instance(s), and nothing scales the cluster`,
    evidence,
  );
}

function fitting(instance: InstanceCapacity, size: TaskSize): number {
  const byCpu = size.cpu > 0 ? Math.floor(instance.remainingCpu / size.cpu) : Infinity;
  const byMemory = size.memory > 0 ? Math.floor(instance.remainingMemory / size.memory) : Infinity;
  return Math.max(0, Math.min(byCpu, byMemory));
}

async function fargateCapacity(tasks: number, size: TaskSize, fargate: FargateUsage, evidence: string[]): Promise<CheckOutcome> {
  const adds = (tasks * size.cpu) / 1024;
  const usage = await fargate.vcpu();
  const note = 'Fargate has no cluster capacity to check';
  if (!usage) return pass(`${note}; the vCPU quota usage is not published`, [...evidence, `adds ${adds} vCPU`]);
  const after = usage.used + adds;
  const quotaEvidence = [...evidence, `Fargate On-Demand vCPU: ${usage.used} in use + ${adds} = ${after} of quota ${usage.quota}`];
  if (after >= usage.quota * QUOTA_NEAR)
    return warn(
      `Fargate vCPU quota nearly used: ${after} of ${usage.quota} vCPU after the deployment (ask for a quota increase)`,
      quotaEvidence,
    );
  return pass(`${note}; vCPU quota use ${after} of ${usage.quota} after the deployment`, quotaEvidence);
}

/** The size of the tasks to start: the task definition being deployed, else what the live service runs. */
async function taskSize(reads: PreflightReads, plan: TaskDefinitionPlan | undefined, liveTaskDefinition: string): Promise<TaskSize> {
  if (plan) {
    const loaded = await loadTaskDefinition(plan, reads.taskDefinitions);
    if ('document' in loaded) return sizeOf(loaded.document, loaded.label);
  }
  const current = await reads.taskDefinitions.describe(liveTaskDefinition);
  return sizeOf(current.document as TaskDefinitionDocument, revisionOf(current.arn));
}

function sizeOf(document: TaskDefinitionDocument, from: string): TaskSize {
  const containers = document.containerDefinitions as { cpu?: unknown; memory?: unknown; memoryReservation?: unknown }[];
  const sum = (values: (number | undefined)[]) => values.reduce<number>((total, v) => total + (v && !Number.isNaN(v) ? v : 0), 0);
  const cpu = cpuUnits(document.cpu);
  const memory = memoryMiB(document.memory);
  return {
    cpu: cpu !== undefined && !Number.isNaN(cpu) ? cpu : sum(containers.map((c) => cpuUnits(c.cpu))),
    memory:
      memory !== undefined && !Number.isNaN(memory)
        ? memory
        : sum(containers.map((c) => memoryMiB(c.memory) ?? memoryMiB(c.memoryReservation))),
    from,
  };
}
