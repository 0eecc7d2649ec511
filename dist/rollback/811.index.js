export const id = 811;
export const ids = [811];
export const modules = {

/***/ 2811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rollBackNativelyIfWired: () => (/* binding */ rollBackNativelyIfWired)
});

// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
// EXTERNAL MODULE: ./shared/engine/timeline.ts
var timeline = __webpack_require__(8026);
// EXTERNAL MODULE: ./shared/engine/retry.ts
var retry = __webpack_require__(8779);
;// CONCATENATED MODULE: ./shared/engine/native/context.ts


class NativeRecorder extends timeline/* TimelineRecorder */.c {
    constructor(action, cluster, service, clock, log) {
        super((startedAt) => ({ action, cluster, service, startedAt, timeline: [], steps: [], facts: {} }), clock, log);
    }
    startStep(weight) {
        const step = { weight, startedAt: this.iso(), durationMs: 0, verdict: 'inconclusive', gates: [], polls: 0 };
        this.report.steps.push(step);
        return step;
    }
}
/** Checkpoint keys: what a post step needs to roll back and restore after a killed run. */
const context_STATE = {
    phase: 'native-phase',
    cluster: 'native-cluster',
    service: 'native-service',
    deployment: 'native-deployment-arn',
    snapshot: 'native-config-snapshot',
    configChanged: 'native-config-changed',
    originalTargetGroup: 'native-original-tg',
};
/** The ports as a run uses them: retried, refused once cancelled; `restore` ignores the cancel. */
function nativeRunPorts(ports, signal) {
    const retried = (0,retry/* retrying */.R$)({ ...ports, signal });
    return {
        ecs: retried.port(ports.ecs, 'ecs'),
        restore: (0,retry/* retrying */.R$)(ports).port(ports.ecs, 'ecs'),
        clock: ports.clock,
        log: ports.log,
        checkpoint: ports.checkpoint,
        onTaskDefinition: ports.onTaskDefinition ?? (async () => { }),
        guard: retried.gates,
    };
}
function context_resolveSource(ecs, source) {
    return 'document' in source ? ecs.registerTaskDefinition(source.document) : ecs.resolveTaskDefinition(source.reference);
}

// EXTERNAL MODULE: ./shared/duration.ts
var duration = __webpack_require__(5784);
;// CONCATENATED MODULE: ./shared/engine/native/inspect.ts
/**
 * Before any change: the service must be wired for native deployments, traffic must be whole on
 * one target group, and no other service deployment may be running. Then the deployment
 * configuration the run needs: the team's own (managed) or the team's plus a strategy and PAUSE
 * hooks (restored after the run).
 */


const SETUP_DOCS = 'docs/native-mode.md#setting-up-a-single-service';
/** Deployments ECS is still working on: at most one may be, and a run needs none. */
const inspect_ACTIVE_STATUSES = ['PENDING', 'IN_PROGRESS', 'STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'];
/** Refuses a service the native strategies cannot drive; the message names the missing field. */
function checkWiring(service, expectedProductionRule) {
    const refuse = (what, fix) => new errors/* DeployError */.sH(`${service.name} cannot be deployed natively: ${what}`, { fix: `${fix} See ${SETUP_DOCS}.` });
    if (service.controller !== 'ECS')
        throw refuse(`its deploymentController is ${service.controller}, not ECS`, 'Native blue/green, canary and linear need deploymentController ECS; use the two-service inputs (blue-service, green-service) otherwise.');
    const wiring = service.wiring;
    if (!wiring)
        throw refuse('no load balancer has advancedConfiguration', 'Set loadBalancers[].advancedConfiguration (alternateTargetGroupArn, productionListenerRule, testListenerRule, roleArn) on the service.');
    for (const field of ['alternateTargetGroupArn', 'productionListenerRule', 'roleArn']) {
        if (!wiring[field])
            throw refuse(`advancedConfiguration.${field} is not set`, `Set advancedConfiguration.${field} on the service.`);
    }
    if (expectedProductionRule && expectedProductionRule !== wiring.productionListenerRule)
        throw new errors/* DeployError */.sH(`listener-rule-arn / listener-arn ${expectedProductionRule} is not ${service.name}'s production listener rule (${wiring.productionListenerRule})`, { fix: 'Leave it empty (the service says which rule), or give the rule in advancedConfiguration.productionListenerRule.' });
    return wiring;
}
/** Reads the service and its production rule; refuses before any change. */
async function inspectService(plan, run, recorder) {
    const service = await run.ecs.describeService(plan.service);
    const wiring = checkWiring(service, plan.expectedProductionRule);
    const weights = await run.ecs.ruleWeights(wiring.productionListenerRule);
    const pair = [wiring.targetGroupArn, wiring.alternateTargetGroupArn];
    const original = pair.find((tg) => (weights[tg] ?? 0) === 100 && pair.every((other) => other === tg || (weights[other] ?? 0) === 0));
    const shown = pair.map((tg) => `${tg.split('/').at(-2)}=${weights[tg] ?? 0}`).join(' ');
    if (!original)
        throw new DeployError(`Production traffic on ${wiring.productionListenerRule} is not whole on one target group (${shown})`, {
            why: `target groups: ${pair.join(', ')}`,
            fix: 'Another deployment may be shifting it: wait for it, or roll it back (rollback action), then run again.',
        });
    recorder.note(`Production rule ${wiring.productionListenerRule}: ${shown}`);
    const busy = await run.ecs.listDeployments(plan.service, inspect_ACTIVE_STATUSES);
    if (busy.length > 0)
        throw new DeployError(`${plan.service} already has a service deployment ${busy[0].status} (${busy[0].arn})`, {
            fix: 'Wait for it to finish, continue or roll it back (rollback action), or use a workflow `concurrency` group so runs queue.',
        });
    const newTargetGroup = pair.find((tg) => tg !== original);
    recorder.report.originalTargetGroup = original;
    recorder.report.newTargetGroup = newTargetGroup;
    recorder.report.previousTaskDefinitionArn = service.taskDefinition;
    return { service, wiring, originalTargetGroup: original, newTargetGroup };
}
const hasPause = (settings, stage) => settings.hooks.some((h) => h.targetType === 'PAUSE' && h.stages.includes(stage));
/**
 * The configuration to deploy with, or undefined to keep the service's own (managed). In
 * `action` mode the team's configuration is kept and the strategy and missing PAUSE hooks are
 * laid over it; the checkpoint keeps the snapshot so the post step can restore it too.
 */
function deploymentConfiguration(topology, mode, wanted, pauses, run, recorder) {
    const current = topology.service.settings;
    if (mode === 'managed') {
        if (current.strategy !== wanted.strategy)
            throw new DeployError(`${topology.service.name}'s deployment strategy is ${current.strategy}, not ${wanted.strategy} (deployment-config: managed)`, {
                fix: `Set deploymentConfiguration.strategy to ${wanted.strategy} in your IaC, or let the action set it (deployment-config: action).`,
            });
        for (const pause of pauses) {
            if (!hasPause(current, pause.stage))
                throw new DeployError(`${topology.service.name} has no PAUSE lifecycle hook at ${pause.stage} (deployment-config: managed)`, {
                    why: pause.why,
                    fix: `Add a lifecycle hook {targetType: PAUSE, lifecycleStages: [${pause.stage}]} to the service's deploymentConfiguration in your IaC, or let the action add it for the run (deployment-config: action). See ${SETUP_DOCS}.`,
                });
        }
        recorder.note(`deployment-config: managed: deploying with ${topology.service.name}'s own ${current.strategy} configuration`);
        return undefined;
    }
    const added = pauses
        .filter((pause) => !hasPause(current, pause.stage))
        .map((pause) => ({ targetType: 'PAUSE', stages: [pause.stage], timeoutMinutes: pause.timeoutMinutes, timeoutAction: 'ROLLBACK' }));
    run.checkpoint.save(STATE.snapshot, topology.service.snapshot);
    recorder.report.configSnapshot = topology.service.snapshot;
    run.checkpoint.save(STATE.configChanged, 'true');
    recorder.note(`Deploying with strategy ${wanted.strategy}${added.length ? ` and PAUSE hooks at ${added.map((h) => h.stages[0]).join(', ')}` : ''}; the service's own configuration is restored after the run`);
    return { base: topology.service.snapshot, settings: { ...wanted, hooks: [...current.hooks, ...added] } };
}

;// CONCATENATED MODULE: ./shared/engine/native/drive.ts
/**
 * Drives one ECS service deployment to its end: watches its stages, runs the gates while the new
 * revision takes production traffic, answers each PAUSE hook (CONTINUE once the step has baked
 * with every gate passing, ROLLBACK at the first failure), and turns ECS's final status into the
 * run's result, with traffic verified on the production rule.
 */




const ROLLING_BACK = new Set(['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);
const TERMINAL = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
/** A gate (or ECS itself) said no: the deployment must be rolled back. */
class GateFailure extends errors/* DeployError */.sH {
    failing;
    constructor(weight, failing) {
        super(`Gate failed with ${weight}% of production on the new revision`, {
            why: failing.map((r) => `${r.gate}: ${r.observed} (threshold ${r.threshold})`),
            fix: 'ECS rolled back to the revision that was live. Investigate the new version with the gate evidence before deploying again.',
        });
        this.name = 'GateFailure';
        this.failing = failing;
    }
}
/** ECS's own view of the new revision, as a gate: triggered deployment alarms, the circuit breaker, missing tasks. */
function ecsHealth(d) {
    const threshold = 'no triggered deployment alarm, circuit breaker not triggered, running = requested';
    const result = (verdict, observed) => ({
        gate: 'ECS deployment',
        verdict,
        observed,
        threshold,
    });
    if (d.alarms?.status === 'TRIGGERED')
        return result('fail', `alarms triggered: ${d.alarms.triggered.join(', ') || 'unnamed'}`);
    if (d.circuitBreaker?.status === 'TRIGGERED')
        return result('fail', `circuit breaker triggered (${d.circuitBreaker.failureCount}/${d.circuitBreaker.threshold} failed tasks)`);
    const counts = `${d.targetRunning}/${d.targetRequested} running`;
    return result(d.targetRunning < d.targetRequested ? 'inconclusive' : 'pass', counts);
}
/** Polls the deployment until it ends (or pauses at `exitAt`); throws GateFailure, a timeout or CancelledError. */
async function watch(arn, settings, run, recorder) {
    let stage;
    let weight = 0;
    let step;
    let since = run.clock.now();
    for (;;) {
        const d = await run.ecs.describeDeployment(arn);
        const now = run.clock.now();
        if (d.lifecycleStage !== stage || (TERMINAL.has(d.status) && stage !== d.status)) {
            stage = TERMINAL.has(d.status) ? d.status : d.lifecycleStage;
            recorder.note(`ECS: ${d.status}${d.lifecycleStage ? ` at ${d.lifecycleStage}` : ''}`);
        }
        if (TERMINAL.has(d.status)) {
            if (step && step.verdict === 'inconclusive')
                step.verdict = d.status === 'SUCCESSFUL' ? 'pass' : 'fail';
            return { kind: 'ended', deployment: d };
        }
        const awaiting = d.hooks.find((h) => h.status === 'AWAITING_ACTION');
        if (!ROLLING_BACK.has(d.status)) {
            if (awaiting && settings.exitAt && d.lifecycleStage === settings.exitAt)
                return { kind: 'paused', deployment: d, hookId: awaiting.hookId };
            const shifted = d.targetWeight ?? 0;
            if (shifted !== weight) {
                if (step && step.verdict === 'inconclusive')
                    step.verdict = 'pass';
                weight = shifted;
                since = now;
                step = shifted > 0 ? recorder.startStep(shifted) : undefined;
                if (step)
                    recorder.note(`Production: ${shifted}% on the new revision; gates judge it for at least ${(0,duration/* formatDuration */.a)(settings.bakeMs)}`);
            }
            const results = [ecsHealth(d)];
            if (weight > 0)
                results.push(...(await Promise.all(settings.gates.map((g) => g.evaluate({ from: since, to: now })))).flat());
            if (step) {
                step.gates = results;
                step.polls += 1;
                step.durationMs = now - since;
            }
            const failing = results.filter((r) => r.verdict === 'fail');
            if (failing.length > 0) {
                if (step)
                    step.verdict = 'fail';
                throw new GateFailure(weight, failing);
            }
            if (awaiting) {
                const waiting = results.filter((r) => r.verdict === 'inconclusive');
                const baked = weight === 0 || now - since >= settings.bakeMs;
                if (baked && waiting.length === 0) {
                    if (step)
                        step.verdict = 'pass';
                    await run.ecs.continueDeployment(arn, awaiting.hookId, 'CONTINUE');
                    recorder.note(`CONTINUE at ${d.lifecycleStage ?? 'the pause'} (${weight}% on the new revision, every gate passing)`);
                }
                else if (now >= since + settings.bakeMs + settings.extensionMs) {
                    if (step)
                        step.verdict = 'fail';
                    throw new GateFailure(weight, waiting.map((r) => ({ ...r, observed: `${r.observed}; still inconclusive after the extension` })));
                }
            }
        }
        if (now >= settings.deadline)
            throw new errors/* DeployError */.sH(`Service deployment ${arn} did not finish in time (stuck at ${d.lifecycleStage ?? d.status})`, {
                fix: 'Raise wait-timeout, or look at the service events for what ECS is waiting on.',
            });
        await run.clock.sleep(settings.pollMs, settings.signal);
    }
}
/**
 * Ends a deployment that must not go on: CONTINUE(ROLLBACK) at an awaiting pause, else
 * StopServiceDeployment(ROLLBACK). Uses the ports that ignore the cancel signal.
 */
async function requestRollback(arn, why, run, recorder) {
    const d = await run.restore.describeDeployment(arn);
    if (TERMINAL.has(d.status) || ROLLING_BACK.has(d.status))
        return;
    const awaiting = d.hooks.find((h) => h.status === 'AWAITING_ACTION');
    if (awaiting) {
        try {
            await run.restore.continueDeployment(arn, awaiting.hookId, 'ROLLBACK');
            recorder.note(`ROLLBACK at the ${d.lifecycleStage ?? ''} pause (${why})`);
            return;
        }
        catch (error) {
            recorder.warn(`ContinueServiceDeployment(ROLLBACK) failed (${(0,errors/* messageOf */.bD)(error)}); stopping the deployment instead`);
        }
    }
    await run.restore.rollbackDeployment(arn);
    recorder.note(`StopServiceDeployment(ROLLBACK) (${why})`);
}
/** Waits (without the cancel signal) until ECS ends the deployment. */
async function waitForEnd(arn, plan, run, recorder) {
    const deadline = run.clock.now() + plan.waitTimeoutMs;
    for (;;) {
        const d = await run.restore.describeDeployment(arn);
        if (TERMINAL.has(d.status)) {
            recorder.note(`ECS: ${d.status}`);
            return d;
        }
        if (run.clock.now() >= deadline)
            throw new errors/* DeployError */.sH(`ECS did not finish rolling back ${arn} in time (${d.status})`);
        await run.clock.sleep(plan.pollMs);
    }
}
/** Reads the production rule until `targetGroup` has 100 % (ELB is eventually consistent). */
async function verifyProduction(topology, targetGroup, plan, run, recorder) {
    const deadline = run.clock.now() + plan.waitTimeoutMs;
    for (;;) {
        const weights = await run.restore.ruleWeights(topology.wiring.productionListenerRule);
        recorder.report.weights = weights;
        const others = Object.entries(weights).filter(([tg]) => tg !== targetGroup);
        if ((weights[targetGroup] ?? 0) > 0 && others.every(([, w]) => w === 0)) {
            recorder.note(`Verified: production rule 100 % on ${targetGroup.split('/').at(-2)}`);
            return true;
        }
        if (run.clock.now() >= deadline)
            return false;
        await run.clock.sleep(Math.min(plan.pollMs, 5_000));
    }
}
/** ECS's own evidence for a deployment that did not succeed. */
async function evidence(d, plan, since, run) {
    const lines = [`service deployment ${d.arn}: ${d.status}${d.statusReason ? ` (${d.statusReason})` : ''}`];
    if (d.rollback?.reason)
        lines.push(`rollback reason: ${d.rollback.reason}`);
    if (d.alarms?.triggered.length)
        lines.push(`triggered alarms: ${d.alarms.triggered.join(', ')}`);
    if (d.circuitBreaker && d.circuitBreaker.failureCount > 0)
        lines.push(`circuit breaker: ${d.circuitBreaker.status ?? ''} ${d.circuitBreaker.failureCount}/${d.circuitBreaker.threshold} failed tasks`);
    try {
        const service = await run.restore.describeService(plan.service);
        lines.push(...service.events
            .filter((e) => e.at.getTime() >= since)
            .slice(0, 5)
            .map((e) => `event: ${e.message}`));
        const stopped = await run.restore.stoppedTasks(plan.service, 3);
        lines.push(...stopped.filter((t) => t.taskDefinition === d.taskDefinition).map((t) => `stopped task: ${t.reason}`));
    }
    catch (error) {
        lines.push(`(could not read service events: ${(0,errors/* messageOf */.bD)(error)})`);
    }
    return lines;
}
/**
 * The result is ECS's final word: SUCCESSFUL is promoted (and the production rule is checked on the
 * new target group); anything else was never promoted, and traffic is verified on the original.
 */
async function conclude(d, topology, plan, run, recorder, cause) {
    const report = recorder.report;
    report.finalStatus = d.status;
    const since = Date.parse(report.startedAt);
    if (d.status === 'SUCCESSFUL') {
        const verified = await verifyProduction(topology, topology.newTargetGroup, plan, run, recorder);
        if (!verified)
            recorder.warn(`ECS reports SUCCESSFUL but the production rule is not 100 % on ${topology.newTargetGroup}`);
        return finish('promoted', run, recorder);
    }
    const why = await evidence(d, plan, since, run);
    const verified = await verifyProduction(topology, topology.originalTargetGroup, plan, run, recorder);
    if (!verified) {
        const error = new errors/* DeployError */.sH(`ECS ended ${d.arn} with ${d.status}, but production is not verified back on the original target group`, {
            why: [...why, `production weights: ${JSON.stringify(report.weights)}`],
            fix: `Check the listener rule ${topology.wiring.productionListenerRule} in the console now, and run the rollback action.`,
        });
        return finish('failed', run, recorder, error);
    }
    const error = cause ??
        new errors/* DeployError */.sH(`ECS did not promote: the service deployment ended ${d.status}`, {
            fix: 'Production is back on the revision that was live. The evidence above says why ECS rolled back.',
        });
    error.why.push(...why);
    return finish(d.status === 'ROLLBACK_SUCCESSFUL' ? 'rolled-back' : 'failed', run, recorder, error);
}
/** The run's end: the team's configuration restored if the run changed it, the phase `done`. */
async function finish(result, run, recorder, error) {
    const restoreError = await restoreConfiguration(run, recorder);
    run.checkpoint.save(context_STATE.phase, 'done');
    const report = recorder.finish(result);
    const final = error ?? restoreError;
    if (final)
        report.error = { what: final.message, why: final.why, fix: final.fix };
    return { report, error: final };
}
/** Writes the team's deployment configuration back (only when this run or its prepare changed it). */
async function restoreConfiguration(run, recorder) {
    const snapshot = recorder.report.configSnapshot;
    if (!snapshot)
        return undefined;
    try {
        await run.restore.restoreConfiguration(recorder.report.service, snapshot);
        delete recorder.report.configSnapshot;
        run.checkpoint.save(context_STATE.configChanged, 'false');
        recorder.note('Restored the service deployment configuration the team had');
        return undefined;
    }
    catch (error) {
        recorder.warn(`Could not restore the deployment configuration: ${(0,errors/* messageOf */.bD)(error)}`);
        return new errors/* DeployError */.sH(`The service's deployment configuration could not be restored: ${(0,errors/* messageOf */.bD)(error)}`, {
            fix: 'Remove the PAUSE lifecycle hook and strategy the action added (docs/native-mode.md), or re-apply your IaC.',
        });
    }
}
/** How a run ends after it threw: rolled back when it was deploying, else failed before any change. */
async function concludeFailure(caught, progress, plan, run, recorder) {
    if (progress.deploying && progress.topology)
        return rollBackAndConclude(caught, progress.arn, progress.topology, plan, run, recorder);
    const error = asDeployError(caught);
    recorder.note(`Failed before any change: ${error.message}`);
    return finish('failed', run, recorder, error);
}
/**
 * How a run that started a deployment ends after a failure, a timeout or a cancel: ECS rolls it
 * back, the run waits for that and verifies production on the original target group.
 */
async function rollBackAndConclude(caught, arn, topology, plan, run, recorder) {
    const error = asDeployError(caught);
    const last = recorder.report.steps.at(-1);
    if (caught instanceof CancelledError && last)
        last.verdict = 'cancelled';
    try {
        const target = arn ?? (await run.restore.listDeployments(plan.service, ACTIVE_STATUSES))[0]?.arn;
        if (!target) {
            recorder.note(`Failed before ECS started a deployment: ${error.message}`);
            return await finish('failed', run, recorder, error);
        }
        await requestRollback(target, caught instanceof CancelledError ? 'the run was cancelled' : error.message, run, recorder);
        const ended = await waitForEnd(target, plan, run, recorder);
        return await conclude(ended, topology, plan, run, recorder, error);
    }
    catch (failure) {
        const why = asDeployError(failure);
        return finish('failed', run, recorder, new DeployError(`Rolling back failed: ${why.message}`, { why: [error.message, ...why.why], fix: why.fix }));
    }
}

;// CONCATENATED MODULE: ./shared/engine/native/start.ts
/**
 * Starting a native deployment: what the post step needs saved first, UpdateService, and the
 * service deployment it started, recorded in the report and the state. Canary, blue/green and
 * rollback start theirs this one way.
 */


/** Resolves (or registers) the revision, then starts it: from here a failure rolls back. */
async function deployRevision(plan, topology, source, configuration, progress, run, recorder) {
    const taskDefinition = await resolveSource(run.ecs, source);
    recorder.report.taskDefinitionArn = taskDefinition;
    await run.onTaskDefinition(taskDefinition);
    const arn = await startDeployment(plan, topology, taskDefinition, configuration, progress, run, recorder);
    recorder.note(`Started service deployment ${arn}`);
    return arn;
}
/** Saves what the post step needs, marks the run deploying, then UpdateService and the deployment it started. */
async function startDeployment(plan, topology, taskDefinition, configuration, progress, run, recorder) {
    saveDeploying(plan, topology, run);
    progress.topology = topology;
    progress.deploying = true;
    const arn = await startAndFind(plan.service, taskDefinition, configuration, run);
    progress.arn = arn;
    recorder.report.serviceDeploymentArn = arn;
    run.checkpoint.save(context_STATE.deployment, arn);
    return arn;
}
/** What the post step needs if this process dies from here on. */
function saveDeploying(plan, topology, run) {
    run.checkpoint.save(context_STATE.cluster, plan.cluster);
    run.checkpoint.save(context_STATE.service, plan.service);
    run.checkpoint.save(context_STATE.originalTargetGroup, topology.originalTargetGroup);
    run.checkpoint.save(context_STATE.phase, 'deploying');
}
/** UpdateService, then the service deployment it started (ECS says it, or the newest active one for this revision). */
async function startAndFind(service, taskDefinition, configuration, run) {
    const started = await run.ecs.startDeployment(service, taskDefinition, configuration);
    if (started)
        return started;
    for (let attempt = 0; attempt < 10; attempt++) {
        for (const brief of await run.ecs.listDeployments(service, ['PENDING', 'IN_PROGRESS'])) {
            if ((await run.ecs.describeDeployment(brief.arn)).taskDefinition === taskDefinition)
                return brief.arn;
        }
        await run.clock.sleep(2_000);
    }
    throw new errors/* DeployError */.sH(`UpdateService on ${service} started no service deployment ECS lists`);
}

;// CONCATENATED MODULE: ./shared/engine/native/rollback.ts
/**
 * Native rollback. A service deployment still running or paused is rolled back by ECS
 * (CONTINUE(ROLLBACK) at a pause, else StopServiceDeployment(ROLLBACK)); otherwise `to` is
 * deployed as a native deployment with the service's own configuration (any pause on the way is
 * continued: a rollback is already the decision). Idempotent: a service already on `to`, with
 * nothing running, is left alone.
 */





async function runNativeRollback(plan, ports, signal) {
    const run = nativeRunPorts(ports, signal);
    const recorder = new NativeRecorder('rollback', plan.cluster, plan.service, ports.clock, ports.log);
    const report = recorder.report;
    if (plan.reason)
        report.facts.reason = plan.reason;
    try {
        const service = await run.ecs.describeService(plan.service);
        const wiring = checkWiring(service, plan.expectedProductionRule);
        report.previousTaskDefinitionArn = service.taskDefinition;
        const weights = await run.ecs.ruleWeights(wiring.productionListenerRule);
        const pair = [wiring.targetGroupArn, wiring.alternateTargetGroupArn];
        const live = pair.reduce((a, b) => ((weights[b] ?? 0) > (weights[a] ?? 0) ? b : a));
        const active = (await run.ecs.listDeployments(plan.service, inspect_ACTIVE_STATUSES))[0];
        if (active) {
            // ECS returns to the revision that served before this deployment: the larger side of production now.
            const d = await run.ecs.describeDeployment(active.arn);
            // Past half way, the larger side is already the new revision.
            const original = (d.targetWeight ?? 0) > 50 ? other(pair, live) : live;
            const topology = { service, wiring, originalTargetGroup: original, newTargetGroup: other(pair, original) };
            report.serviceDeploymentArn = active.arn;
            report.taskDefinitionArn = service.taskDefinition;
            recorder.note(`Service deployment ${active.arn} is ${active.status}: rolling it back through ECS`);
            run.checkpoint.save(context_STATE.deployment, active.arn);
            await requestRollback(active.arn, plan.reason ?? 'rollback requested', run, recorder);
            const ended = await waitForEnd(active.arn, plan, run, recorder);
            report.finalStatus = ended.status;
            if (ended.status === 'ROLLBACK_SUCCESSFUL' && (await verifyProduction(topology, original, plan, run, recorder)))
                return await finish('rolled-back', run, recorder);
            const outcome = await conclude(ended, topology, plan, run, recorder);
            return asRollback(outcome, false, 'The deployment completed before ECS could roll it back: run rollback again to deploy `to`.');
        }
        if (!plan.to)
            throw new errors/* DeployError */.sH('Nothing to roll back: no service deployment is in flight and no `to` was given');
        report.taskDefinitionArn = plan.to;
        const topology = { service, wiring, originalTargetGroup: live, newTargetGroup: other(pair, live) };
        if (service.taskDefinition === plan.to && (weights[live] ?? 0) === 100) {
            recorder.note(`${plan.service} already runs ${plan.to.split('/').pop()} with production whole on one target group: nothing to do`);
            return await finish('already-live', run, recorder);
        }
        // A rollback that fails is reported, not rolled back itself: its progress is not kept.
        const arn = await startDeployment(plan, topology, plan.to, undefined, { deploying: false }, run, recorder);
        recorder.note(`Deploying ${plan.to.split('/').pop()} natively (${service.settings.strategy}): ${arn}`);
        const deadline = run.clock.now() + plan.waitTimeoutMs + (service.settings.bakeTimeInMinutes ?? 0) * 60_000 * 4;
        // No traffic gates: the old version is what is being restored; ECS's own health still counts.
        const end = await watch(arn, { ...plan, gates: [], bakeMs: 0, deadline, signal }, run, recorder);
        return asRollback(await conclude(end.deployment, topology, plan, run, recorder), true, 'ECS could not deploy `to`: see the evidence.');
    }
    catch (caught) {
        const error = (0,errors/* asDeployError */.y0)(caught);
        return finish('failed', run, recorder, error);
    }
}
/** For a rollback, `to` live is the success ("rolled-back"); anything else is a failure. */
function asRollback(outcome, deployedTo, why) {
    const report = outcome.report;
    if (deployedTo && report.result === 'promoted') {
        report.result = 'rolled-back';
        return outcome;
    }
    if (report.result === 'promoted' || report.result === 'rolled-back') {
        report.result = 'failed';
        const error = outcome.error ?? new errors/* DeployError */.sH(`Rollback did not end on the asked revision (${report.finalStatus ?? 'unknown'})`, { fix: why });
        report.error = { what: error.message, why: error.why, fix: error.fix };
        return { report, error };
    }
    return outcome;
}
const other = (pair, tg) => pair.find((t) => t !== tg);

// EXTERNAL MODULE: ./shared/engine/record.ts
var engine_record = __webpack_require__(2396);
// EXTERNAL MODULE: ./shared/engine/rollback-target.ts
var rollback_target = __webpack_require__(9783);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./shared/aws/alb-router.ts
var alb_router = __webpack_require__(283);
// EXTERNAL MODULE: ./shared/aws/call.ts
var call = __webpack_require__(382);
// EXTERNAL MODULE: ./shared/aws/ecs-fleet.ts + 1 modules
var ecs_fleet = __webpack_require__(4378);
;// CONCATENATED MODULE: ./shared/aws/ecs-service-deployments.ts





/** DescribeServiceRevisions takes at most 20 ARNs; one at a time is all the engine needs. */
const LIST_PAGE = 20;
/**
 * The native engine's port on the AWS SDK: one ECS service with advancedConfiguration, its
 * service deployments, and the weights ECS writes on the production listener rule.
 */
class EcsServiceDeployments {
    ecs;
    elb;
    cluster;
    fleet;
    /** Service revision ARN → task definition (revisions never change). */
    revisions = new Map();
    constructor(ecs, elb, cluster) {
        this.ecs = ecs;
        this.elb = elb;
        this.cluster = cluster;
        this.fleet = new ecs_fleet/* EcsFleet */.M(ecs, cluster);
    }
    async describeService(service) {
        const out = await (0,call/* call */.T1)('ecs:DescribeServices', () => this.ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.cluster, services: [service] })));
        const found = out.services?.find((s) => s.status === 'ACTIVE');
        if (!found)
            throw new errors/* DeployError */.sH(`ECS service ${service} not found or not ACTIVE in cluster ${this.cluster}`, {
                why: (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
                fix: 'Check the service name, the cluster and the region.',
            });
        return toNativeService(found);
    }
    ruleWeights(ruleArn) {
        return new alb_router.AlbRouter(this.elb, ruleArn).readWeights();
    }
    registerTaskDefinition(document) {
        return this.fleet.registerTaskDefinition(document);
    }
    resolveTaskDefinition(reference) {
        return this.fleet.resolveTaskDefinition(reference);
    }
    async startDeployment(service, taskDefinition, configuration) {
        const deploymentConfiguration = configuration ? toSdkConfiguration(configuration.base, configuration.settings) : undefined;
        const out = await (0,call/* call */.T1)('ecs:UpdateService', () => this.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, taskDefinition, deploymentConfiguration })));
        return out.service?.currentServiceDeployment;
    }
    async listDeployments(service, statuses) {
        const out = await (0,call/* call */.T1)('ecs:ListServiceDeployments', () => this.ecs.send(new dist_cjs/* ListServiceDeploymentsCommand */.jz8({
            cluster: this.cluster,
            service,
            status: statuses,
            maxResults: LIST_PAGE,
        })));
        return (out.serviceDeployments ?? [])
            .map((b) => ({ arn: b.serviceDeploymentArn ?? '', status: b.status ?? '', createdAt: b.createdAt }))
            .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
    }
    async describeDeployment(arn) {
        const out = await (0,call/* call */.T1)('ecs:DescribeServiceDeployments', () => this.ecs.send(new dist_cjs/* DescribeServiceDeploymentsCommand */.A6p({ serviceDeploymentArns: [arn] })));
        const found = out.serviceDeployments?.[0];
        if (!found)
            throw new errors/* DeployError */.sH(`Service deployment ${arn} not found`, {
                why: (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
                fix: 'ECS keeps service deployments for 90 days; check the ARN and the region.',
            });
        const revision = found.targetServiceRevision?.arn;
        return toNativeDeployment(found, revision ? await this.taskDefinitionOf(revision) : undefined);
    }
    async continueDeployment(arn, hookId, action) {
        await (0,call/* call */.T1)('ecs:ContinueServiceDeployment', () => this.ecs.send(new dist_cjs/* ContinueServiceDeploymentCommand */.LrH({ serviceDeploymentArn: arn, hookId, action })));
    }
    async rollbackDeployment(arn) {
        await (0,call/* call */.T1)('ecs:StopServiceDeployment', () => this.ecs.send(new dist_cjs/* StopServiceDeploymentCommand */.a8L({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })));
    }
    async restoreConfiguration(service, snapshot) {
        const original = JSON.parse(snapshot);
        // Fields left out keep their current value: an added hook or strategy must be overwritten explicitly.
        const deploymentConfiguration = {
            ...original,
            strategy: original.strategy ?? 'ROLLING',
            lifecycleHooks: original.lifecycleHooks ?? [],
        };
        await (0,call/* call */.T1)('ecs:UpdateService', () => this.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, deploymentConfiguration })));
    }
    stoppedTasks(service, limit) {
        return this.fleet.stoppedTasks(service, limit);
    }
    async taskDefinitionOf(revisionArn) {
        if (!this.revisions.has(revisionArn)) {
            const out = await (0,call/* call */.T1)('ecs:DescribeServiceRevisions', () => this.ecs.send(new dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: [revisionArn] })));
            const taskDefinition = out.serviceRevisions?.[0]?.taskDefinition;
            if (!taskDefinition)
                return undefined;
            this.revisions.set(revisionArn, taskDefinition);
        }
        return this.revisions.get(revisionArn);
    }
}
function toNativeService(service) {
    const balancers = service.loadBalancers ?? [];
    const wired = balancers.find((lb) => lb.advancedConfiguration);
    const advanced = wired?.advancedConfiguration;
    const config = service.deploymentConfiguration ?? {};
    return {
        name: service.serviceName ?? '',
        arn: service.serviceArn ?? '',
        status: service.status ?? 'UNKNOWN',
        controller: service.deploymentController?.type ?? 'ECS',
        taskDefinition: service.taskDefinition ?? '',
        desiredCount: service.desiredCount ?? 0,
        runningCount: service.runningCount ?? 0,
        wiring: wired
            ? {
                targetGroupArn: wired.targetGroupArn ?? '',
                alternateTargetGroupArn: advanced?.alternateTargetGroupArn,
                productionListenerRule: advanced?.productionListenerRule,
                testListenerRule: advanced?.testListenerRule,
                roleArn: advanced?.roleArn,
            }
            : undefined,
        settings: toSettings(config),
        snapshot: JSON.stringify(config),
        events: (service.events ?? []).map((e) => ({ at: e.createdAt ?? new Date(0), message: e.message ?? '' })),
    };
}
function toSettings(config) {
    return {
        strategy: config.strategy ?? 'ROLLING',
        bakeTimeInMinutes: config.bakeTimeInMinutes,
        canary: config.canaryConfiguration
            ? { percent: config.canaryConfiguration.canaryPercent ?? 5, bakeMinutes: config.canaryConfiguration.canaryBakeTimeInMinutes ?? 10 }
            : undefined,
        linear: config.linearConfiguration
            ? { stepPercent: config.linearConfiguration.stepPercent ?? 10, bakeMinutes: config.linearConfiguration.stepBakeTimeInMinutes ?? 6 }
            : undefined,
        hooks: (config.lifecycleHooks ?? []).map((h) => ({
            targetType: h.targetType ?? '',
            stages: [...(h.lifecycleStages ?? [])],
            timeoutMinutes: h.timeoutConfiguration?.timeoutInMinutes,
            timeoutAction: h.timeoutConfiguration?.action,
            hookTargetArn: h.hookTargetArn,
            roleArn: h.roleArn,
        })),
    };
}
/** The settings laid over the team's configuration (alarms, circuit breaker, percentages kept). */
function toSdkConfiguration(base, settings) {
    const config = {
        ...JSON.parse(base),
        strategy: settings.strategy,
        lifecycleHooks: settings.hooks.map(toSdkHook),
    };
    if (settings.bakeTimeInMinutes !== undefined)
        config.bakeTimeInMinutes = settings.bakeTimeInMinutes;
    if (settings.canary)
        config.canaryConfiguration = { canaryPercent: settings.canary.percent, canaryBakeTimeInMinutes: settings.canary.bakeMinutes };
    if (settings.linear)
        config.linearConfiguration = { stepPercent: settings.linear.stepPercent, stepBakeTimeInMinutes: settings.linear.bakeMinutes };
    return config;
}
function toSdkHook(hook) {
    const sdk = {
        targetType: hook.targetType,
        // Stages are strings: the SDK's enum lacks PRE_PRODUCTION_TRAFFIC_SHIFT.
        lifecycleStages: hook.stages,
    };
    if (hook.hookTargetArn)
        sdk.hookTargetArn = hook.hookTargetArn;
    if (hook.roleArn)
        sdk.roleArn = hook.roleArn;
    if (hook.timeoutMinutes !== undefined || hook.timeoutAction)
        sdk.timeoutConfiguration = { timeoutInMinutes: hook.timeoutMinutes, action: hook.timeoutAction };
    return sdk;
}
function toNativeDeployment(d, taskDefinition) {
    const target = d.targetServiceRevision;
    return {
        arn: d.serviceDeploymentArn ?? '',
        status: d.status ?? 'UNKNOWN',
        statusReason: d.statusReason,
        lifecycleStage: d.lifecycleStage,
        hooks: (d.lifecycleHookDetails ?? []).map((h) => ({
            hookId: h.hookId ?? '',
            targetType: h.targetType ?? '',
            status: h.status ?? '',
            expiresAt: h.expiresAt,
            timeoutAction: h.timeoutAction,
        })),
        taskDefinition,
        targetWeight: target?.requestedProductionTrafficWeight,
        targetRunning: target?.runningTaskCount ?? 0,
        targetRequested: target?.requestedTaskCount ?? 0,
        rollback: d.rollback ? { reason: d.rollback.reason, startedAt: d.rollback.startedAt } : undefined,
        circuitBreaker: d.deploymentCircuitBreaker
            ? {
                status: d.deploymentCircuitBreaker.status,
                failureCount: d.deploymentCircuitBreaker.failureCount ?? 0,
                threshold: d.deploymentCircuitBreaker.threshold ?? 0,
            }
            : undefined,
        alarms: d.alarms ? { status: d.alarms.status, triggered: d.alarms.triggeredAlarmNames ?? [] } : undefined,
        createdAt: d.createdAt,
    };
}

// EXTERNAL MODULE: ./shared/inputs/gates.ts
var gates = __webpack_require__(3982);
// EXTERNAL MODULE: ./shared/inputs/common.ts
var common = __webpack_require__(1297);
// EXTERNAL MODULE: ./shared/wiring.ts + 4 modules
var wiring = __webpack_require__(1058);
// EXTERNAL MODULE: ./shared/github/native-report.ts
var native_report = __webpack_require__(5800);
;// CONCATENATED MODULE: ./shared/github/native.ts





/**
 * The native engine's ports. ECS calls go through clients without the cancel signal: the
 * engine itself stops at the cancel and must still roll back through ECS afterwards. Gates use
 * the cancellable clients. `productionRule()` is the rule the service was last seen with (the
 * metric gates' load balancer).
 */
function nativeSession(values, context) {
    const { clients, uncancellable } = (0,wiring/* roleSession */.Rj)(values, context.checkpoint, context.signal);
    context.checkpoint.save(native_report/* NATIVE_REGION_STATE */.jD, values.region);
    const ecs = new EcsServiceDeployments(uncancellable.ecs, uncancellable.elb, values.cluster);
    let productionRule = '';
    const describe = ecs.describeService.bind(ecs);
    ecs.describeService = async (name) => {
        const service = await describe(name);
        productionRule = service.wiring?.productionListenerRule ?? productionRule;
        return service;
    };
    const ports = {
        ecs,
        clock: context.clock,
        log: context.log,
        checkpoint: context.checkpoint,
    };
    return { ports, clients, uncancellable, productionRule: () => productionRule };
}
/** The plan every native run shares, from the inputs (as twoColorPlan does for two services). */
function nativePlan(values, clients, productionRule) {
    // As in two-color mode: an inconclusive step may wait until its last metric period is published.
    const metricGates = hasTrafficGates({ ...values, alarms: undefined });
    return {
        cluster: values.cluster,
        service: values.service,
        expectedProductionRule: values.productionRule,
        configMode: values['deployment-config'],
        bakeMs: values['bake-time'],
        extensionMs: values['inconclusive-timeout'] ?? Math.max(values['bake-time'], metricGates ? metricDelay(values) + values['metric-period'] : 0),
        pollMs: values['poll-interval'],
        waitTimeoutMs: values['wait-timeout'],
        // Baseline comparison reads the original target group: the one production leaves.
        gates: (targets) => trafficGates(clients, productionRule(), values)(targets),
    };
}

;// CONCATENATED MODULE: ./actions/rollback/native.ts





/** Returns undefined, having changed nothing, when the service is not wired for native deployments. */
async function rollBackNativelyIfWired(inputs, service, context) {
    const { record } = context;
    const { ports } = nativeSession(inputs, context);
    // A service that cannot be read is left to the single-service path, which reports the failure.
    const state = await ports.ecs.describeService(service).catch(() => undefined);
    if (!state?.wiring)
        return undefined;
    context.log.info(`${service} has advancedConfiguration: rolling back through ECS (native mode)`);
    const plan = {
        cluster: inputs.cluster,
        service,
        configMode: 'managed',
        bakeMs: 0,
        extensionMs: 0,
        pollMs: inputs['poll-interval'],
        waitTimeoutMs: inputs['wait-timeout'],
        gates: () => [],
        reason: inputs.reason,
        to: await resolveTo(inputs.to, ports.ecs, { service, state, cluster: inputs.cluster }, record),
    };
    const outcome = await runNativeRollback(plan, { ...ports, onTaskDefinition: context.onTaskDefinition }, context.signal);
    (0,native_report/* addNativeLinks */.kr)(outcome.report, inputs.region);
    return outcome;
}
/**
 * `to` as a task definition ARN, for when no deployment is in flight. `previous` is the revision
 * of the newest successful service deployment that is not the running one; undefined when ECS
 * lists none (the engine then says there is nothing to roll back).
 */
async function resolveTo(to, ecs, where, record) {
    const { service, state, cluster } = where;
    if (to.kind !== 'previous')
        return (0,rollback_target/* resolveNamedTarget */.XH)(to, { fleet: ecs, record, scope: (0,engine_record/* recordScope */.UN)(cluster, [service], state.arn) });
    const current = state.taskDefinition;
    for (const brief of (await ecs.listDeployments(service, ['SUCCESSFUL'])).slice(0, 10)) {
        const taskDefinition = (await ecs.describeDeployment(brief.arn)).taskDefinition;
        if (taskDefinition && taskDefinition !== current)
            return taskDefinition;
    }
    return undefined;
}


/***/ })

};
