import * as core from '@actions/core';
import { runCanary } from '../../shared/engine/canary.ts';
import { consoleLinks, publishReport, runAction } from '../../shared/github/action.ts';
import { withDeploymentRecord } from '../../shared/github/record.ts';
import { formatWeights } from '../../shared/engine/topology.ts';
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

  Object.assign(report.facts, consoleLinks(inputs.region, inputs.cluster, Object.values(services), inputs.router.arn));
  core.setOutput('result', report.result);
  if (report.liveColor) core.setOutput('live-service', services[report.liveColor]);
  if (report.previousColor) core.setOutput('previous-service', services[report.previousColor]);
  if (report.taskDefinitionArn) core.setOutput('task-definition-arn', report.taskDefinitionArn);
  if (report.previousTaskDefinitionArn) core.setOutput('previous-task-definition-arn', report.previousTaskDefinitionArn);
  if (report.weights) core.setOutput('weights', formatWeights(report.weights));
  core.setOutput('report', await publishReport(report, error));
  if (error) throw error;
});
