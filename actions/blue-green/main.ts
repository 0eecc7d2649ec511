import * as core from '@actions/core';
import { AlbTestListener } from '../../shared/aws/test-listener.ts';
import { runBlueGreen } from '../../shared/engine/blue-green.ts';
import { formatWeights } from '../../shared/engine/topology.ts';
import { consoleLinks, publishReport, runAction } from '../../shared/github/action.ts';
import { withDeploymentRecord } from '../../shared/github/record.ts';
import { awsPorts, hasTrafficGates, trafficGates } from '../../shared/wiring.ts';
import { parseBlueGreenInputs } from './inputs.ts';

await runAction(async (signal) => {
  const inputs = parseBlueGreenInputs((name) => core.getInput(name));
  const { ports, clients } = awsPorts(inputs);
  const services = { blue: inputs['blue-service'], green: inputs['green-service'] };
  const testListenerArn = inputs['test-listener-arn'];
  const testListener = testListenerArn ? new AlbTestListener(clients.elb, testListenerArn) : undefined;
  if (inputs.phase !== 'prepare' && !hasTrafficGates(inputs))
    core.warning('No traffic gates configured (alarms, max-5xx-rate, max-p95-latency): only ECS task health guards the switch');

  const plan = {
    cluster: inputs.cluster,
    services,
    phase: inputs.phase,
    taskDefinition: inputs.taskDefinition,
    preparedTaskDefinition: inputs['task-definition-arn'],
    bakeMs: inputs['bake-time'],
    extensionMs: inputs['inconclusive-timeout'] ?? inputs['bake-time'],
    pollMs: inputs['poll-interval'],
    waitTimeoutMs: inputs['wait-timeout'],
    scaleDownPrevious: inputs['scale-down-previous'],
    takeover: inputs.takeover,
    gates: trafficGates(clients, inputs.router.arn, inputs),
  };
  // prepare moves no user traffic, so it is not a deployment of the environment; switch records it.
  const { report, error, testUrl } =
    inputs.phase === 'prepare'
      ? await runBlueGreen(plan, { ...ports, testListener }, signal)
      : await withDeploymentRecord(
          inputs,
          { strategy: 'blue-green', cluster: inputs.cluster, services: Object.values(services) },
          (onTaskDefinition) => runBlueGreen(plan, { ...ports, testListener, onTaskDefinition }, signal),
        );

  Object.assign(report.facts, consoleLinks(inputs.region, inputs.cluster, Object.values(services), inputs.router.arn));
  core.setOutput('result', report.result);
  if (report.liveColor) core.setOutput('live-service', services[report.liveColor]);
  if (report.previousColor) core.setOutput('previous-service', services[report.previousColor]);
  if (report.taskDefinitionArn) core.setOutput('task-definition-arn', report.taskDefinitionArn);
  if (report.weights) core.setOutput('weights', formatWeights(report.weights));
  if (testUrl) core.setOutput('test-url', testUrl);
  core.setOutput('report', await publishReport(report, error));
  if (error) throw error;
});
