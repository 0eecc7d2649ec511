export const id = 645;
export const ids = [645];
export const modules = {

/***/ 6645:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CB: () => (/* binding */ concludeFailure),
/* harmony export */   Ep: () => (/* binding */ conclude),
/* harmony export */   O9: () => (/* binding */ finish),
/* harmony export */   RQ: () => (/* binding */ restoreConfiguration),
/* harmony export */   WT: () => (/* binding */ requestRollback),
/* harmony export */   kh: () => (/* binding */ waitForEnd),
/* harmony export */   wB: () => (/* binding */ watch)
/* harmony export */ });
/* unused harmony exports ROLLING_BACK, TERMINAL, GateFailure, ecsHealth, verifyProduction, evidence */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5784);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2635);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5446);
/* harmony import */ var _inspect_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4081);
/**
 * Drives one ECS service deployment to its end: watches its stages, runs the gates while the new
 * revision takes production traffic, answers each PAUSE hook (CONTINUE once the step has baked
 * with every gate passing, ROLLBACK at the first failure), and turns ECS's final status into the
 * run's result, with traffic verified on the production rule.
 */




const ROLLING_BACK = new Set(['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);
const TERMINAL = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
/** A gate (or ECS itself) said no: the deployment must be rolled back. */
class GateFailure extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH {
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
                    recorder.note(`Production: ${shifted}% on the new revision; gates judge it for at least ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(settings.bakeMs)}`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`Service deployment ${arn} did not finish in time (stuck at ${d.lifecycleStage ?? d.status})`, {
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
            recorder.warn(`ContinueServiceDeployment(ROLLBACK) failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)}); stopping the deployment instead`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`ECS did not finish rolling back ${arn} in time (${d.status})`);
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
        lines.push(`(could not read service events: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)})`);
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
        const error = new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`ECS ended ${d.arn} with ${d.status}, but production is not verified back on the original target group`, {
            why: [...why, `production weights: ${JSON.stringify(report.weights)}`],
            fix: `Check the listener rule ${topology.wiring.productionListenerRule} in the console now, and run the rollback action.`,
        });
        return finish('failed', run, recorder, error);
    }
    const error = cause ??
        new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`ECS did not promote: the service deployment ended ${d.status}`, {
            fix: 'Production is back on the revision that was live. The evidence above says why ECS rolled back.',
        });
    error.why.push(...why);
    return finish(d.status === 'ROLLBACK_SUCCESSFUL' ? 'rolled-back' : 'failed', run, recorder, error);
}
/** The run's end: the team's configuration restored if the run changed it, the phase `done`. */
async function finish(result, run, recorder, error) {
    const restoreError = await restoreConfiguration(run, recorder);
    run.checkpoint.save(_context_js__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c4.phase, 'done');
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
        run.checkpoint.save(_context_js__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c4.configChanged, 'false');
        recorder.note('Restored the service deployment configuration the team had');
        return undefined;
    }
    catch (error) {
        recorder.warn(`Could not restore the deployment configuration: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)}`);
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`The service's deployment configuration could not be restored: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)}`, {
            fix: 'Remove the PAUSE lifecycle hook and strategy the action added (docs/native-mode.md), or re-apply your IaC.',
        });
    }
}
/** How a run ends after it threw: rolled back when it was deploying, else failed before any change. */
async function concludeFailure(caught, progress, plan, run, recorder) {
    if (progress.deploying && progress.topology)
        return rollBackAndConclude(caught, progress.arn, progress.topology, plan, run, recorder);
    const error = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .asDeployError */ .y0)(caught);
    recorder.note(`Failed before any change: ${error.message}`);
    return finish('failed', run, recorder, error);
}
/**
 * How a run that started a deployment ends after a failure, a timeout or a cancel: ECS rolls it
 * back, the run waits for that and verifies production on the original target group.
 */
async function rollBackAndConclude(caught, arn, topology, plan, run, recorder) {
    const error = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .asDeployError */ .y0)(caught);
    const last = recorder.report.steps.at(-1);
    if (caught instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc && last)
        last.verdict = 'cancelled';
    try {
        const target = arn ?? (await run.restore.listDeployments(plan.service, _inspect_js__WEBPACK_IMPORTED_MODULE_3__/* .ACTIVE_STATUSES */ .az))[0]?.arn;
        if (!target) {
            recorder.note(`Failed before ECS started a deployment: ${error.message}`);
            return await finish('failed', run, recorder, error);
        }
        await requestRollback(target, caught instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc ? 'the run was cancelled' : error.message, run, recorder);
        const ended = await waitForEnd(target, plan, run, recorder);
        return await conclude(ended, topology, plan, run, recorder, error);
    }
    catch (failure) {
        const why = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .asDeployError */ .y0)(failure);
        return finish('failed', run, recorder, new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`Rolling back failed: ${why.message}`, { why: [error.message, ...why.why], fix: why.fix }));
    }
}


/***/ }),

/***/ 4081:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WQ: () => (/* binding */ deploymentConfiguration),
/* harmony export */   Yc: () => (/* binding */ inspectService),
/* harmony export */   az: () => (/* binding */ ACTIVE_STATUSES),
/* harmony export */   h: () => (/* binding */ checkWiring)
/* harmony export */ });
/* unused harmony exports SETUP_DOCS, hasPause */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5446);
/**
 * Before any change: the service must be wired for native deployments, traffic must be whole on
 * one target group, and no other service deployment may be running. Then the deployment
 * configuration the run needs: the team's own (managed) or the team's plus a strategy and PAUSE
 * hooks (restored after the run).
 */


const SETUP_DOCS = 'docs/native-mode.md#setting-up-a-single-service';
/** Deployments ECS is still working on: at most one may be, and a run needs none. */
const ACTIVE_STATUSES = ['PENDING', 'IN_PROGRESS', 'STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'];
/** Refuses a service the native strategies cannot drive; the message names the missing field. */
function checkWiring(service, expectedProductionRule) {
    const refuse = (what, fix) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${service.name} cannot be deployed natively: ${what}`, { fix: `${fix} See ${SETUP_DOCS}.` });
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`listener-rule-arn / listener-arn ${expectedProductionRule} is not ${service.name}'s production listener rule (${wiring.productionListenerRule})`, { fix: 'Leave it empty (the service says which rule), or give the rule in advancedConfiguration.productionListenerRule.' });
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`Production traffic on ${wiring.productionListenerRule} is not whole on one target group (${shown})`, {
            why: `target groups: ${pair.join(', ')}`,
            fix: 'Another deployment may be shifting it: wait for it, or roll it back (rollback action), then run again.',
        });
    recorder.note(`Production rule ${wiring.productionListenerRule}: ${shown}`);
    const busy = await run.ecs.listDeployments(plan.service, ACTIVE_STATUSES);
    if (busy.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${plan.service} already has a service deployment ${busy[0].status} (${busy[0].arn})`, {
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${topology.service.name}'s deployment strategy is ${current.strategy}, not ${wanted.strategy} (deployment-config: managed)`, {
                fix: `Set deploymentConfiguration.strategy to ${wanted.strategy} in your IaC, or let the action set it (deployment-config: action).`,
            });
        for (const pause of pauses) {
            if (!hasPause(current, pause.stage))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${topology.service.name} has no PAUSE lifecycle hook at ${pause.stage} (deployment-config: managed)`, {
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
    run.checkpoint.save(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.snapshot, topology.service.snapshot);
    recorder.report.configSnapshot = topology.service.snapshot;
    run.checkpoint.save(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.configChanged, 'true');
    recorder.note(`Deploying with strategy ${wanted.strategy}${added.length ? ` and PAUSE hooks at ${added.map((h) => h.stages[0]).join(', ')}` : ''}; the service's own configuration is restored after the run`);
    return { base: topology.service.snapshot, settings: { ...wanted, hooks: [...current.hooks, ...added] } };
}


/***/ })

};
