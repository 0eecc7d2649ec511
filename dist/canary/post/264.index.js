export const id = 264;
export const ids = [264];
export const modules = {

/***/ 3264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runNative: () => (/* binding */ runNative)
});

// EXTERNAL MODULE: ./shared/engine/native/context.ts
var context = __webpack_require__(5446);
// EXTERNAL MODULE: ./shared/engine/native/drive.ts
var drive = __webpack_require__(6645);
// EXTERNAL MODULE: ./shared/engine/native/inspect.ts
var inspect = __webpack_require__(4081);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
;// CONCATENATED MODULE: ./shared/engine/native/start.ts
/**
 * Starting a native deployment: what the post step needs saved first, UpdateService, and the
 * service deployment it started, recorded in the report and the state. Canary, blue/green and
 * rollback start theirs this one way.
 */


/** Resolves (or registers) the revision, then starts it: from here a failure rolls back. */
async function deployRevision(plan, topology, source, configuration, progress, run, recorder) {
    const taskDefinition = await (0,context/* resolveSource */.ev)(run.ecs, source);
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
    run.checkpoint.save(context/* STATE */.c4.deployment, arn);
    return arn;
}
/** What the post step needs if this process dies from here on. */
function saveDeploying(plan, topology, run) {
    run.checkpoint.save(context/* STATE */.c4.cluster, plan.cluster);
    run.checkpoint.save(context/* STATE */.c4.service, plan.service);
    run.checkpoint.save(context/* STATE */.c4.originalTargetGroup, topology.originalTargetGroup);
    run.checkpoint.save(context/* STATE */.c4.phase, 'deploying');
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

;// CONCATENATED MODULE: ./shared/engine/native/canary.ts




const PRE_PRODUCTION = 'PRE_PRODUCTION_TRAFFIC_SHIFT';
async function runNativeCanary(plan, ports, signal) {
    const run = (0,context/* nativeRunPorts */.Xn)(ports, signal);
    const recorder = new context/* NativeRecorder */.gP('canary', plan.cluster, plan.service, ports.clock, ports.log);
    const report = recorder.report;
    const progress = { deploying: false };
    run.checkpoint.save(context/* STATE */.c4.phase, 'inspect');
    try {
        const topology = await (0,inspect/* inspectService */.Yc)(plan, run, recorder);
        const minutes = Math.round(plan.bakeMs / 60_000);
        const strategy = plan.shape.strategy;
        report.strategy = strategy;
        const wanted = plan.shape.strategy === 'CANARY'
            ? { strategy, bakeTimeInMinutes: minutes, canary: { percent: plan.shape.percent, bakeMinutes: minutes } }
            : { strategy, bakeTimeInMinutes: minutes, linear: { stepPercent: plan.shape.stepPercent, bakeMinutes: minutes } };
        const pause = {
            stage: PRE_PRODUCTION,
            // If CI dies at a pause, ECS rolls back by itself once the step had time to bake and be judged.
            timeoutMinutes: Math.max(1, Math.ceil((plan.bakeMs + plan.extensionMs + plan.waitTimeoutMs) / 60_000)),
            why: 'the gates judge each production step at a pause before ECS shifts more traffic',
        };
        const configuration = (0,inspect/* deploymentConfiguration */.WQ)(topology, plan.configMode, wanted, [pause], run, recorder);
        const arn = await deployRevision(plan, topology, plan.taskDefinition, configuration, progress, run, recorder);
        const steps = plan.shape.strategy === 'CANARY' ? 2 : Math.round(100 / plan.shape.stepPercent);
        const deadline = run.clock.now() + plan.waitTimeoutMs + (steps + 1) * (plan.bakeMs + plan.extensionMs);
        const gates = run.guard(plan.gates({ candidate: topology.newTargetGroup, baseline: topology.originalTargetGroup }));
        const end = await (0,drive/* watch */.wB)(arn, { ...plan, gates, deadline, signal }, run, recorder);
        return await (0,drive/* conclude */.Ep)(end.deployment, topology, plan, run, recorder);
    }
    catch (caught) {
        return (0,drive/* concludeFailure */.CB)(caught, progress, plan, run, recorder);
    }
}

// EXTERNAL MODULE: ./shared/aws/ecs-service-deployments.ts
var ecs_service_deployments = __webpack_require__(3258);
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
    const ecs = new ecs_service_deployments.EcsServiceDeployments(uncancellable.ecs, uncancellable.elb, values.cluster);
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
    const metricGates = (0,common/* hasTrafficGates */.OQ)({ ...values, alarms: undefined });
    return {
        cluster: values.cluster,
        service: values.service,
        expectedProductionRule: values.productionRule,
        configMode: values['deployment-config'],
        bakeMs: values['bake-time'],
        extensionMs: values['inconclusive-timeout'] ?? Math.max(values['bake-time'], metricGates ? (0,gates/* metricDelay */.WA)(values) + values['metric-period'] : 0),
        pollMs: values['poll-interval'],
        waitTimeoutMs: values['wait-timeout'],
        // Baseline comparison reads the original target group: the one production leaves.
        gates: (targets) => (0,wiring/* trafficGates */.cm)(clients, productionRule(), values)(targets),
    };
}

;// CONCATENATED MODULE: ./actions/canary/native.ts
/** canary with `service`: one ECS service, CANARY or LINEAR run by ECS, gated at a PAUSE before every production shift. */




async function runNative(inputs, context) {
    const { ports, clients, productionRule } = nativeSession(inputs, context);
    const plan = { ...nativePlan(inputs, clients, productionRule), taskDefinition: inputs.taskDefinition, shape: inputs.shape };
    const steps = inputs.shape.strategy === 'CANARY' ? 2 : Math.round(100 / inputs.shape.stepPercent);
    (0,wiring/* warnIfRunOutlivesCredentials */.A_)(inputs, plan, steps, context.log);
    const outcome = await runNativeCanary(plan, { ...ports, onTaskDefinition: context.onTaskDefinition }, context.signal);
    (0,native_report/* addNativeLinks */.kr)(outcome.report, inputs.region);
    return outcome;
}


/***/ }),

/***/ 3258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EcsServiceDeployments: () => (/* binding */ EcsServiceDeployments)
/* harmony export */ });
/* unused harmony exports toSettings, toSdkConfiguration */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(212);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);
/* harmony import */ var _alb_router_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1888);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(382);
/* harmony import */ var _ecs_fleet_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4378);





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
        this.fleet = new _ecs_fleet_js__WEBPACK_IMPORTED_MODULE_3__/* .EcsFleet */ .M(ecs, cluster);
    }
    async describeService(service) {
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:DescribeServices', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .DescribeServicesCommand */ .H7c({ cluster: this.cluster, services: [service] })));
        const found = out.services?.find((s) => s.status === 'ACTIVE');
        if (!found)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`ECS service ${service} not found or not ACTIVE in cluster ${this.cluster}`, {
                why: (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
                fix: 'Check the service name, the cluster and the region.',
            });
        return toNativeService(found);
    }
    ruleWeights(ruleArn) {
        return new _alb_router_js__WEBPACK_IMPORTED_MODULE_1__.AlbRouter(this.elb, ruleArn).readWeights();
    }
    registerTaskDefinition(document) {
        return this.fleet.registerTaskDefinition(document);
    }
    resolveTaskDefinition(reference) {
        return this.fleet.resolveTaskDefinition(reference);
    }
    async startDeployment(service, taskDefinition, configuration) {
        const deploymentConfiguration = configuration ? toSdkConfiguration(configuration.base, configuration.settings) : undefined;
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:UpdateService', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .UpdateServiceCommand */ .kZr({ cluster: this.cluster, service, taskDefinition, deploymentConfiguration })));
        return out.service?.currentServiceDeployment;
    }
    async listDeployments(service, statuses) {
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:ListServiceDeployments', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .ListServiceDeploymentsCommand */ .jz8({
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
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:DescribeServiceDeployments', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .DescribeServiceDeploymentsCommand */ .A6p({ serviceDeploymentArns: [arn] })));
        const found = out.serviceDeployments?.[0];
        if (!found)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`Service deployment ${arn} not found`, {
                why: (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
                fix: 'ECS keeps service deployments for 90 days; check the ARN and the region.',
            });
        const revision = found.targetServiceRevision?.arn;
        return toNativeDeployment(found, revision ? await this.taskDefinitionOf(revision) : undefined);
    }
    async continueDeployment(arn, hookId, action) {
        await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:ContinueServiceDeployment', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .ContinueServiceDeploymentCommand */ .LrH({ serviceDeploymentArn: arn, hookId, action })));
    }
    async rollbackDeployment(arn) {
        await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:StopServiceDeployment', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .StopServiceDeploymentCommand */ .a8L({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })));
    }
    async restoreConfiguration(service, snapshot) {
        const original = JSON.parse(snapshot);
        // Fields left out keep their current value: an added hook or strategy must be overwritten explicitly.
        const deploymentConfiguration = {
            ...original,
            strategy: original.strategy ?? 'ROLLING',
            lifecycleHooks: original.lifecycleHooks ?? [],
        };
        await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:UpdateService', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .UpdateServiceCommand */ .kZr({ cluster: this.cluster, service, deploymentConfiguration })));
    }
    stoppedTasks(service, limit) {
        return this.fleet.stoppedTasks(service, limit);
    }
    async taskDefinitionOf(revisionArn) {
        if (!this.revisions.has(revisionArn)) {
            const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('ecs:DescribeServiceRevisions', () => this.ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_4__/* .DescribeServiceRevisionsCommand */ .oF5({ serviceRevisionArns: [revisionArn] })));
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


/***/ })

};
