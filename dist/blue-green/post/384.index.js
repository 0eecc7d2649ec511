export const id = 384;
export const ids = [384,32,526,888];
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

/***/ 9032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   awsClients: () => (/* binding */ awsClients),
/* harmony export */   y: () => (/* binding */ awsSession)
/* harmony export */ });
/* unused harmony export clientConfig */
/* harmony import */ var _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4085);
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(212);
/* harmony import */ var _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(586);
/* harmony import */ var _credentials_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(526);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(286);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4402);






/**
 * Client options every adapter shares. The endpoint is left to the SDK, which honours
 * AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>), so the same bundle runs against AWS or a
 * local endpoint.
 */
function clientConfig(settings) {
    return {
        region: settings.region,
        retryMode: 'adaptive',
        maxAttempts: settings.maxRetries + 1,
        customUserAgent: [[_version_js__WEBPACK_IMPORTED_MODULE_2__/* .SUITE */ .J, _version_js__WEBPACK_IMPORTED_MODULE_2__/* .VERSION */ .x]],
        requestHandler: (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .requestHandler */ .O)(settings.timeouts, settings.signal),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
    };
}
function awsClients(settings) {
    const config = clientConfig(settings);
    return { ecs: new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .ECSClient */ .Zgc(config), elb: new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .ElasticLoadBalancingV2Client */ .MlD(config), cloudwatch: new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_5__/* .CloudWatchClient */ .WBn(config) };
}
/**
 * One run's AWS access: clients that carry the run's abort signal, and the same clients without
 * it (bounded by timeouts only) for what must go through after a cancel: putting traffic back.
 * With a role, both share one renewing credentials provider.
 */
function awsSession(settings, signal) {
    const credentials = settings.role ? (0,_credentials_js__WEBPACK_IMPORTED_MODULE_0__.webIdentityCredentials)(settings.role, { region: settings.region }) : undefined;
    const base = { region: settings.region, maxRetries: settings.maxRetries, credentials };
    return { clients: awsClients({ ...base, signal }), uncancellable: awsClients(base) };
}


/***/ }),

/***/ 526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   webIdentityCredentials: () => (/* binding */ webIdentityCredentials)
/* harmony export */ });
/* unused harmony exports STS_AUDIENCE, githubIdToken */
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1695);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2635);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(382);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(286);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4402);
/**
 * Credentials that last the run: a GitHub OIDC ID token exchanged for a role session with STS
 * AssumeRoleWithWebIdentity, renewed (with a fresh ID token) before the session expires, so a
 * canary that bakes for hours keeps working. One provider is shared by every client of a run.
 */






/** Audience the AWS IAM OIDC provider for GitHub expects. */
const STS_AUDIENCE = 'sts.amazonaws.com';
/** The ID token from the Actions runtime (ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN, `id-token: write`). */
const githubIdToken = () => _actions_core__WEBPACK_IMPORTED_MODULE_0__.getIDToken(STS_AUDIENCE);
/** Renew this long before expiry, or at half the session's life when sessions are short. */
const RENEW_BEFORE_MS = 5 * 60_000;
function webIdentityCredentials(role, options) {
    const fetchToken = options.fetchToken ?? githubIdToken;
    const now = options.now ?? Date.now;
    // Not tied to the run's abort signal: a restore after a cancel may need a fresh session.
    const sts = new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_4__/* .STSClient */ .iM({
        region: options.region,
        maxAttempts: 4,
        customUserAgent: [[_version_js__WEBPACK_IMPORTED_MODULE_5__/* .SUITE */ .J, _version_js__WEBPACK_IMPORTED_MODULE_5__/* .VERSION */ .x]],
        requestHandler: (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .requestHandler */ .O)(options.timeouts),
    });
    let current;
    let pending;
    const assume = async () => {
        let token;
        try {
            token = await fetchToken();
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH('Could not get a GitHub OIDC ID token to assume role-to-assume', {
                why: error instanceof Error ? error.message : String(error),
                fix: 'Give the job `permissions: id-token: write` (and contents: read), or drop role-to-assume and run aws-actions/configure-aws-credentials first.',
            });
        }
        const started = now();
        const out = await sts
            .send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_4__/* .AssumeRoleWithWebIdentityCommand */ .WH({
            RoleArn: role.roleArn,
            RoleSessionName: role.sessionName,
            WebIdentityToken: token,
            DurationSeconds: role.durationSeconds,
        }))
            .catch((error) => {
            // Allowed by the role's trust policy, not by docs/iam-policy.json: so not call().
            throw (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .translate */ .Tl)('sts:AssumeRoleWithWebIdentity', error);
        });
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH('sts:AssumeRoleWithWebIdentity returned no credentials', { fix: 'Check role-to-assume and its trust policy.' });
        const expiresAt = c.Expiration.getTime();
        const life = Math.max(0, expiresAt - started);
        const identity = {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
        };
        current = { identity, renewAt: expiresAt - Math.min(RENEW_BEFORE_MS, life / 2) };
        return identity;
    };
    return async () => {
        if (current && now() < current.renewAt)
            return current.identity;
        // Concurrent calls share one renewal.
        pending ??= assume().finally(() => (pending = undefined));
        return pending;
    };
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

/***/ 286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ requestHandler)
/* harmony export */ });
/* unused harmony export DEFAULT_TIMEOUTS */
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1279);

/**
 * Generous for AWS control-plane calls (they answer in well under a second), short enough that
 * a hung connection costs one retry, not the run. `throwOnRequestTimeout` matters: without it
 * the SDK only logs a warning and the request keeps hanging.
 */
const DEFAULT_TIMEOUTS = { connectMs: 5_000, requestMs: 30_000 };
/** The SDK's Node handler with timeouts that throw, and the run's abort signal on every request. */
class BoundedHandler extends _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_0__.NodeHttpHandler {
    signal;
    constructor(options, signal) {
        super(options);
        this.signal = signal;
    }
    handle(request, options = {}) {
        return super.handle(request, { ...options, abortSignal: options.abortSignal ?? this.signal });
    }
}
function requestHandler(timeouts = DEFAULT_TIMEOUTS, signal) {
    return new BoundedHandler({ connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true }, signal);
}


/***/ }),

/***/ 6671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ AlbTestListener)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(586);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);
/* harmony import */ var _engine_two_color_test_listener_guard_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4389);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(382);




/**
 * The listener a smoke step tests the idle color through, before any user traffic. Its
 * default action may start as anything (a fixed 503 response, say): writing weights makes its
 * final action a forward to those target groups, keeping authenticate actions before it.
 */
class AlbTestListener {
    target;
    elb;
    constructor(elb, listenerArn) {
        this.elb = elb;
        this.target = listenerArn;
    }
    async readWeights() {
        const forward = (await this.listener()).DefaultActions?.find((a) => a.Type === 'forward');
        return forward ? forwardWeights(forward) : {};
    }
    async writeWeights(weights) {
        const actions = (await this.listener()).DefaultActions ?? [];
        // Authentication runs before the final action; everything else is replaced by the forward.
        const kept = actions.filter((a) => a.Type?.startsWith('authenticate-'));
        const forward = {
            Type: 'forward',
            Order: Math.max(0, ...kept.map((a) => a.Order ?? 0)) + 1,
            ForwardConfig: { TargetGroups: Object.entries(weights).map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })) },
        };
        await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('elasticloadbalancing:ModifyListener', () => this.elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_3__/* .ModifyListenerCommand */ .ugc({ ListenerArn: this.target, DefaultActions: [...kept, forward] })));
    }
    /** Where the listener sends requests: every rule's forward, the default one included (DescribeRules lists it). */
    async routes() {
        const routes = [];
        let marker;
        do {
            const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('elasticloadbalancing:DescribeRules', () => this.elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeRulesCommand */ .Ggo({ ListenerArn: this.target, Marker: marker })));
            for (const rule of out.Rules ?? []) {
                const forward = rule.Actions?.find((a) => a.Type === 'forward');
                if (forward)
                    routes.push({ where: rule.IsDefault ? _engine_two_color_test_listener_guard_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_ACTION */ .fD : `rule ${rule.RuleArn}`, weights: forwardWeights(forward) });
            }
            marker = out.NextMarker;
        } while (marker);
        return routes;
    }
    /** `http://<load balancer DNS name>:<port>` (https for an HTTPS listener). */
    async url() {
        const listener = await this.listener();
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('elasticloadbalancing:DescribeLoadBalancers', () => this.elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeLoadBalancersCommand */ .AZi({ LoadBalancerArns: [listener.LoadBalancerArn] })));
        const dns = out.LoadBalancers?.[0]?.DNSName;
        if (!dns)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`The load balancer of test listener ${this.target} has no DNS name`);
        const scheme = listener.Protocol === 'HTTPS' ? 'https' : 'http';
        return `${scheme}://${dns}:${listener.Port}`;
    }
    async listener() {
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)('elasticloadbalancing:DescribeListeners', () => this.elb.send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeListenersCommand */ .AKE({ ListenerArns: [this.target] })));
        const listener = out.Listeners?.[0];
        if (!listener)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`Test listener ${this.target} not found`, { fix: 'Check test-listener-arn and the region.' });
        return listener;
    }
}
function forwardWeights(forward) {
    const groups = forward.ForwardConfig?.TargetGroups ?? (forward.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn }] : []);
    return Object.fromEntries(groups.map((g) => [g.TargetGroupArn, g.Weight ?? (groups.length === 1 ? 100 : 0)]));
}


/***/ }),

/***/ 4402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ SUITE),
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The suite's name and version in every AWS request's user agent (a test keeps it equal to package.json). */
const SUITE = 'ecs-progressive-delivery';
const VERSION = '0.1.0';


/***/ }),

/***/ 1058:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E_: () => (/* binding */ awsPorts),
  Rj: () => (/* binding */ roleSession),
  cm: () => (/* binding */ trafficGates),
  J3: () => (/* binding */ twoColorPlan),
  A_: () => (/* binding */ warnIfRunOutlivesCredentials)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
// EXTERNAL MODULE: ./shared/aws/call.ts
var call = __webpack_require__(382);
;// CONCATENATED MODULE: ./shared/aws/alarm-gate.ts



/** DescribeAlarms accepts at most 100 names per call. */
const MAX_NAMES = 100;
const clockTime = (ms) => new Date(ms).toISOString().slice(11, 19);
/**
 * How far an alarm's judgement reaches at `now`: an alarm evaluates closed periods, so data at
 * time t has been through all its evaluation periods by t + period × evaluation periods; a state
 * update after that is an evaluation that saw data up to its own time.
 */
function judgedUntil(now, updatedAt, periodSec, evaluationPeriods) {
    return Math.max(updatedAt ?? 0, now - periodSec * 1000 * evaluationPeriods);
}
/**
 * CloudWatch alarms: one DescribeAlarms per poll for all names; any in ALARM fails. A pass covers
 * the step only as far as every metric alarm's evaluation reaches (see judgedUntil).
 */
class AlarmGate {
    name = 'CloudWatch alarms';
    cloudwatch;
    alarmNames;
    advisory;
    constructor(cloudwatch, alarmNames, options = {}) {
        this.cloudwatch = cloudwatch;
        this.alarmNames = alarmNames;
        this.advisory = options.advisory ?? false;
        if (alarmNames.length > MAX_NAMES)
            throw new errors/* DeployError */.sH(`At most ${MAX_NAMES} alarms can be watched (got ${alarmNames.length})`);
    }
    async evaluate(window) {
        const now = window?.to ?? Date.now();
        const states = await this.states(now);
        const missing = this.alarmNames.filter((name) => !states.has(name));
        if (missing.length > 0) {
            throw new errors/* DeployError */.sH(`CloudWatch alarm(s) not found: ${missing.join(', ')}`, {
                fix: 'Check the `alarms` input: names are case-sensitive and must be in the same region.',
            });
        }
        const firing = [...states].filter(([, alarm]) => alarm.state === 'ALARM');
        const reaches = [...states.values()].flatMap((a) => (a.judgedUntil === undefined ? [] : [a.judgedUntil]));
        const judged = reaches.length > 0 ? Math.min(...reaches) : undefined;
        return [
            {
                ...(judged !== undefined && window ? { covered: { from: window.from, to: judged } } : {}),
                ...(this.advisory ? { advisory: true } : {}),
                gate: this.name,
                verdict: firing.length > 0 ? 'fail' : 'pass',
                observed: firing.length > 0
                    ? firing.map(([name, alarm]) => `${name} in ALARM: ${alarm.reason}`).join('; ')
                    : `${states.size} alarm(s) not in ALARM${judged !== undefined ? `, evaluated through ${clockTime(judged)}` : ''}`,
                threshold: 'none in ALARM',
            },
        ];
    }
    /** Also used by preflight: the alarm states by name. */
    async states(now = Date.now()) {
        const out = await (0,call/* call */.T1)('cloudwatch:DescribeAlarms', () => this.cloudwatch.send(new dist_cjs/* DescribeAlarmsCommand */.zWD({ AlarmNames: this.alarmNames, MaxRecords: MAX_NAMES })));
        const alarms = [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])];
        const composite = new Set((out.CompositeAlarms ?? []).map((a) => a.AlarmName));
        return new Map(alarms.map((a) => {
            const metric = composite.has(a.AlarmName) ? undefined : (out.MetricAlarms ?? []).find((m) => m.AlarmName === a.AlarmName);
            // Metric-math alarms carry their period on the queries.
            const period = metric?.Period ?? metric?.Metrics?.find((m) => m.MetricStat?.Period)?.MetricStat?.Period;
            const state = { state: a.StateValue ?? 'INSUFFICIENT_DATA', reason: a.StateReason ?? '' };
            if (period)
                state.judgedUntil = judgedUntil(now, a.StateUpdatedTimestamp?.getTime(), period, metric?.EvaluationPeriods ?? 1);
            return [a.AlarmName ?? '', state];
        }));
    }
}

;// CONCATENATED MODULE: ./shared/engine/gates/statistics.ts
/**
 * The two tests the baseline comparison uses, pure and small enough to check by hand.
 *
 * - Error rates: one-sided Fisher exact test on the 2×2 table (errors / other requests of the new
 *   and the live version). Exact at any count, so a handful of requests never fakes significance.
 *   Reference: Agresti, "Categorical Data Analysis", 3rd ed., §3.5.1 (hypergeometric tail).
 * - Latency: one-sided Mann–Whitney U test on the two series of per-period p95 values. Exact
 *   distribution when there are no ties and both series are short (≤ 20), otherwise the normal
 *   approximation with tie and continuity corrections. Reference: Mann & Whitney (1947);
 *   Hollander, Wolfe & Chicken, "Nonparametric Statistical Methods", 3rd ed., §4.1.
 */
/** ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, n = 9; Numerical Recipes 3rd ed., §6.1). */
const LANCZOS = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186, 12.507343278686905,
    -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
function logGamma(x) {
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    const z = x - 1;
    let a = LANCZOS[0];
    const t = z + 7.5;
    for (let i = 1; i < 9; i++)
        a += LANCZOS[i] / (z + i);
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
const logChoose = (n, k) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
/**
 * P(X ≥ a) for the new version's error count X under "both versions fail alike", given the table's
 * margins: the one-sided p-value that the new version errs more often than the live one.
 */
function fisherOneSided(newErrors, newTotal, liveErrors, liveTotal) {
    const total = newTotal + liveTotal;
    const errors = newErrors + liveErrors;
    const top = Math.min(errors, newTotal);
    const denominator = logChoose(total, newTotal);
    let p = 0;
    for (let x = newErrors; x <= top; x++) {
        p += Math.exp(logChoose(errors, x) + logChoose(total - errors, newTotal - x) - denominator);
    }
    return Math.min(1, p);
}
/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdf(z) {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
/** Number of orderings of n and m values giving U = u: f(n,m,u) = f(n−1,m,u−m) + f(n,m−1,u). */
function exactCounts(n, m) {
    // counts[i][j] is the distribution of U for sizes (i, j), built row by row.
    let previous = Array.from({ length: m + 1 }, () => [1]);
    for (let i = 1; i <= n; i++) {
        const row = [[1]];
        for (let j = 1; j <= m; j++) {
            const dist = new Array(i * j + 1).fill(0);
            previous[j].forEach((c, u) => (dist[u + j] += c));
            row[j - 1].forEach((c, u) => (dist[u] += c));
            row.push(dist);
        }
        previous = row;
    }
    return previous[m];
}
/**
 * One-sided Mann–Whitney U: the p-value that `larger` tends to exceed `smaller`.
 * U counts the pairs where the first series is above the second (ties count ½).
 */
function mannWhitneyGreater(larger, smaller) {
    const n = larger.length;
    const m = smaller.length;
    if (n === 0 || m === 0)
        return { u: 0, p: 1 };
    let u = 0;
    let ties = false;
    for (const a of larger)
        for (const b of smaller)
            u += a > b ? 1 : a === b ? ((ties = true), 0.5) : 0;
    if (!ties && n <= 20 && m <= 20) {
        const counts = exactCounts(n, m);
        const all = counts.reduce((s, c) => s + c, 0);
        const tail = counts.slice(u).reduce((s, c) => s + c, 0);
        return { u, p: tail / all };
    }
    // Normal approximation; the variance shrinks by the tie groups' t³ − t (Hollander et al. §4.1).
    const pooled = [...larger, ...smaller].sort((a, b) => a - b);
    let tieTerm = 0;
    for (let i = 0; i < pooled.length;) {
        let j = i;
        while (j < pooled.length && pooled[j] === pooled[i])
            j++;
        const t = j - i;
        tieTerm += t ** 3 - t;
        i = j;
    }
    const N = n + m;
    const variance = ((n * m) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
    if (variance <= 0)
        return { u, p: 1 };
    const z = (u - (n * m) / 2 - 0.5) / Math.sqrt(variance);
    return { u, p: 1 - normalCdf(z) };
}
/** The smallest p-value the exact test can reach with these sizes: below α, a verdict is possible. */
const mannWhitneySmallestP = (n, m) => {
    let ways = 1;
    for (let k = 1; k <= m; k++)
        ways = (ways * (n + k)) / k;
    return 1 / ways;
};
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

;// CONCATENATED MODULE: ./shared/engine/gates/metric-verdicts.ts

const time = (ms) => new Date(ms).toISOString().slice(11, 19);
const pct = (errors, requests) => (requests > 0 ? (errors / requests) * 100 : 0);
const sum = (xs, key) => xs.reduce((s, x) => s + x[key], 0);
/**
 * How far the evidence reaches: the end of the last whole period, counted from the first, for
 * which every color's datapoint has arrived or can no longer arrive (older than the delay: no
 * requests then). The current, partial period never covers anything.
 */
function coveredUntil(figures, from, now, periodMs, delayMs) {
    let until = from;
    for (let t = from; t + periodMs <= now; t += periodMs) {
        const settled = t + periodMs + delayMs <= now || figures.every((series) => series.some((p) => p.t === t));
        if (!settled)
            break;
        until = t + periodMs;
    }
    return until;
}
function judgeMetrics(figures, window, settings, compare) {
    const { minRequests, max5xxRate, maxP95LatencyMs, baseline } = settings;
    const colors = compare ? [figures.new, figures.live] : [figures.new];
    const covered = { from: window.from, to: coveredUntil(colors, window.from, window.now, settings.periodMs, settings.delayMs) };
    const requests = sum(figures.new, 'requests');
    const errors = sum(figures.new, 'errors');
    const liveRequests = sum(figures.live, 'requests');
    const liveErrors = sum(figures.live, 'errors');
    const scarce = requests < minRequests
        ? `only ${requests} request(s) on the new version by ${time(window.now)}, need ${minRequests}`
        : compare && liveRequests < minRequests
            ? `only ${liveRequests} request(s) on the live version, need ${minRequests}`
            : undefined;
    const common = { covered, ...(settings.advisory ? { advisory: true } : {}) };
    const results = [];
    const newP95s = figures.new.flatMap((p) => (p.p95Ms === undefined ? [] : [p.p95Ms]));
    const liveP95s = figures.live.flatMap((p) => (p.p95Ms === undefined ? [] : [p.p95Ms]));
    const rateText = `${pct(errors, requests).toFixed(2)}% (${errors}/${requests})`;
    const liveRateText = `${pct(liveErrors, liveRequests).toFixed(2)}% (${liveErrors}/${liveRequests})`;
    if (max5xxRate !== undefined) {
        const rate = pct(errors, requests);
        // A failing rate fails as soon as there is enough to compute it; a pass needs the minimum.
        const verdict = requests >= minRequests ? (rate > max5xxRate ? 'fail' : 'pass') : 'inconclusive';
        results.push({
            gate: '5xx rate',
            verdict,
            observed: verdict === 'inconclusive' ? (scarce ?? rateText) : rateText,
            threshold: `≤ ${max5xxRate}%`,
            ...(compare ? { baseline: liveRateText } : {}),
            limit: { metric: '5xx', value: max5xxRate },
            ...common,
        });
    }
    if (maxP95LatencyMs !== undefined) {
        // Percentiles of different periods do not combine: the worst period speaks for the step.
        const worst = Math.max(0, ...newP95s);
        const verdict = requests >= minRequests && newP95s.length > 0 ? (worst > maxP95LatencyMs ? 'fail' : 'pass') : 'inconclusive';
        results.push({
            gate: 'p95 latency',
            verdict,
            observed: verdict === 'inconclusive' ? (scarce ?? 'no p95 datapoint yet') : `${Math.round(worst)} ms (worst period)`,
            threshold: `≤ ${maxP95LatencyMs} ms`,
            ...(compare && liveP95s.length ? { baseline: `${Math.round(Math.max(...liveP95s))} ms` } : {}),
            limit: { metric: 'p95', value: maxP95LatencyMs },
            ...common,
        });
    }
    const alpha = 1 - (baseline?.confidence ?? 0.95);
    const confidence = `${Math.round((1 - alpha) * 1000) / 10}%`;
    if (compare && baseline?.max5xxIncreasePp !== undefined) {
        const margin = baseline.max5xxIncreasePp;
        const increase = pct(errors, requests) - pct(liveErrors, liveRequests);
        const p = scarce ? 1 : fisherOneSided(errors, requests, liveErrors, liveRequests);
        results.push({
            gate: '5xx rate vs live',
            verdict: scarce ? 'inconclusive' : p < alpha && increase > margin ? 'fail' : 'pass',
            observed: scarce ?? `${rateText}, ${increase >= 0 ? '+' : ''}${increase.toFixed(2)} pp, p = ${p.toPrecision(2)}`,
            baseline: liveRateText,
            threshold: `≤ +${margin} pp, or not worse at ${confidence} (one-sided Fisher exact)`,
            ...common,
        });
    }
    if (compare && baseline?.maxP95IncreasePercent !== undefined) {
        const margin = baseline.maxP95IncreasePercent;
        const livePeriods = new Map(figures.live.map((p) => [p.t, p.p95Ms]));
        // Only periods both colors served: the same window, the same load pattern.
        const paired = figures.new.filter((p) => p.p95Ms !== undefined && livePeriods.get(p.t) !== undefined);
        const ours = paired.map((p) => p.p95Ms);
        const theirs = paired.map((p) => livePeriods.get(p.t));
        const tooFew = mannWhitneySmallestP(ours.length, theirs.length) >= alpha;
        const increase = ours.length ? (median(ours) / median(theirs) - 1) * 100 : 0;
        const { p } = mannWhitneyGreater(ours, theirs);
        const waiting = scarce ?? (tooFew ? `only ${ours.length} period(s) with p95 in both colors: too few to judge at ${confidence}` : undefined);
        results.push({
            gate: 'p95 latency vs live',
            verdict: waiting ? 'inconclusive' : p < alpha && increase > margin ? 'fail' : 'pass',
            observed: waiting ?? `median p95 ${Math.round(median(ours))} ms, ${increase >= 0 ? '+' : ''}${increase.toFixed(1)}%, p = ${p.toPrecision(2)}`,
            baseline: theirs.length ? `median p95 ${Math.round(median(theirs))} ms` : 'no data',
            threshold: `≤ +${margin}%, or not worse at ${confidence} (one-sided Mann–Whitney U)`,
            ...common,
        });
    }
    const points = (role) => figures[role].map((p) => ({
        t: p.t,
        role,
        errorRate: pct(p.errors, p.requests),
        ...(p.p95Ms === undefined ? {} : { p95Ms: p.p95Ms }),
    }));
    if (results[0])
        results[0].points = [...points('new'), ...(compare ? points('live') : [])];
    return results;
}

;// CONCATENATED MODULE: ./shared/aws/alb-metrics-gate.ts



/** `arn:…:targetgroup/name/id` → `targetgroup/name/id`, the CloudWatch dimension value. */
const targetGroupDimension = (arn) => arn.slice(arn.indexOf('targetgroup/'));
/** A listener or rule ARN → `app/name/id`, the LoadBalancer dimension value. */
function loadBalancerDimension(listenerOrRuleArn) {
    const match = /:listener(?:-rule)?\/(app\/[^/]+\/[^/]+)\//.exec(listenerOrRuleArn);
    if (!match)
        throw new Error(`not an ALB listener or rule ARN: ${listenerOrRuleArn}`);
    return match[1];
}
/**
 * The ALB metrics of the new color (and of the live one, for baseline comparison), per period,
 * in one GetMetricData call: RequestCount, HTTPCode_Target_5XX_Count and, only when a latency
 * gate asks for it, the p95 of TargetResponseTime. The window starts at the step's first whole
 * period: the partial minute before it carries the previous step's weights.
 */
class AlbMetricsGate {
    name = 'ALB metrics';
    publishing;
    cloudwatch;
    loadBalancer;
    targetGroups;
    settings;
    constructor(cloudwatch, loadBalancer, targetGroups, settings) {
        this.cloudwatch = cloudwatch;
        this.loadBalancer = loadBalancer;
        this.settings = settings;
        this.targetGroups = {
            new: targetGroups.candidate,
            ...(settings.baseline && targetGroups.baseline ? { live: targetGroups.baseline } : {}),
        };
        this.publishing = { periodMs: settings.periodMs, delayMs: settings.delayMs };
    }
    get wantsP95() {
        return this.settings.maxP95LatencyMs !== undefined || this.settings.baseline?.maxP95IncreasePercent !== undefined;
    }
    async evaluate(window) {
        const periodMs = this.settings.periodMs;
        const start = Math.ceil(window.from / periodMs) * periodMs;
        const end = Math.ceil(window.to / periodMs) * periodMs;
        const roles = Object.keys(this.targetGroups);
        const figures = { new: [], live: [] };
        if (end > start) {
            const queries = roles.flatMap((role) => this.queries(role));
            const out = await (0,call/* call */.T1)('cloudwatch:GetMetricData', () => this.cloudwatch.send(new dist_cjs/* GetMetricDataCommand */.Soe({
                StartTime: new Date(start),
                EndTime: new Date(end),
                ScanBy: 'TimestampAscending',
                MetricDataQueries: queries,
            })));
            const series = (id) => {
                const result = (out.MetricDataResults ?? []).find((r) => r.Id === id);
                const times = result?.Timestamps ?? [];
                return new Map((result?.Values ?? []).map((v, i) => [times[i]?.getTime() ?? 0, v]));
            };
            for (const role of roles) {
                const requests = series(`${role}_requests`);
                const errors = series(`${role}_errors`);
                const p95 = series(`${role}_p95`);
                figures[role] = [...requests.keys()]
                    .sort((a, b) => a - b)
                    .map((t) => ({
                    t,
                    requests: requests.get(t),
                    // ALB publishes 5XX counts only for periods that had some.
                    errors: errors.get(t) ?? 0,
                    p95Ms: p95.has(t) ? p95.get(t) * 1000 : undefined,
                }));
            }
        }
        return judgeMetrics(figures, { from: start, now: window.to }, this.settings, roles.includes('live'));
    }
    queries(role) {
        const queries = [this.query(role, 'requests', 'RequestCount', 'Sum'), this.query(role, 'errors', 'HTTPCode_Target_5XX_Count', 'Sum')];
        if (this.wantsP95)
            queries.push(this.query(role, 'p95', 'TargetResponseTime', 'p95'));
        return queries;
    }
    query(role, id, metric, stat) {
        return {
            Id: `${role}_${id}`,
            ReturnData: true,
            MetricStat: {
                Metric: {
                    Namespace: 'AWS/ApplicationELB',
                    MetricName: metric,
                    Dimensions: [
                        { Name: 'TargetGroup', Value: targetGroupDimension(this.targetGroups[role]) },
                        { Name: 'LoadBalancer', Value: this.loadBalancer },
                    ],
                },
                Period: Math.max(1, Math.round(this.settings.periodMs / 1000)),
                Stat: stat,
            },
        };
    }
}

// EXTERNAL MODULE: ./shared/aws/alb-router.ts + 1 modules
var alb_router = __webpack_require__(1888);
// EXTERNAL MODULE: ./shared/aws/clients.ts
var clients = __webpack_require__(9032);
// EXTERNAL MODULE: ./shared/aws/ecs-fleet.ts + 1 modules
var ecs_fleet = __webpack_require__(4378);
// EXTERNAL MODULE: ./shared/constants.ts
var constants = __webpack_require__(2791);
// EXTERNAL MODULE: ./shared/inputs/common.ts
var common = __webpack_require__(1297);
// EXTERNAL MODULE: ./shared/inputs/gates.ts
var inputs_gates = __webpack_require__(3982);
// EXTERNAL MODULE: ./shared/inputs/role.ts
var inputs_role = __webpack_require__(7372);
;// CONCATENATED MODULE: ./shared/wiring.ts









/**
 * The run's AWS session (see awsSession). With role-to-assume the action gets its own renewing
 * credentials, and the post step is told the role (in the checkpoint) so it can too.
 */
function roleSession(values, checkpoint, signal) {
    const role = (0,inputs_role/* roleToAssume */.Y_)(values);
    if (role)
        checkpoint.save(constants/* State */.U.Role, JSON.stringify(role));
    return (0,clients/* awsSession */.y)({ region: values.region, maxRetries: values['max-retries'], role }, signal);
}
/**
 * The real ports: AWS adapters, and the clock, log and checkpoint the runner hands the run. Every
 * AWS call carries the run's cancel signal except those that put traffic back (`uncancellable`).
 */
function awsPorts(inputs, context) {
    const { clients, uncancellable } = roleSession(inputs, context.checkpoint, context.signal);
    return {
        clients,
        ports: {
            fleet: new ecs_fleet/* EcsFleet */.M(clients.ecs, inputs.cluster),
            router: new alb_router.AlbRouter(clients.elb, inputs.router.arn),
            uncancellable: {
                fleet: new ecs_fleet/* EcsFleet */.M(uncancellable.ecs, inputs.cluster),
                router: new alb_router.AlbRouter(uncancellable.elb, inputs.router.arn),
            },
            clock: context.clock,
            log: context.log,
            checkpoint: context.checkpoint,
            announce: context.announce,
        },
    };
}
/** The traffic gates the inputs ask for: the new version's target group, compared with the live one's when asked. */
function trafficGates(clients, routerArn, values) {
    const advisory = values['gates-dry-run'] === true;
    return (targets) => {
        const gates = [];
        if (values.alarms?.length)
            gates.push(new AlarmGate(clients.cloudwatch, values.alarms, { advisory }));
        if ((0,common/* metricGateAsked */.Mm)(values)) {
            gates.push(new AlbMetricsGate(clients.cloudwatch, loadBalancerDimension(routerArn), targets, {
                max5xxRate: values['max-5xx-rate'],
                maxP95LatencyMs: values['max-p95-latency'],
                minRequests: values['min-requests'],
                periodMs: values['metric-period'],
                delayMs: (0,inputs_gates/* metricDelay */.WA)(values),
                advisory,
                ...(values['compare-with-baseline']
                    ? {
                        baseline: {
                            max5xxIncreasePp: values['max-5xx-rate-increase'],
                            maxP95IncreasePercent: values['max-p95-latency-increase'],
                            confidence: (values.confidence ?? 95) / 100,
                        },
                    }
                    : {}),
            }));
        }
        return gates;
    };
}
/** What canary and blue-green are told, from the inputs they share. */
function twoColorPlan(values, clients) {
    return {
        cluster: values.cluster,
        services: { blue: values['blue-service'], green: values['green-service'] },
        bakeMs: values['bake-time'],
        // An inconclusive step may wait one more bake time for evidence unless told otherwise, and at
        // least until its last metric period can be published.
        extensionMs: values['inconclusive-timeout'] ??
            Math.max(values['bake-time'], (0,common/* metricGateAsked */.Mm)(values) ? (0,inputs_gates/* metricDelay */.WA)(values) + values['metric-period'] : 0),
        pollMs: values['poll-interval'],
        waitTimeoutMs: values['wait-timeout'],
        scaleDownPrevious: values['scale-down-previous'],
        takeover: values.takeover,
        gates: trafficGates(clients, values.router.arn, values),
    };
}
/** Warns at the start when the run can outlive credentials that do not renew (no role-to-assume). */
function warnIfRunOutlivesCredentials(values, timing, steps, log) {
    const warning = (0,inputs_role/* credentialLifetimeWarning */.ft)(values, (0,inputs_role/* longestRunMs */.wi)({ steps, ...timing }));
    if (warning)
        log.warn(warning);
}


/***/ })

};
