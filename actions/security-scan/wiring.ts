import { ECRClient } from '@aws-sdk/client-ecr';
import { awsClients, clientConfig } from '../../shared/aws/clients.ts';
import { EcrScanner } from '../../shared/aws/ecr-scan.ts';
import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import { EcsTaskImages } from '../../shared/aws/ecs-task-images.ts';
import type { ScanPorts } from '../../shared/engine/security/scan.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import { GitHubIssues } from './github-issues.ts';
import type { ScanInputs } from './inputs.ts';

/** The only place security-scan builds adapters (loaded once the inputs are valid). */
export function wire(inputs: ScanInputs, context: RunContext): { ports: ScanPorts; issues?: GitHubIssues } {
  const settings = { region: inputs.region, maxRetries: inputs['max-retries'] };
  const clients = awsClients(settings);
  // Images may live in another region's registry: one ECR client per region.
  const ecr = new Map<string, ECRClient>();
  const ecrFor = (region: string) => ecr.get(region) ?? ecr.set(region, new ECRClient(clientConfig({ ...settings, region }))).get(region)!;
  return {
    ports: {
      fleet: new EcsFleet(clients.ecs, inputs.cluster),
      taskDefinitions: new EcsTaskImages(clients.ecs),
      scanner: new EcrScanner(ecrFor),
      clock: context.clock,
      log: context.log,
    },
    issues: inputs['open-issues'] ? new GitHubIssues(inputs['github-token']!, inputs.repository) : undefined,
  };
}
