export const id = 254;
export const ids = [254];
export const modules = {

/***/ 7254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  wire: () => (/* binding */ wire)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var client_cloudwatch_dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/retry/index.js
var retry = __webpack_require__(3609);
;// CONCATENATED MODULE: ./shared/aws/call.ts


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
    return (operation) => new errors/* DeployError */.sH(`${operation} failed: the endpoint answered HTTP ${status} (${type}) that is not an AWS response`, {
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
        throw call_translate(operation, error);
    }
}
/** The AWS error code (the SDK error's name) behind an error call() threw; '' when there is none. */
function awsErrorName(error) {
    return error instanceof Error && error.cause instanceof Error ? error.cause.name : '';
}
function call_translate(operation, error) {
    if (!(error instanceof Error))
        return new errors/* DeployError */.sH(`${operation} failed: ${String(error)}`);
    // The run's abort signal reached the request (see clients.ts): a cancel, not an AWS failure.
    if (error.name === 'AbortError')
        return new errors/* CancelledError */.cc();
    const sdk = error;
    const foreign = foreignAnswer(sdk);
    if (foreign)
        return foreign(operation);
    const code = sdk.name || sdk.Code || 'Error';
    if ((0,retry.isThrottlingError)(sdk) || (0,retry.isTransientError)(sdk) || (0,retry.isServerError)(sdk)) {
        return new errors/* TransientError */.N_(code, `${operation}: ${error.message}`, error);
    }
    const requestId = sdk.$metadata?.requestId ? ` (request ${sdk.$metadata.requestId})` : '';
    return new errors/* DeployError */.sH(`${operation} failed: ${code}: ${error.message}${requestId}`, {
        fix: EXPIRED.test(code)
            ? 'The AWS credentials expired during the run: give role-to-assume (the action then renews them itself), or a longer role-duration-seconds.'
            : DENIED.test(`${code} ${error.message}`)
                ? `Allow the action ${operation} in the role's IAM policy (see docs/iam-policy.json).`
                : undefined,
        cause: error,
    });
}

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
        const out = await call('cloudwatch:DescribeAlarms', () => this.cloudwatch.send(new client_cloudwatch_dist_cjs/* DescribeAlarmsCommand */.zWD({ AlarmNames: this.alarmNames, MaxRecords: MAX_NAMES })));
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-load-balancing-v2/dist-cjs/index.js
var client_elastic_load_balancing_v2_dist_cjs = __webpack_require__(586);
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
        const out = await call('elasticloadbalancing:DescribeTargetHealth', () => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeTargetHealthCommand */.qyg({ TargetGroupArn: targetGroupArn })));
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
        await call('elasticloadbalancing:DeregisterTargets', () => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs/* DeregisterTargetsCommand */.Atx({ TargetGroupArn: targetGroupArn, Targets: targets.map(description) })));
    }
    async register(targetGroupArn, targets) {
        await call('elasticloadbalancing:RegisterTargets', () => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs/* RegisterTargetsCommand */.PE6({ TargetGroupArn: targetGroupArn, Targets: targets.map(description) })));
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
            await call('elasticloadbalancing:ModifyRule', () => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs/* ModifyRuleCommand */.y5P({ RuleArn: this.target, Actions: rewritten })));
        }
        else {
            await call('elasticloadbalancing:ModifyListener', () => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs/* ModifyListenerCommand */.ugc({ ListenerArn: this.target, DefaultActions: rewritten })));
        }
    }
    /** The weighted target groups' health (one adapter reads it: ElbTargets). */
    targetHealth(targetGroupArn) {
        return new ElbTargets(this.elb).targetHealth(targetGroupArn);
    }
    async readActions() {
        if (this.isRule) {
            const out = await call('elasticloadbalancing:DescribeRules', () => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeRulesCommand */.Ggo({ RuleArns: [this.target] })));
            return out.Rules?.[0]?.Actions ?? [];
        }
        const out = await call('elasticloadbalancing:DescribeListeners', () => this.elb.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeListenersCommand */.AKE({ ListenerArns: [this.target] })));
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(1279);
;// CONCATENATED MODULE: ./shared/aws/http.ts

/**
 * Generous for AWS control-plane calls (they answer in well under a second), short enough that
 * a hung connection costs one retry, not the run. `throwOnRequestTimeout` matters: without it
 * the SDK only logs a warning and the request keeps hanging.
 */
const DEFAULT_TIMEOUTS = { connectMs: 5_000, requestMs: 30_000 };
/** The SDK's Node handler with timeouts that throw, and the run's abort signal on every request. */
class BoundedHandler extends node_http_handler_dist_cjs.NodeHttpHandler {
    signal;
    constructor(options, signal) {
        super(options);
        this.signal = signal;
    }
    handle(request, options = {}) {
        return super.handle(request, { ...options, abortSignal: options.abortSignal ?? this.signal });
    }
}
function http_requestHandler(timeouts = DEFAULT_TIMEOUTS, signal) {
    return new BoundedHandler({ connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true }, signal);
}

;// CONCATENATED MODULE: ./shared/aws/credentials.ts
/**
 * Credentials that last the run: a GitHub OIDC ID token exchanged for a role session with STS
 * AssumeRoleWithWebIdentity, renewed (with a fresh ID token) before the session expires, so a
 * canary that bakes for hours keeps working. One provider is shared by every client of a run.
 */






/** Audience the AWS IAM OIDC provider for GitHub expects. */
const STS_AUDIENCE = 'sts.amazonaws.com';
/** The ID token from the Actions runtime (ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN, `id-token: write`). */
const githubIdToken = () => core.getIDToken(STS_AUDIENCE);
/** Renew this long before expiry, or at half the session's life when sessions are short. */
const RENEW_BEFORE_MS = (/* unused pure expression or super */ null && (5 * 60_000));
function credentials_webIdentityCredentials(role, options) {
    const fetchToken = options.fetchToken ?? githubIdToken;
    const now = options.now ?? Date.now;
    // Not tied to the run's abort signal: a restore after a cancel may need a fresh session.
    const sts = new STSClient({
        region: options.region,
        maxAttempts: 4,
        customUserAgent: [[SUITE, VERSION]],
        requestHandler: requestHandler(options.timeouts),
    });
    let current;
    let pending;
    const assume = async () => {
        let token;
        try {
            token = await fetchToken();
        }
        catch (error) {
            throw new DeployError('Could not get a GitHub OIDC ID token to assume role-to-assume', {
                why: error instanceof Error ? error.message : String(error),
                fix: 'Give the job `permissions: id-token: write` (and contents: read), or drop role-to-assume and run aws-actions/configure-aws-credentials first.',
            });
        }
        const started = now();
        const out = await sts
            .send(new AssumeRoleWithWebIdentityCommand({
            RoleArn: role.roleArn,
            RoleSessionName: role.sessionName,
            WebIdentityToken: token,
            DurationSeconds: role.durationSeconds,
        }))
            .catch((error) => {
            // Allowed by the role's trust policy, not by docs/iam-policy.json: so not call().
            throw translate('sts:AssumeRoleWithWebIdentity', error);
        });
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
            throw new DeployError('sts:AssumeRoleWithWebIdentity returned no credentials', { fix: 'Check role-to-assume and its trust policy.' });
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

;// CONCATENATED MODULE: ./shared/version.ts
/** The suite's name and version in every AWS request's user agent (a test keeps it equal to package.json). */
const version_SUITE = 'ecs-progressive-delivery';
const version_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./shared/aws/clients.ts






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
        customUserAgent: [[version_SUITE, version_VERSION]],
        requestHandler: http_requestHandler(settings.timeouts, settings.signal),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
    };
}
function awsClients(settings) {
    const config = clientConfig(settings);
    return { ecs: new client_ecs_dist_cjs/* ECSClient */.Zgc(config), elb: new client_elastic_load_balancing_v2_dist_cjs/* ElasticLoadBalancingV2Client */.MlD(config), cloudwatch: new client_cloudwatch_dist_cjs/* CloudWatchClient */.WBn(config) };
}
/**
 * One run's AWS access: clients that carry the run's abort signal, and the same clients without
 * it (bounded by timeouts only) for what must go through after a cancel: putting traffic back.
 * With a role, both share one renewing credentials provider.
 */
function awsSession(settings, signal) {
    const credentials = settings.role ? webIdentityCredentials(settings.role, { region: settings.region }) : undefined;
    const base = { region: settings.region, maxRetries: settings.maxRetries, credentials };
    return { clients: awsClients({ ...base, signal }), uncancellable: awsClients(base) };
}

// EXTERNAL MODULE: ./shared/engine/preflight/ports.ts
var ports = __webpack_require__(6529);
;// CONCATENATED MODULE: ./shared/aws/ecr-registry.ts




/** How many of the worst findings to name in the evidence. */
const TOP_FINDINGS = 5;
const rank = (severity) => {
    const i = ports/* SEVERITIES */.o.indexOf((severity ?? ''));
    return i < 0 ? ports/* SEVERITIES */.o.length : i;
};
/**
 * ECR in the image's own region (the URI says which), which may differ from the deployment's.
 * `clientFor(region)` builds a client per region with the suite's settings.
 */
class EcrRegistry {
    clientFor;
    clients = new Map();
    constructor(clientFor) {
        this.clientFor = clientFor;
    }
    async findImage(image) {
        const ecr = this.client(image.region);
        try {
            const out = await call('ecr:DescribeImages', () => ecr.send(new dist_cjs/* DescribeImagesCommand */.ji5({ registryId: image.registryId, repositoryName: image.repository, imageIds: [imageId(image)] })));
            const detail = out.imageDetails?.[0];
            if (!detail?.imageDigest)
                return undefined;
            return { digest: detail.imageDigest, tags: detail.imageTags ?? [], pushedAt: detail.imagePushedAt };
        }
        catch (error) {
            if (awsErrorName(error) === 'ImageNotFoundException')
                return undefined;
            if (awsErrorName(error) === 'RepositoryNotFoundException') {
                throw new errors/* DeployError */.sH(`ECR repository ${image.repository} does not exist in registry ${image.registryId} (${image.region})`, {
                    fix: 'Check the image URI: the account, the region and the repository name.',
                });
            }
            throw error;
        }
    }
    async scanFindings(image, digest) {
        const ecr = this.client(image.region);
        try {
            const out = await call('ecr:DescribeImageScanFindings', () => ecr.send(new dist_cjs/* DescribeImageScanFindingsCommand */.TQ0({
                registryId: image.registryId,
                repositoryName: image.repository,
                imageId: { imageDigest: digest },
                maxResults: 100,
            })));
            const findings = out.imageScanFindings;
            const basic = (findings?.findings ?? []).map((f) => ({
                name: f.name ?? 'finding',
                severity: f.severity ?? 'UNDEFINED',
                where: f.attributes?.find((a) => a.key === 'package_name')?.value,
            }));
            const enhanced = (findings?.enhancedFindings ?? []).map((f) => ({
                name: f.packageVulnerabilityDetails?.vulnerabilityId ?? f.title ?? 'finding',
                severity: f.severity ?? 'UNDEFINED',
                where: f.packageVulnerabilityDetails?.vulnerablePackages?.[0]?.name,
            }));
            return {
                status: out.imageScanStatus?.status ?? 'NONE',
                description: out.imageScanStatus?.description,
                completedAt: findings?.imageScanCompletedAt,
                counts: findings?.findingSeverityCounts ?? {},
                top: [...basic, ...enhanced].sort((a, b) => rank(a.severity) - rank(b.severity)).slice(0, TOP_FINDINGS),
            };
        }
        catch (error) {
            if (awsErrorName(error) === 'ScanNotFoundException')
                return { status: 'NONE', description: undefined, completedAt: undefined, counts: {}, top: [] };
            throw error;
        }
    }
    client(region) {
        let client = this.clients.get(region);
        if (!client) {
            client = this.clientFor(region);
            this.clients.set(region, client);
        }
        return client;
    }
}
const imageId = (image) => (image.digest ? { imageDigest: image.digest } : { imageTag: image.tag });

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

;// CONCATENATED MODULE: ./shared/aws/pages.ts

/**
 * The most pages one listing reads. A token that never ends (an API bug, a proxy looping, a
 * sandbox gone wrong) must not keep a deployment calling forever: 100 pages of 100 is 10,000
 * items, twice ECS's 5,000 tasks per service.
 */
const MAX_PAGES = 100;
/** Every item of a paginated listing, read page by page; more than MAX_PAGES pages is an error. */
async function allPages(operation, page, maxPages = MAX_PAGES) {
    const items = [];
    let token;
    for (let read = 0; read < maxPages; read++) {
        const out = await page(token);
        items.push(...(out.items ?? []));
        token = out.next;
        if (!token)
            return items;
    }
    throw new errors/* DeployError */.sH(`${operation} returned more than ${maxPages} pages: stopped reading`, {
        why: `${items.length} items read so far; the listing is capped at ${maxPages} pages`,
        fix: 'Check the cluster for a runaway number of tasks or instances, or retry: a pagination token that never ends is an AWS-side problem.',
    });
}

;// CONCATENATED MODULE: ./shared/aws/ecs-capacity.ts





/** The built-in providers DescribeCapacityProviders need not be asked about. */
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);
/** DescribeContainerInstances takes at most 100 instances per call. */
const DESCRIBE_BATCH = 100;
class EcsCapacity extends EcsClusterAdapter {
    async placement(service) {
        const out = await call('ecs:DescribeServices', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.cluster, services: [service] })));
        const found = out.services?.[0];
        if (!found)
            throw new errors/* DeployError */.sH(`ECS service ${service} not found in cluster ${this.cluster}`);
        const strategy = (found.capacityProviderStrategy ?? []).map((s) => s.capacityProvider ?? '').filter(Boolean);
        if (found.launchType || strategy.length > 0)
            return { launchType: found.launchType, capacityProviders: strategy };
        const clusters = await call('ecs:DescribeClusters', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeClustersCommand */._2_({ clusters: [this.cluster] })));
        const defaults = (clusters.clusters?.[0]?.defaultCapacityProviderStrategy ?? []).map((s) => s.capacityProvider ?? '').filter(Boolean);
        // Neither a launch type nor a strategy anywhere: ECS falls back to the EC2 launch type.
        return defaults.length > 0 ? { launchType: undefined, capacityProviders: defaults } : { launchType: 'EC2', capacityProviders: [] };
    }
    async capacityProviders(names) {
        const builtIn = names
            .filter((n) => FARGATE_PROVIDERS.has(n))
            .map((name) => ({ name, kind: 'FARGATE', managedScaling: true, status: 'ACTIVE' }));
        const custom = names.filter((n) => !FARGATE_PROVIDERS.has(n));
        if (custom.length === 0)
            return builtIn;
        const out = await call('ecs:DescribeCapacityProviders', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeCapacityProvidersCommand */.bso({ capacityProviders: custom })));
        return [
            ...builtIn,
            ...(out.capacityProviders ?? []).map((p) => ({
                name: p.name ?? '',
                kind: 'EC2',
                managedScaling: p.autoScalingGroupProvider?.managedScaling?.status === 'ENABLED',
                status: p.status ?? '',
            })),
        ];
    }
    async containerInstances() {
        const arns = await allPages('ListContainerInstances', async (nextToken) => {
            const page = await call('ecs:ListContainerInstances', () => this.ecs.send(new client_ecs_dist_cjs/* ListContainerInstancesCommand */.$lF({ cluster: this.cluster, status: 'ACTIVE', nextToken })));
            return { items: page.containerInstanceArns, next: page.nextToken };
        });
        const instances = [];
        for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
            const out = await call('ecs:DescribeContainerInstances', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeContainerInstancesCommand */.QUW({ cluster: this.cluster, containerInstances: arns.slice(i, i + DESCRIBE_BATCH) })));
            for (const ci of out.containerInstances ?? []) {
                // Instances whose agent is disconnected take no new tasks.
                if (ci.agentConnected === false)
                    continue;
                instances.push({
                    id: ci.ec2InstanceId ?? ci.containerInstanceArn ?? '',
                    capacityProvider: ci.capacityProviderName,
                    remainingCpu: amount(ci.remainingResources, 'CPU'),
                    remainingMemory: amount(ci.remainingResources, 'MEMORY'),
                });
            }
        }
        return instances;
    }
}
const amount = (resources, name) => resources?.find((r) => r.name === name)?.integerValue ?? 0;

;// CONCATENATED MODULE: ./shared/aws/ecs-fleet.ts




/** DescribeServices takes at most 10 services per call. */
const ecs_fleet_DESCRIBE_BATCH = 10;
class EcsFleet extends EcsClusterAdapter {
    async describeServices(names) {
        const found = new Map();
        for (let i = 0; i < names.length; i += ecs_fleet_DESCRIBE_BATCH) {
            const batch = names.slice(i, i + ecs_fleet_DESCRIBE_BATCH);
            const out = await call('ecs:DescribeServices', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.cluster, services: batch })));
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
        const out = await call('ecs:RegisterTaskDefinition', () => this.ecs.send(new client_ecs_dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(document)));
        return out.taskDefinition.taskDefinitionArn;
    }
    async resolveTaskDefinition(reference) {
        const out = await call('ecs:DescribeTaskDefinition', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: reference })));
        return out.taskDefinition.taskDefinitionArn;
    }
    async deploy(service, taskDefinition, desiredCount) {
        const out = await call('ecs:UpdateService', () => this.ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, taskDefinition, desiredCount, forceNewDeployment: true })));
        const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
        if (!primary?.id)
            throw new errors/* DeployError */.sH(`UpdateService on ${service} returned no PRIMARY deployment`);
        return primary.id;
    }
    async scale(service, desiredCount) {
        await call('ecs:UpdateService', () => this.ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, desiredCount })));
    }
    async stoppedTasks(service, limit) {
        const list = await call('ecs:ListTasks', () => this.ecs.send(new client_ecs_dist_cjs/* ListTasksCommand */.MYg({ cluster: this.cluster, serviceName: service, desiredStatus: 'STOPPED', maxResults: limit })));
        if (!list.taskArns?.length)
            return [];
        const out = await call('ecs:DescribeTasks', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeTasksCommand */.z8X({ cluster: this.cluster, tasks: list.taskArns })));
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
        this.fleet = new EcsFleet(ecs, cluster);
    }
    async describeService(service) {
        const out = await call('ecs:DescribeServices', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.cluster, services: [service] })));
        const found = out.services?.find((s) => s.status === 'ACTIVE');
        if (!found)
            throw new errors/* DeployError */.sH(`ECS service ${service} not found or not ACTIVE in cluster ${this.cluster}`, {
                why: (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
                fix: 'Check the service name, the cluster and the region.',
            });
        return toNativeService(found);
    }
    ruleWeights(ruleArn) {
        return new AlbRouter(this.elb, ruleArn).readWeights();
    }
    registerTaskDefinition(document) {
        return this.fleet.registerTaskDefinition(document);
    }
    resolveTaskDefinition(reference) {
        return this.fleet.resolveTaskDefinition(reference);
    }
    async startDeployment(service, taskDefinition, configuration) {
        const deploymentConfiguration = configuration ? toSdkConfiguration(configuration.base, configuration.settings) : undefined;
        const out = await call('ecs:UpdateService', () => this.ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, taskDefinition, deploymentConfiguration })));
        return out.service?.currentServiceDeployment;
    }
    async listDeployments(service, statuses) {
        const out = await call('ecs:ListServiceDeployments', () => this.ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({
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
        const out = await call('ecs:DescribeServiceDeployments', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeServiceDeploymentsCommand */.A6p({ serviceDeploymentArns: [arn] })));
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
        await call('ecs:ContinueServiceDeployment', () => this.ecs.send(new client_ecs_dist_cjs/* ContinueServiceDeploymentCommand */.LrH({ serviceDeploymentArn: arn, hookId, action })));
    }
    async rollbackDeployment(arn) {
        await call('ecs:StopServiceDeployment', () => this.ecs.send(new client_ecs_dist_cjs/* StopServiceDeploymentCommand */.a8L({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })));
    }
    async restoreConfiguration(service, snapshot) {
        const original = JSON.parse(snapshot);
        // Fields left out keep their current value: an added hook or strategy must be overwritten explicitly.
        const deploymentConfiguration = {
            ...original,
            strategy: original.strategy ?? 'ROLLING',
            lifecycleHooks: original.lifecycleHooks ?? [],
        };
        await call('ecs:UpdateService', () => this.ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({ cluster: this.cluster, service, deploymentConfiguration })));
    }
    stoppedTasks(service, limit) {
        return this.fleet.stoppedTasks(service, limit);
    }
    async taskDefinitionOf(revisionArn) {
        if (!this.revisions.has(revisionArn)) {
            const out = await call('ecs:DescribeServiceRevisions', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: [revisionArn] })));
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

;// CONCATENATED MODULE: ./shared/aws/ecs-task-definitions.ts


class EcsTaskDefinitions {
    ecs;
    constructor(ecs) {
        this.ecs = ecs;
    }
    async describe(reference) {
        const out = await call('ecs:DescribeTaskDefinition', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: reference })));
        const td = out.taskDefinition;
        return {
            arn: td.taskDefinitionArn ?? reference,
            family: td.family ?? '',
            revision: td.revision ?? 0,
            status: td.status ?? 'ACTIVE',
            document: td,
        };
    }
    async activeRevisions(family, limit) {
        const out = await call('ecs:ListTaskDefinitions', () => this.ecs.send(new client_ecs_dist_cjs/* ListTaskDefinitionsCommand */.Pse({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', maxResults: limit })));
        // familyPrefix matches web-worker too when asking for web.
        return (out.taskDefinitionArns ?? []).filter((arn) => arn.split('/').pop()?.replace(/:\d+$/, '') === family);
    }
}

;// CONCATENATED MODULE: ./shared/aws/fargate-usage.ts


/** Usage metrics are published each minute; a short look-back finds the latest point. */
const LOOKBACK_MS = 15 * 60_000;
/**
 * Fargate On-Demand vCPU in use (AWS/Usage ResourceCount) and its quota, in one GetMetricData
 * call: the SERVICE_QUOTA() metric math function reads the quota that applies to the metric.
 */
class CloudWatchFargateUsage {
    cloudwatch;
    clock;
    constructor(cloudwatch, clock) {
        this.cloudwatch = cloudwatch;
        this.clock = clock;
    }
    async vcpu() {
        const end = new Date(Math.floor(this.clock.now() / 60_000) * 60_000);
        const out = await call('cloudwatch:GetMetricData', () => this.cloudwatch.send(new client_cloudwatch_dist_cjs/* GetMetricDataCommand */.Soe({
            StartTime: new Date(end.getTime() - LOOKBACK_MS),
            EndTime: end,
            ScanBy: 'TimestampDescending',
            MetricDataQueries: [
                {
                    Id: 'usage',
                    ReturnData: true,
                    MetricStat: {
                        Metric: {
                            Namespace: 'AWS/Usage',
                            MetricName: 'ResourceCount',
                            Dimensions: [
                                { Name: 'Service', Value: 'Fargate' },
                                { Name: 'Type', Value: 'Resource' },
                                { Name: 'Resource', Value: 'vCPU' },
                                { Name: 'Class', Value: 'Standard/OnDemand' },
                            ],
                        },
                        Period: 60,
                        Stat: 'Maximum',
                    },
                },
                { Id: 'quota', ReturnData: true, Expression: 'SERVICE_QUOTA(usage)' },
            ],
        })));
        const latest = (id) => out.MetricDataResults?.find((r) => r.Id === id)?.Values?.[0];
        const used = latest('usage');
        const quota = latest('quota');
        return used === undefined || quota === undefined ? undefined : { used, quota };
    }
}

;// CONCATENATED MODULE: ./shared/aws/sts-identity.ts


/** STS GetCallerIdentity: needs no IAM permission, so it works with any valid credentials. */
class StsIdentity {
    sts;
    constructor(sts) {
        this.sts = sts;
    }
    async whoAmI() {
        const out = await call('sts:GetCallerIdentity', () => this.sts.send(new client_sts_dist_cjs/* GetCallerIdentityCommand */.zI({})));
        return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    }
}

;// CONCATENATED MODULE: ./actions/preflight/wiring.ts













/** The only place preflight builds adapters. Clients are cheap to build; only the checks that run call AWS. */
function wire(inputs, context) {
    const settings = { region: inputs.region, maxRetries: inputs.maxRetries };
    const clients = awsClients(settings);
    const cluster = inputs.cluster ?? 'default';
    return {
        identity: new StsIdentity(new client_sts_dist_cjs/* STSClient */.iM(clientConfig(settings))),
        registry: new EcrRegistry((region) => new dist_cjs/* ECRClient */.S70(clientConfig({ ...settings, region }))),
        taskDefinitions: new EcsTaskDefinitions(clients.ecs),
        capacity: new EcsCapacity(clients.ecs, cluster),
        fargate: new CloudWatchFargateUsage(clients.cloudwatch, context.clock),
        alarms: new AlarmGate(clients.cloudwatch, inputs.plan.alarms ?? []),
        fleet: new EcsFleet(clients.ecs, cluster),
        targets: new ElbTargets(clients.elb),
        router: inputs.router ? new AlbRouter(clients.elb, inputs.router) : undefined,
        native: inputs.plan.scope?.kind === 'single' ? new EcsServiceDeployments(clients.ecs, clients.elb, cluster) : undefined,
        clock: context.clock,
        log: context.log,
    };
}


/***/ })

};
