export const id = 258;
export const ids = [258,888];
export const modules = {

/***/ 1888:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AlbRouter: () => (/* binding */ AlbRouter)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-load-balancing-v2/dist-cjs/index.js
var dist_cjs = __webpack_require__(586);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
// EXTERNAL MODULE: ./shared/aws/call.ts
var call = __webpack_require__(382);
;// CONCATENATED MODULE: ./shared/aws/elb-targets.ts


const description = (target) => ({
    Id: target.id,
    Port: target.port,
    AvailabilityZone: target.availabilityZone,
});
/**
 * The targets of a target group: their health as a count (deploys, rollback, preflight), and
 * each target as the chaos experiments read and move them. No listener involved.
 */
class ElbTargets {
    elb;
    constructor(elb) {
        this.elb = elb;
    }
    async targets(targetGroupArn) {
        const out = await (0,call/* call */.T1)('elasticloadbalancing:DescribeTargetHealth', () => this.elb.send(new dist_cjs/* DescribeTargetHealthCommand */.qyg({ TargetGroupArn: targetGroupArn })));
        return (out.TargetHealthDescriptions ?? []).map((t) => ({
            id: t.Target?.Id ?? '',
            port: t.Target?.Port,
            availabilityZone: t.Target?.AvailabilityZone,
            state: t.TargetHealth?.State ?? 'unavailable',
            reason: t.TargetHealth?.Reason,
        }));
    }
    /** How many targets are healthy, and what ails the others. */
    async targetHealth(targetGroupArn) {
        const targets = await this.targets(targetGroupArn);
        const problems = targets.filter((t) => t.state !== 'healthy').map((t) => `${t.id}:${t.port} ${t.state} (${t.reason ?? 'no reason'})`);
        return { healthy: targets.length - problems.length, total: targets.length, problems };
    }
    async deregister(targetGroupArn, targets) {
        await (0,call/* call */.T1)('elasticloadbalancing:DeregisterTargets', () => this.elb.send(new dist_cjs/* DeregisterTargetsCommand */.Atx({ TargetGroupArn: targetGroupArn, Targets: targets.map(description) })));
    }
    async register(targetGroupArn, targets) {
        await (0,call/* call */.T1)('elasticloadbalancing:RegisterTargets', () => this.elb.send(new dist_cjs/* RegisterTargetsCommand */.PE6({ TargetGroupArn: targetGroupArn, Targets: targets.map(description) })));
    }
}

;// CONCATENATED MODULE: ./shared/aws/alb-router.ts




/**
 * Weights live in the forward action of a listener's default actions or of one listener
 * rule. Writes replace only the target group weights: other actions (authenticate-oidc, …)
 * and the stickiness settings are sent back exactly as read.
 */
class AlbRouter {
    isRule;
    elb;
    target;
    constructor(elb, target) {
        this.elb = elb;
        this.target = target;
        this.isRule = target.includes(':listener-rule/');
    }
    async readWeights() {
        const forward = forwardAction(await this.readActions(), this.target);
        const groups = forward.ForwardConfig?.TargetGroups ?? (forward.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn, Weight: 100 }] : []);
        // A single target group without a weight gets all the traffic.
        return Object.fromEntries(groups.map((g) => [g.TargetGroupArn, g.Weight ?? (groups.length === 1 ? 100 : 0)]));
    }
    async writeWeights(weights) {
        const actions = await this.readActions();
        const forward = forwardAction(actions, this.target);
        const rewritten = actions.map((action) => action === forward
            ? {
                ...action,
                TargetGroupArn: undefined,
                ForwardConfig: {
                    ...action.ForwardConfig,
                    TargetGroups: Object.entries(weights).map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })),
                },
            }
            : action);
        if (this.isRule) {
            await (0,call/* call */.T1)('elasticloadbalancing:ModifyRule', () => this.elb.send(new dist_cjs/* ModifyRuleCommand */.y5P({ RuleArn: this.target, Actions: rewritten })));
        }
        else {
            await (0,call/* call */.T1)('elasticloadbalancing:ModifyListener', () => this.elb.send(new dist_cjs/* ModifyListenerCommand */.ugc({ ListenerArn: this.target, DefaultActions: rewritten })));
        }
    }
    /** The weighted target groups' health (one adapter reads it: ElbTargets). */
    targetHealth(targetGroupArn) {
        return new ElbTargets(this.elb).targetHealth(targetGroupArn);
    }
    async readActions() {
        if (this.isRule) {
            const out = await (0,call/* call */.T1)('elasticloadbalancing:DescribeRules', () => this.elb.send(new dist_cjs/* DescribeRulesCommand */.Ggo({ RuleArns: [this.target] })));
            return out.Rules?.[0]?.Actions ?? [];
        }
        const out = await (0,call/* call */.T1)('elasticloadbalancing:DescribeListeners', () => this.elb.send(new dist_cjs/* DescribeListenersCommand */.AKE({ ListenerArns: [this.target] })));
        return out.Listeners?.[0]?.DefaultActions ?? [];
    }
}
function forwardAction(actions, target) {
    const forward = actions.find((a) => a.Type === 'forward');
    if (!forward) {
        throw new errors/* DeployError */.sH(`${target} has no forward action`, {
            why: `actions: ${actions.map((a) => a.Type).join(', ') || 'none'}`,
            fix: 'Make the listener (or rule) forward to the blue and green target groups with weights.',
        });
    }
    return forward;
}


/***/ }),

/***/ 382:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T1: () => (/* binding */ call),
/* harmony export */   Tl: () => (/* binding */ translate)
/* harmony export */ });
/* unused harmony export awsErrorName */
/* harmony import */ var _smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3609);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);


/**
 * An answer the SDK could not read as AWS's (an HTML error page from a proxy, a wrong
 * AWS_ENDPOINT_URL, a CloudWatch-compatible endpoint): an endpoint error, never throttling.
 * The SDK has already retried it as its retry policy allows.
 */
function foreignAnswer(error) {
    if (!/Deserialization error/.test(error.message))
        return undefined;
    const status = error.$metadata?.httpStatusCode ?? 'unknown';
    const type = error.$response?.headers?.['content-type'] ?? 'no content type';
    return (operation) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${operation} failed: the endpoint answered HTTP ${status} (${type}) that is not an AWS response`, {
        fix: 'This is an endpoint error, not throttling: check AWS_ENDPOINT_URL, any proxy between the runner and AWS, and the AWS Health Dashboard.',
        cause: error,
    });
}
/** IAM denials get the exact action to add, since that is the fix. */
const DENIED = /AccessDenied|UnauthorizedOperation|not authorized/i;
/** Credentials that ran out mid-run: the fix is credentials that renew themselves. */
const EXPIRED = /^ExpiredToken/;
/**
 * Runs one SDK call and translates what escapes the SDK's own retries: transient errors
 * become TransientError (the engine retries more slowly), everything else a DeployError
 * naming the operation and the AWS error code.
 */
async function call(operation, send) {
    try {
        return await send();
    }
    catch (error) {
        throw translate(operation, error);
    }
}
/** The AWS error code (the SDK error's name) behind an error call() threw; '' when there is none. */
function awsErrorName(error) {
    return error instanceof Error && error.cause instanceof Error ? error.cause.name : '';
}
function translate(operation, error) {
    if (!(error instanceof Error))
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${operation} failed: ${String(error)}`);
    // The run's abort signal reached the request (see clients.ts): a cancel, not an AWS failure.
    if (error.name === 'AbortError')
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc();
    const sdk = error;
    const foreign = foreignAnswer(sdk);
    if (foreign)
        return foreign(operation);
    const code = sdk.name || sdk.Code || 'Error';
    if ((0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__.isThrottlingError)(sdk) || (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__.isTransientError)(sdk) || (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_1__.isServerError)(sdk)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TransientError */ .N_(code, `${operation}: ${error.message}`, error);
    }
    const requestId = sdk.$metadata?.requestId ? ` (request ${sdk.$metadata.requestId})` : '';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${operation} failed: ${code}: ${error.message}${requestId}`, {
        fix: EXPIRED.test(code)
            ? 'The AWS credentials expired during the run: give role-to-assume (the action then renews them itself), or a longer role-duration-seconds.'
            : DENIED.test(`${code} ${error.message}`)
                ? `Allow the action ${operation} in the role's IAM policy (see docs/iam-policy.json).`
                : undefined,
        cause: error,
    });
}


/***/ }),

/***/ 4378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  M: () => (/* binding */ EcsFleet)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
// EXTERNAL MODULE: ./shared/aws/call.ts
var call = __webpack_require__(382);
;// CONCATENATED MODULE: ./shared/aws/ecs-cluster.ts
/** An adapter on one ECS cluster: the client it calls through and the cluster every call names. */
class EcsClusterAdapter {
    ecs;
    cluster;
    constructor(ecs, cluster) {
        this.ecs = ecs;
        this.cluster = cluster;
    }
}

;// CONCATENATED MODULE: ./shared/aws/ecs-fleet.ts




/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_BATCH = 10;
class EcsFleet extends EcsClusterAdapter {
    async describeServices(names) {
        const found = new Map();
        for (let i = 0; i < names.length; i += DESCRIBE_BATCH) {
            const batch = names.slice(i, i + DESCRIBE_BATCH);
            const out = await (0,call/* call */.T1)('ecs:DescribeServices', () => this.ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.cluster, services: batch })));
            for (const service of out.services ?? []) {
                const state = toServiceState(service);
                found.set(batch.find((name) => name === state.name || name === state.arn) ?? state.name, state);
            }
            const missing = batch.filter((name) => !found.has(name) || found.get(name).status !== 'ACTIVE');
            if (missing.length > 0) {
                const reasons = (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`);
                throw new errors/* DeployError */.sH(`ECS service not found or not ACTIVE in cluster ${this.cluster}: ${missing.join(', ')}`, {
                    why: reasons,
                    fix: 'Check the service names and the cluster (and the region): the services must exist before the first deployment.',
                });
            }
        }
        return found;
    }
    async registerTaskDefinition(document) {
        const out = await (0,call/* call */.T1)('ecs:RegisterTaskDefinition', () => this.ecs.send(new dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(document)));
        return out.taskDefinition.taskDefinitionArn;
    }
    async resolveTaskDefinition(reference) {
        const out = await (0,call/* call */.T1)('ecs:DescribeTaskDefinition', () => this.ecs.send(new dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: reference })));
        return out.taskDefinition.taskDefinitionArn;
    }
    async deploy(service, taskDefinition, desiredCount) {
        const out = await (0,call/* call */.T1)('ecs:UpdateService', () => this.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, taskDefinition, desiredCount, forceNewDeployment: true })));
        const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
        if (!primary?.id)
            throw new errors/* DeployError */.sH(`UpdateService on ${service} returned no PRIMARY deployment`);
        return primary.id;
    }
    async scale(service, desiredCount) {
        await (0,call/* call */.T1)('ecs:UpdateService', () => this.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, desiredCount })));
    }
    async stoppedTasks(service, limit) {
        const list = await (0,call/* call */.T1)('ecs:ListTasks', () => this.ecs.send(new dist_cjs/* ListTasksCommand */.MYg({ cluster: this.cluster, serviceName: service, desiredStatus: 'STOPPED', maxResults: limit })));
        if (!list.taskArns?.length)
            return [];
        const out = await (0,call/* call */.T1)('ecs:DescribeTasks', () => this.ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster: this.cluster, tasks: list.taskArns })));
        return (out.tasks ?? [])
            .map((task) => ({
            taskArn: task.taskArn ?? '',
            taskDefinition: task.taskDefinitionArn ?? '',
            stoppedAt: task.stoppedAt,
            reason: [
                task.stoppedReason ?? task.stopCode ?? 'stopped',
                ...(task.containers ?? [])
                    .filter((c) => c.reason || (c.exitCode !== undefined && c.exitCode !== 0))
                    .map((c) => `${c.name}: ${[c.reason, c.exitCode !== undefined && `(exit ${c.exitCode})`].filter(Boolean).join(' ')}`),
            ].join('; '),
        }))
            .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0));
    }
}
function toServiceState(service) {
    return {
        name: service.serviceName ?? '',
        arn: service.serviceArn ?? '',
        status: service.status ?? 'UNKNOWN',
        desiredCount: service.desiredCount ?? 0,
        runningCount: service.runningCount ?? 0,
        taskDefinition: service.taskDefinition ?? '',
        targetGroupArns: [...new Set((service.loadBalancers ?? []).flatMap((lb) => (lb.targetGroupArn ? [lb.targetGroupArn] : [])))],
        deployments: (service.deployments ?? []).map((d) => ({
            id: d.id ?? '',
            status: d.status ?? '',
            taskDefinition: d.taskDefinition ?? '',
            rolloutState: d.rolloutState,
            rolloutStateReason: d.rolloutStateReason,
            desiredCount: d.desiredCount ?? 0,
            runningCount: d.runningCount ?? 0,
            failedTasks: d.failedTasks ?? 0,
            createdAt: d.createdAt,
        })),
        events: (service.events ?? []).map((e) => ({ at: e.createdAt ?? new Date(0), message: e.message ?? '' })),
    };
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
