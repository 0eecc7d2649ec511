import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

export interface ExitResult {
  /** Like a container runtime reports it: the exit status, or 128 + signal number. */
  exitCode: number;
  signal: NodeJS.Signals | null;
  stderrTail: string;
}

export interface TaskProcessHooks {
  onListening(port: number): void;
  onExit(result: ExitResult): void;
}

export interface TaskProcess {
  readonly pid: number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`, like `docker stop`. */
  stop(graceMs: number): void;
}

/** Starts and stops the sample app for ECS tasks: as processes (Fleet) or in-process (InProcessFleet). */
export interface TaskLauncher {
  readonly size: number;
  launch(taskEnv: Record<string, string>, hooks: TaskProcessHooks): TaskProcess;
  /** Stops every task and waits until all are gone; their exits are not reported. */
  stopAll(graceMs?: number): Promise<void>;
}

const TAIL_BYTES = 4096;

/** Runs the sample app as real child processes, one per ECS task, and makes sure none outlives the sandbox. */
export class Fleet implements TaskLauncher {
  readonly #nodePath: string;
  readonly #appPath: string;
  readonly #children = new Map<ChildProcess, Promise<void>>();
  #closed = false;

  constructor(options: { nodePath: string; appPath: string }) {
    this.#nodePath = options.nodePath;
    this.#appPath = options.appPath;
  }

  get size(): number {
    return this.#children.size;
  }

  launch(taskEnv: Record<string, string>, hooks: TaskProcessHooks): TaskProcess {
    if (this.#closed) throw new Error('fleet is stopped');
    const env: Record<string, string> = {
      // Containers do not inherit the host environment; only what the task definition says.
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...taskEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      SANDBOX_PARENT_PIPE: '1',
    };
    const child = spawn(this.#nodePath, ['--disable-warning=ExperimentalWarning', this.#appPath], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderrTail = '';
    let stdoutBuffer = '';
    let listening = false;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (listening) return;
      stdoutBuffer += chunk;
      let newline = stdoutBuffer.indexOf('\n');
      while (newline >= 0 && !listening) {
        const line = stdoutBuffer.slice(0, newline);
        stdoutBuffer = stdoutBuffer.slice(newline + 1);
        try {
          const message = JSON.parse(line) as { event?: string; port?: number };
          if (message.event === 'listening' && typeof message.port === 'number') {
            listening = true;
            hooks.onListening(message.port);
          }
        } catch {
          // Ordinary log output.
        }
        newline = stdoutBuffer.indexOf('\n');
      }
      if (stdoutBuffer.length > TAIL_BYTES) stdoutBuffer = stdoutBuffer.slice(-TAIL_BYTES);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-TAIL_BYTES);
    });
    child.stdin?.on('error', () => {
      // The child may exit before we close its stdin.
    });

    let killTimer: NodeJS.Timeout | undefined;
    const exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        stderrTail += `\nspawn failed: ${error.message}`;
      });
      child.once('close', (code, signal) => {
        if (killTimer) clearTimeout(killTimer);
        this.#children.delete(child);
        const signalNumber = signal ? (constants.signals[signal] ?? 9) : 0;
        // Exits caused by stopAll() are the sandbox shutting down, not tasks failing.
        if (!this.#closed) hooks.onExit({ exitCode: code ?? 128 + signalNumber, signal, stderrTail: stderrTail.trim() });
        resolve();
      });
    });
    this.#children.set(child, exited);

    return {
      pid: child.pid,
      stop: (graceMs: number) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        killTimer ??= setTimeout(() => child.kill('SIGKILL'), graceMs);
        killTimer.unref();
      },
    };
  }

  /** Stops every child and waits until all are gone. */
  async stopAll(graceMs = 1000): Promise<void> {
    this.#closed = true;
    const waits = [...this.#children.entries()].map(([child, exited]) => {
      child.stdin?.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      return exited.finally(() => clearTimeout(timer));
    });
    await Promise.all(waits);
  }
}
