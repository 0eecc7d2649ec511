import type { AddressInfo } from 'node:net';
import { createSampleApp } from './app-server.ts';
import type { ExitResult, TaskLauncher, TaskProcess, TaskProcessHooks } from './fleet.ts';

/** How long the sample app waits for open connections after SIGTERM before it exits anyway (app.ts). */
const SHUTDOWN_MS = 1000;

/**
 * Tasks served by an in-process HTTP server each instead of a child process: the same sample
 * app on a real loopback port (so health checks and the ALB proxy reach it as they reach a
 * process), at a few hundred kB a task instead of ~40 MB. For scale runs (100+ tasks on 2 cores);
 * the real processes of Fleet stay the default, since only they can crash, hang or be killed.
 */
export class InProcessFleet implements TaskLauncher {
  readonly #running = new Set<{ shutdown(): void }>();
  #closed = false;

  get size(): number {
    return this.#running.size;
  }

  launch(taskEnv: Record<string, string>, hooks: TaskProcessHooks): TaskProcess {
    if (this.#closed) throw new Error('fleet is stopped');
    const app = createSampleApp(taskEnv);
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    };
    let exited = false;
    const handle = {
      shutdown: () => {
        for (const timer of timers) clearTimeout(timer);
        app.server.close();
        app.server.closeAllConnections();
      },
    };
    this.#running.add(handle);
    const exit = (result: ExitResult): void => {
      if (exited) return;
      exited = true;
      handle.shutdown();
      this.#running.delete(handle);
      if (!this.#closed) hooks.onExit(result);
    };
    const crash = (why: string): void => exit({ exitCode: 1, signal: null, stderrTail: `app ${app.version}: ${why}, exiting with code 1` });

    if (app.crashOnStart) {
      later(0, () => crash('CRASH_ON_START is set'));
    } else {
      later(app.startDelayMs, () => {
        app.server.listen(0, '127.0.0.1', () => {
          if (exited) return;
          hooks.onListening((app.server.address() as AddressInfo).port);
          if (app.exitAfterMs > 0) later(app.exitAfterMs, () => crash('EXIT_AFTER_MS reached'));
        });
      });
    }

    return {
      pid: undefined,
      // As app.ts answers SIGTERM: stop accepting, finish what is open, exit 0 within a second;
      // a grace shorter than that ends in SIGKILL (137), like `docker stop`.
      stop: (graceMs: number) => {
        if (exited) return;
        app.server.close(() => exit({ exitCode: 0, signal: null, stderrTail: '' }));
        app.server.closeIdleConnections();
        if (graceMs < SHUTDOWN_MS) later(graceMs, () => exit({ exitCode: 137, signal: 'SIGKILL', stderrTail: '' }));
        else later(SHUTDOWN_MS, () => exit({ exitCode: 0, signal: null, stderrTail: '' }));
      },
    };
  }

  async stopAll(): Promise<void> {
    this.#closed = true;
    for (const handle of this.#running) handle.shutdown();
    this.#running.clear();
  }
}
