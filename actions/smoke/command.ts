import * as core from '@actions/core';
import { exec } from '@actions/exec';
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
    async run(env) {
      const started = Date.now();
      let lastLine = '';
      const keep = (line: string) => {
        if (line.trim() !== '') lastLine = line.trim();
      };
      const exitCode = await core.group(`Test suite: ${command}`, () =>
        exec('bash', ['-c', command], {
          env: { ...commandEnv(process.env, withAwsCredentials), ...env },
          ignoreReturnCode: true,
          listeners: { stdline: keep, errline: keep },
        }),
      );
      return { exitCode, durationMs: Date.now() - started, lastLine };
    },
  };
}
