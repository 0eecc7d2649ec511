import * as core from '@actions/core';
import { spawn } from 'node:child_process';
import type { TestSuite } from '../../shared/engine/smoke/ports.ts';

/**
 * The user's own test suite. The command is their workflow text, like a `run:` step, so it goes
 * to bash as one argument (never spliced into another shell string); its output stays in a
 * collapsed group and its exit code becomes one critical check.
 */
/**
 * The job's AWS credentials (configure-aws-credentials exports them; OIDC can mint more) are
 * withheld from the command unless `command-aws-credentials: true`: a test suite rarely needs
 * to deploy, and a compromised test dependency should not get the deploy role.
 */
const AWS_CREDENTIALS =
  /^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN|AWS_WEB_IDENTITY_TOKEN_FILE|AWS_ROLE_ARN|AWS_ROLE_SESSION_NAME|AWS_PROFILE|AWS_CONTAINER_CREDENTIALS_[A-Z_]+|AWS_CONTAINER_AUTHORIZATION_TOKEN[A-Z_]*|ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN))$/;

/** The runner's environment as the command gets it: without AWS credentials unless asked. */
export function commandEnv(env: NodeJS.ProcessEnv, withAwsCredentials: boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && (withAwsCredentials || !AWS_CREDENTIALS.test(entry[0])),
    ),
  );
}

export function commandSuite(command: string, withAwsCredentials = false): TestSuite {
  return {
    command,
    async run(env, signal) {
      const started = Date.now();
      const exit = await core.group(`Test suite: ${command}`, () =>
        runShell(command, { ...commandEnv(process.env, withAwsCredentials), ...env }, signal),
      );
      return { ...exit, durationMs: Date.now() - started };
    },
  };
}

/**
 * `bash -c command` in its own process group, output passed through; on cancel the whole group
 * gets SIGTERM (a test runner's browsers too), so the restore of a cancelled run is not kept waiting.
 */
function runShell(command: string, env: Record<string, string>, signal?: AbortSignal): Promise<{ exitCode: number; lastLine: string }> {
  return new Promise((resolve, reject) => {
    let lastLine = '';
    const child = spawn('bash', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const keep = (chunk: Buffer, out: NodeJS.WriteStream) => {
      out.write(chunk);
      const line = chunk
        .toString('utf8')
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .at(-1);
      if (line) lastLine = line.trim();
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    child.on('error', reject);
    child.on('close', (code, killed) => {
      signal?.removeEventListener('abort', stop);
      resolve({
        exitCode: code ?? 128 + (killed === 'SIGTERM' ? 15 : 9),
        lastLine: killed ? `stopped by ${killed} (cancelled)` : lastLine,
      });
    });
  });
}
