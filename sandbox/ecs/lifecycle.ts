import type { DeploymentConfiguration, DeploymentLifecycleHook, LoadBalancer } from '@aws-sdk/client-ecs';
import { AwsError } from '../errors.ts';

/**
 * ECS-native deployment strategies: which stages run in which order, the production weights
 * of each traffic shift, and the validation CreateService/UpdateService apply to the
 * configuration (ranges from the API reference, see README "ECS-native deployments").
 */

export type NativeStrategy = 'BLUE_GREEN' | 'CANARY' | 'LINEAR';

/** Stages are strings: PRE_PRODUCTION_TRAFFIC_SHIFT is missing from the SDK's ServiceDeploymentLifecycleStage enum. */
export type Stage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

export const HOOKABLE_STAGES: readonly string[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
];

/** ECS runs these again during a rollback, so a pause there could never be resolved (docs: deployment-lifecycle-hooks). */
export const PAUSE_FORBIDDEN_STAGES: readonly string[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

export const NATIVE_STRATEGIES: readonly string[] = ['BLUE_GREEN', 'CANARY', 'LINEAR'];

const DEFAULT_CANARY_PERCENT = 5;
const DEFAULT_CANARY_BAKE = 10;
const DEFAULT_STEP_PERCENT = 10;
const DEFAULT_STEP_BAKE = 6;
export const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;
const MAX_HOOK_TIMEOUT_MINUTES = 20_160;
const MAX_BAKE_MINUTES = 1440;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

export function isNative(config: DeploymentConfiguration | undefined): boolean {
  return NATIVE_STRATEGIES.includes(config?.strategy ?? 'ROLLING');
}

/** One production traffic shift: the new revision's percentage, and how long to bake after it (minutes). */
export interface TrafficStep {
  percent: number;
  bakeMinutes: number;
}

/** Production percentages ECS shifts to, in order; LINEAR's step bake is not applied after 100 %. */
export function trafficSteps(config: DeploymentConfiguration): TrafficStep[] {
  if (config.strategy === 'CANARY') {
    const canary = config.canaryConfiguration;
    const percent = canary?.canaryPercent ?? DEFAULT_CANARY_PERCENT;
    if (percent >= 100) return [{ percent: 100, bakeMinutes: 0 }];
    return [
      { percent, bakeMinutes: canary?.canaryBakeTimeInMinutes ?? DEFAULT_CANARY_BAKE },
      { percent: 100, bakeMinutes: 0 },
    ];
  }
  if (config.strategy === 'LINEAR') {
    const linear = config.linearConfiguration;
    const step = linear?.stepPercent ?? DEFAULT_STEP_PERCENT;
    const bake = linear?.stepBakeTimeInMinutes ?? DEFAULT_STEP_BAKE;
    const steps: TrafficStep[] = [];
    // Tenths avoid 0.1 + 0.2 drift: 3.3 % steps end 99.0 → 100.
    const tenths = Math.round(step * 10);
    for (let at = tenths; at < 1000; at += tenths) steps.push({ percent: at / 10, bakeMinutes: bake });
    steps.push({ percent: 100, bakeMinutes: 0 });
    return steps;
  }
  return [{ percent: 100, bakeMinutes: 0 }];
}

/** Whole ALB weights for a split: integer percents as they are, tenths scaled to a total of 1000 (ALB weights go to 999). */
export function albWeights(percent: number): { target: number; source: number } {
  if (Number.isInteger(percent)) return { target: percent, source: 100 - percent };
  const target = Math.round(percent * 10);
  return { target, source: 1000 - target };
}

function multipleOfTenth(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

function checkMinutes(value: number | undefined, name: string, max = MAX_BAKE_MINUTES, min = 0): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(`${name} must be an integer between ${min} and ${max}.`);
}

/** Traffic percentages: multiples of 0.1 from `min` to 100. */
function checkPercent(value: number | undefined, name: string, min: number): void {
  if (value !== undefined && (value < min || value > 100 || !multipleOfTenth(value)))
    throw invalid(`${name} must be a multiple of 0.1 from ${min.toFixed(1)} to 100.0.`);
}

function validateHook(hook: DeploymentLifecycleHook, index: number): void {
  const type = hook.targetType ?? 'AWS_LAMBDA';
  if (type === 'AWS_LAMBDA') {
    // The sandbox runs no Lambda functions: say so instead of accepting a hook it cannot call.
    throw new AwsError(
      'UnsupportedFeatureException',
      `lifecycleHooks[${index}]: AWS_LAMBDA lifecycle hooks are not supported by the sandbox; use targetType PAUSE.`,
    );
  }
  if (type !== 'PAUSE') throw invalid(`lifecycleHooks[${index}].targetType must be AWS_LAMBDA or PAUSE.`);
  if (hook.hookTargetArn) throw invalid(`lifecycleHooks[${index}]: hookTargetArn is not applicable for PAUSE hooks.`);
  const stages = hook.lifecycleStages ?? [];
  if (stages.length === 0) throw invalid(`lifecycleHooks[${index}].lifecycleStages must not be empty.`);
  for (const stage of stages) {
    if (!HOOKABLE_STAGES.includes(stage)) throw invalid(`lifecycleHooks[${index}]: '${stage}' is not a valid lifecycle stage.`);
    if (PAUSE_FORBIDDEN_STAGES.includes(stage)) {
      throw invalid(
        `lifecycleHooks[${index}]: PAUSE hooks cannot be configured at ${stage}. TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT are only valid for AWS_LAMBDA hooks.`,
      );
    }
  }
  const timeout = hook.timeoutConfiguration;
  checkMinutes(timeout?.timeoutInMinutes, `lifecycleHooks[${index}].timeoutConfiguration.timeoutInMinutes`, MAX_HOOK_TIMEOUT_MINUTES, 1);
  if (timeout?.action !== undefined && timeout.action !== 'CONTINUE' && timeout.action !== 'ROLLBACK') {
    throw invalid(`lifecycleHooks[${index}].timeoutConfiguration.action must be CONTINUE or ROLLBACK.`);
  }
}

/**
 * Checks a service's effective deployment configuration and load balancers as ECS does on
 * CreateService/UpdateService. `targetGroupExists`/`ruleExists` look the ARNs up in the ELB state.
 */
export function validateNativeConfiguration(
  config: DeploymentConfiguration,
  loadBalancers: LoadBalancer[],
  lookup: { targetGroupExists: (arn: string) => boolean; ruleExists: (arn: string) => boolean },
): void {
  const strategy = config.strategy ?? 'ROLLING';
  if (strategy !== 'ROLLING' && !NATIVE_STRATEGIES.includes(strategy)) {
    throw invalid(`deploymentConfiguration.strategy must be one of ROLLING, BLUE_GREEN, LINEAR, CANARY; got '${strategy}'.`);
  }
  checkMinutes(config.bakeTimeInMinutes, 'deploymentConfiguration.bakeTimeInMinutes');
  // A canaryConfiguration left from an earlier CANARY strategy is ignored, not refused: UpdateService merges configurations.
  const canary = config.canaryConfiguration;
  if (canary) {
    checkPercent(canary.canaryPercent, 'canaryConfiguration.canaryPercent', 0.1);
    checkMinutes(canary.canaryBakeTimeInMinutes, 'canaryConfiguration.canaryBakeTimeInMinutes');
  }
  const linear = config.linearConfiguration;
  if (linear) {
    checkPercent(linear.stepPercent, 'linearConfiguration.stepPercent', 3);
    checkMinutes(linear.stepBakeTimeInMinutes, 'linearConfiguration.stepBakeTimeInMinutes');
  }
  (config.lifecycleHooks ?? []).forEach(validateHook);
  const alarms = config.alarms;
  if (alarms && (alarms.alarmNames === undefined || alarms.enable === undefined || alarms.rollback === undefined)) {
    throw invalid('deploymentConfiguration.alarms requires alarmNames, enable and rollback.');
  }
  if (strategy === 'ROLLING') return;

  if (strategy === 'BLUE_GREEN' && config.bakeTimeInMinutes === undefined) {
    throw invalid('bakeTimeInMinutes is required when the deployment strategy is BLUE_GREEN.');
  }
  const lb = loadBalancers[0];
  if (!lb?.targetGroupArn) throw invalid(`The ${strategy} deployment strategy requires a load balancer with a target group.`);
  const advanced = lb.advancedConfiguration;
  if (!advanced) throw invalid(`The ${strategy} deployment strategy requires loadBalancers[].advancedConfiguration.`);
  for (const field of ['alternateTargetGroupArn', 'productionListenerRule', 'roleArn'] as const) {
    if (!advanced[field]) throw invalid(`advancedConfiguration.${field} is required for the ${strategy} deployment strategy.`);
  }
  const alternate = advanced.alternateTargetGroupArn ?? '';
  if (!lookup.targetGroupExists(alternate)) throw invalid(`Target group '${alternate}' not found.`);
  if (alternate === lb.targetGroupArn) throw invalid('advancedConfiguration.alternateTargetGroupArn must differ from targetGroupArn.');
  for (const rule of [advanced.productionListenerRule, advanced.testListenerRule]) {
    if (rule && !lookup.ruleExists(rule)) throw invalid(`Listener rule '${rule}' not found.`);
  }
}

export function hookTimeout(hook: DeploymentLifecycleHook): { minutes: number; action: 'CONTINUE' | 'ROLLBACK' } {
  return {
    minutes: hook.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_HOOK_TIMEOUT_MINUTES,
    action: hook.timeoutConfiguration?.action ?? 'ROLLBACK',
  };
}
