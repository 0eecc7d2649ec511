import type { ContainerDefinition, ContainerOverride, Failure, NetworkConfiguration, Task, TaskDefinition } from '@aws-sdk/client-ecs';
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, tmpdir } from 'node:os';
import { AwsError } from '../errors.ts';
import { randomHex, uuid } from '../ids.ts';
import type { LogStore, LogStream } from '../logs/store.ts';
import type { TaskTimes } from './model.ts';

/**
 * One-off tasks (RunTask): every container of the task definition runs as a real process, its
 * command override (or the definition's entryPoint + command) exec'd without a shell; stdout and
 * stderr go line by line to the awslogs group and stream. With no command at all a container
 * runs the sample app, like a service task.
 */

export interface OneOffOptions {
  region: string;
  accountId: string;
  nodePath: string;
  appPath: string;
  /** PROVISIONING → PENDING → RUNNING, each step this long. */
  startDelayMs: number;
  /** SIGTERM → SIGKILL on StopTask (the container's stopTimeout). */
  stopTimeoutMs: number;
  /** One EC2 container instance of this size, or none (the default: a Fargate-only cluster). */
  ec2?: { cpu: number; memory: number };
  imageAvailable: (image: string) => boolean;
  logs: LogStore;
}

export interface RunRequest {
  clusterArn: string;
  clusterName: string;
  definition: TaskDefinition;
  launchType: string | undefined;
  capacityProviderName: string | undefined;
  networkConfiguration: NetworkConfiguration | undefined;
  overrides: ContainerOverride[];
  startedBy: string | undefined;
  group: string | undefined;
}

interface ContainerRecord {
  definition: ContainerDefinition;
  arn: string;
  argv: string[];
  env: Record<string, string>;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number;
  reason?: string;
  process?: ChildProcess;
  stream?: LogStream;
}

export interface OneOffTask extends TaskTimes {
  id: string;
  arn: string;
  request: RunRequest;
  containers: ContainerRecord[];
  cpu: number;
  memory: number;
  lastStatus: 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPING' | 'STOPPED';
  version: number;
  containerInstanceArn?: string;
  timers: NodeJS.Timeout[];
}

/** Fargate's largest task. */
const FARGATE_MAX = { cpu: 16_384, memory: 122_880 };

export class OneOffTasks {
  readonly tasks = new Map<string, OneOffTask>();
  readonly #options: OneOffOptions;
  readonly #children = new Set<ChildProcess>();
  readonly #instanceArn: string;
  #closed = false;

  constructor(options: OneOffOptions) {
    this.#options = options;
    this.#instanceArn = `arn:aws:ecs:${options.region}:${options.accountId}:container-instance/sandbox/${randomHex(32)}`;
  }

  /** Starts `count` tasks, or says why each could not be placed (RunTask's `failures`). */
  run(request: RunRequest, count: number): { tasks: OneOffTask[]; failures: Failure[] } {
    const def = request.definition;
    const cpu = Number(def.cpu ?? 0) || (def.containerDefinitions ?? []).reduce((sum, c) => sum + (c.cpu ?? 0), 0);
    const memory =
      Number(def.memory ?? 0) || (def.containerDefinitions ?? []).reduce((sum, c) => sum + (c.memory ?? c.memoryReservation ?? 0), 0);
    if (request.launchType === 'FARGATE' || request.capacityProviderName) {
      if (cpu > FARGATE_MAX.cpu || memory > FARGATE_MAX.memory)
        throw new AwsError('ClientException', `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory.`);
    }
    const tasks: OneOffTask[] = [];
    const failures: Failure[] = [];
    for (let i = 0; i < count; i++) {
      if (request.launchType === 'EC2') {
        const ec2 = this.#options.ec2;
        if (!ec2) throw new AwsError('InvalidParameterException', 'No Container Instances were found in your cluster.');
        const used = this.#ec2Used();
        const reason = memory > ec2.memory - used.memory ? 'RESOURCE:MEMORY' : cpu > ec2.cpu - used.cpu ? 'RESOURCE:CPU' : undefined;
        if (reason) {
          failures.push({ arn: this.#instanceArn, reason });
          continue;
        }
      }
      tasks.push(this.#create(request, cpu, memory));
    }
    return { tasks, failures };
  }

  find(ref: string): OneOffTask | undefined {
    return this.tasks.get(ref.split('/').pop() ?? '');
  }

  /** StopTask: SIGTERM every container, SIGKILL after the stop timeout. */
  stop(task: OneOffTask, reason: string): void {
    if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') return;
    task.desiredStatus = 'STOPPED';
    task.stoppedReason = reason;
    task.stopCode = 'UserInitiated';
    task.stoppingAt = new Date();
    task.version += 1;
    this.#terminate(task);
  }

  /** Kills every process and timer (the sandbox is shutting down). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.tasks.values()) for (const timer of task.timers) clearTimeout(timer);
    const exits = [...this.#children].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    );
    await Promise.all(exits);
  }

  view(task: OneOffTask): Task {
    const { request } = task;
    const eni = `eni-${task.id.slice(0, 17)}`;
    const subnet = request.networkConfiguration?.awsvpcConfiguration?.subnets?.[0];
    return {
      taskArn: task.arn,
      clusterArn: request.clusterArn,
      taskDefinitionArn: request.definition.taskDefinitionArn,
      group: request.group ?? `family:${request.definition.family}`,
      startedBy: request.startedBy,
      launchType: request.capacityProviderName ? 'FARGATE' : (request.launchType as Task['launchType']),
      capacityProviderName: request.capacityProviderName,
      containerInstanceArn: task.containerInstanceArn,
      platformVersion: request.launchType === 'EC2' ? undefined : '1.4.0',
      platformFamily: 'Linux',
      availabilityZone: `${this.#options.region}a`,
      cpu: String(task.cpu),
      memory: String(task.memory),
      lastStatus: task.lastStatus,
      desiredStatus: task.desiredStatus,
      connectivity: task.startedAt ? 'CONNECTED' : undefined,
      createdAt: task.createdAt,
      pullStartedAt: task.pullStartedAt,
      pullStoppedAt: task.pullStoppedAt,
      startedAt: task.startedAt,
      stoppingAt: task.stoppingAt,
      executionStoppedAt: task.executionStoppedAt,
      stoppedAt: task.stoppedAt,
      stoppedReason: task.stoppedReason,
      stopCode: task.stopCode as Task['stopCode'],
      healthStatus: 'UNKNOWN',
      version: task.version,
      overrides: { containerOverrides: request.overrides, inferenceAcceleratorOverrides: [] },
      attachments: request.networkConfiguration
        ? [
            {
              id: uuid(),
              type: 'ElasticNetworkInterface',
              status: task.lastStatus === 'STOPPED' ? 'DELETED' : task.startedAt ? 'ATTACHED' : 'PRECREATED',
              details: [
                ...(subnet ? [{ name: 'subnetId', value: subnet }] : []),
                { name: 'networkInterfaceId', value: eni },
                { name: 'privateIPv4Address', value: '127.0.0.1' },
              ],
            },
          ]
        : [],
      containers: task.containers.map((c) => ({
        containerArn: c.arn,
        taskArn: task.arn,
        name: c.definition.name,
        image: c.definition.image,
        lastStatus: c.lastStatus,
        exitCode: c.exitCode,
        reason: c.reason,
        healthStatus: 'UNKNOWN',
        cpu: String(c.definition.cpu ?? 0),
        networkInterfaces: request.networkConfiguration ? [{ attachmentId: eni, privateIpv4Address: '127.0.0.1' }] : [],
        networkBindings: [],
      })),
    };
  }

  #ec2Used(): { cpu: number; memory: number } {
    const live = [...this.tasks.values()].filter((t) => t.request.launchType === 'EC2' && t.lastStatus !== 'STOPPED');
    return { cpu: live.reduce((s, t) => s + t.cpu, 0), memory: live.reduce((s, t) => s + t.memory, 0) };
  }

  #create(request: RunRequest, cpu: number, memory: number): OneOffTask {
    const { region, accountId } = this.#options;
    const id = randomHex(32);
    const task: OneOffTask = {
      id,
      arn: `arn:aws:ecs:${region}:${accountId}:task/${request.clusterName}/${id}`,
      request,
      cpu,
      memory,
      containers: (request.definition.containerDefinitions ?? []).map((definition) => {
        const override = request.overrides.find((o) => o.name === definition.name);
        const env: Record<string, string> = {};
        for (const pair of [...(definition.environment ?? []), ...(override?.environment ?? [])]) {
          if (pair.name) env[pair.name] = pair.value ?? '';
        }
        return {
          definition,
          arn: `arn:aws:ecs:${region}:${accountId}:container/${request.clusterName}/${id}/${uuid()}`,
          argv: [...(definition.entryPoint ?? []), ...(override?.command ?? definition.command ?? [])],
          env,
          lastStatus: 'PENDING',
        };
      }),
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      createdAt: new Date(),
      containerInstanceArn: request.launchType === 'EC2' ? this.#instanceArn : undefined,
      version: 1,
      timers: [],
    };
    this.tasks.set(id, task);
    this.#after(task, () => this.#pull(task));
    return task;
  }

  #after(task: OneOffTask, step: () => void): void {
    const timer = setTimeout(() => {
      if (!this.#closed && task.desiredStatus === 'RUNNING') step();
    }, this.#options.startDelayMs);
    timer.unref();
    task.timers.push(timer);
  }

  /** PROVISIONING → PENDING: images and log streams, each of which can keep the task from starting. */
  #pull(task: OneOffTask): void {
    task.lastStatus = 'PENDING';
    task.pullStartedAt = new Date();
    task.version += 1;
    for (const c of task.containers) {
      if (!this.#options.imageAvailable(c.definition.image ?? '')) {
        c.reason = `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${c.definition.image}: not found`;
        return this.#failedToStart(task, c.reason);
      }
    }
    task.pullStoppedAt = new Date();
    for (const c of task.containers) {
      const problem = this.#openLogStream(task, c);
      if (problem) {
        c.reason = problem;
        return this.#failedToStart(task, problem);
      }
    }
    this.#after(task, () => this.#start(task));
  }

  /** The awslogs driver creates `prefix/container/taskId` at start; a missing group fails the task. */
  #openLogStream(task: OneOffTask, c: ContainerRecord): string | undefined {
    const config = c.definition.logConfiguration;
    if (config?.logDriver !== 'awslogs') return undefined;
    const options = config.options ?? {};
    const group = options['awslogs-group'] ?? '';
    const prefix = options['awslogs-stream-prefix'];
    const logs = this.#options.logs;
    if (!logs.groups.has(group)) {
      if (options['awslogs-create-group'] !== 'true')
        return 'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1';
      logs.createGroup(group);
    }
    const name = prefix ? `${prefix}/${c.definition.name}/${task.id}` : task.id;
    c.stream = logs.groups.get(group)?.streams.get(name) ?? logs.createStream(group, name);
    return undefined;
  }

  #failedToStart(task: OneOffTask, reason: string): void {
    for (const c of task.containers) c.lastStatus = 'STOPPED';
    task.desiredStatus = 'STOPPED';
    task.stoppedReason = reason;
    task.stopCode = 'TaskFailedToStart';
    task.stoppingAt = new Date();
    this.#stopped(task);
  }

  /** PENDING → RUNNING: every container is a process. */
  #start(task: OneOffTask): void {
    for (const c of task.containers) {
      const argv = c.argv.length > 0 ? c.argv : [this.#options.nodePath, '--disable-warning=ExperimentalWarning', this.#options.appPath];
      const [command, ...args] = argv[0] === 'node' ? [this.#options.nodePath, ...argv.slice(1)] : argv;
      const child = spawn(command!, args, {
        // Containers do not inherit the host's environment, only the task definition's.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...c.env, ECS_TASK_ARN: task.arn, PORT: '0', HOST: '127.0.0.1' },
        cwd: tmpdir(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.#children.add(child);
      c.process = child;
      c.lastStatus = 'RUNNING';
      this.#pipe(child.stdout, c);
      this.#pipe(child.stderr, c);
      let spawnError: Error | undefined;
      child.once('error', (error) => (spawnError = error));
      child.once('close', (code, signal) => {
        this.#children.delete(child);
        if (this.#closed) return;
        c.process = undefined;
        c.lastStatus = 'STOPPED';
        if (spawnError) {
          c.reason = `CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: exec: "${argv[0]}": ${spawnError.message}`;
        } else {
          c.exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 9) : 0);
        }
        this.#containerExited(task, c);
      });
    }
    task.lastStatus = 'RUNNING';
    task.startedAt = new Date();
    task.version += 1;
  }

  #pipe(source: NodeJS.ReadableStream | null, c: ContainerRecord): void {
    if (!source) return;
    let buffer = '';
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (c.stream) this.#options.logs.append(c.stream, line.replace(/\r$/, ''));
    });
    source.on('end', () => {
      if (buffer && c.stream) this.#options.logs.append(c.stream, buffer);
    });
  }

  #containerExited(task: OneOffTask, c: ContainerRecord): void {
    const running = task.containers.filter((x) => x.lastStatus !== 'STOPPED');
    if (c.definition.essential !== false && task.desiredStatus === 'RUNNING') {
      task.desiredStatus = 'STOPPED';
      task.stoppedReason = c.reason?.startsWith('CannotStartContainerError') ? c.reason : 'Essential container in task exited';
      task.stopCode = c.reason?.startsWith('CannotStartContainerError') ? 'TaskFailedToStart' : 'EssentialContainerExited';
      task.stoppingAt = new Date();
      task.version += 1;
      this.#terminate(task);
    }
    if (running.length === 0) this.#stopped(task);
  }

  #terminate(task: OneOffTask): void {
    for (const timer of task.timers) clearTimeout(timer);
    const live = task.containers.filter((c) => c.process);
    if (live.length === 0) {
      for (const c of task.containers) c.lastStatus = 'STOPPED';
      return this.#stopped(task);
    }
    task.lastStatus = 'STOPPING';
    for (const c of live) {
      c.process?.kill('SIGTERM');
      const kill = setTimeout(() => c.process?.kill('SIGKILL'), this.#options.stopTimeoutMs);
      kill.unref();
    }
  }

  #stopped(task: OneOffTask): void {
    if (task.lastStatus === 'STOPPED') return;
    const now = new Date();
    task.lastStatus = 'STOPPED';
    task.executionStoppedAt ??= now;
    task.stoppedAt = now;
    task.version += 1;
  }
}
