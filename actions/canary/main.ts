import * as core from '@actions/core';
import { runCanary } from '../../shared/engine/canary.ts';
import { concludeTwoColorRun, runAction } from '../../shared/github/action.ts';
import { withDeploymentRecord } from '../../shared/github/record.ts';
import { awsPorts, hasTrafficGates, trafficGates } from '../../shared/wiring.ts';
import { parseCanaryInputs } from './inputs.ts';

await runAction(async (signal) => {
  const inputs = parseCanaryInputs((name) => core.getInput(name));
  const { ports, clients } = awsPorts(inputs);
  const services = { blue: inputs['blue-service'], green: inputs['green-service'] };
  const gates = trafficGates(clients, inputs.router.arn, inputs);
  if (!hasTrafficGates(inputs))
    core.warning('No traffic gates configured (alarms, max-5xx-rate, max-p95-latency): only ECS task health guards the canary');

  const { report, error } = await withDeploymentRecord(
    inputs,
    { strategy: 'canary', cluster: inputs.cluster, services: Object.values(services) },
    (onTaskDefinition) =>
      runCanary(
        {
          cluster: inputs.cluster,
          services,
          taskDefinition: inputs.taskDefinition,
          steps: inputs.steps,
          bakeMs: inputs['bake-time'],
          extensionMs: inputs['inconclusive-timeout'] ?? inputs['bake-time'],
          pollMs: inputs['poll-interval'],
          waitTimeoutMs: inputs['wait-timeout'],
          scaleDownPrevious: inputs['scale-down-previous'],
          takeover: inputs.takeover,
          gates,
        },
        { ...ports, onTaskDefinition },
        signal,
      ),
  );

  await concludeTwoColorRun(report, error, { region: inputs.region, cluster: inputs.cluster, services, listener: inputs.router.arn });
});
