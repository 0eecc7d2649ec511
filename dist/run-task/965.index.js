export const id = 965;
export const ids = [965];
export const modules = {

/***/ 7965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  tasksFor: () => (/* binding */ tasksFor),
  wire: () => (/* binding */ wire)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var client_cloudwatch_logs_dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/retry/index.js
var retry = __webpack_require__(3609);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
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
    return { ecs: new ECSClient(config), elb: new ElasticLoadBalancingV2Client(config), cloudwatch: new CloudWatchClient(config) };
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

;// CONCATENATED MODULE: ./shared/aws/cloudwatch-logs.ts



/**
 * Follows CloudWatch Logs streams with GetLogEvents: from the head, then with nextForwardToken,
 * which comes back unchanged when there is nothing newer. A stream the awslogs driver has not
 * created yet is "no events yet", not an error. One client per region (awslogs-region may differ).
 */
class CloudWatchLogStreams {
    clients = new Map();
    settings;
    make;
    constructor(settings, make = (s) => new client_cloudwatch_logs_dist_cjs/* CloudWatchLogsClient */.TFr(clientConfig(s))) {
        this.settings = settings;
        this.make = make;
    }
    async read(where, token) {
        const region = where.region ?? this.settings.region;
        let client = this.clients.get(region);
        if (!client) {
            client = this.make({ ...this.settings, region });
            this.clients.set(region, client);
        }
        try {
            const out = await call('logs:GetLogEvents', () => client.send(new client_cloudwatch_logs_dist_cjs/* GetLogEventsCommand */.h7S({ logGroupName: where.group, logStreamName: where.stream, startFromHead: true, nextToken: token })));
            return {
                events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '' })),
                nextToken: out.nextForwardToken ?? token ?? '',
            };
        }
        catch (error) {
            if (error.cause instanceof client_cloudwatch_logs_dist_cjs/* ResourceNotFoundException */.lBX)
                return undefined;
            throw error;
        }
    }
}

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

;// CONCATENATED MODULE: ./shared/aws/ecs-run-task.ts




/** StopTask keeps at most 255 characters of the reason. */
const MAX_REASON = 255;
function taskState(task) {
    return {
        arn: task.taskArn ?? '',
        lastStatus: task.lastStatus ?? 'UNKNOWN',
        desiredStatus: task.desiredStatus,
        stoppedReason: task.stoppedReason,
        stopCode: task.stopCode,
        createdAt: task.createdAt,
        startedAt: task.startedAt,
        stoppedAt: task.stoppedAt,
        containers: (task.containers ?? []).map((c) => ({
            name: c.name ?? '',
            lastStatus: c.lastStatus,
            exitCode: c.exitCode,
            reason: c.reason,
        })),
    };
}
/** One-off tasks on one cluster: RunTask, DescribeTasks, StopTask, and what they need to know first. */
class EcsRunTask extends EcsClusterAdapter {
    async registerTaskDefinition(document) {
        const out = await call('ecs:RegisterTaskDefinition', () => this.ecs.send(new dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(document)));
        const arn = out.taskDefinition?.taskDefinitionArn;
        if (!arn)
            throw new errors/* DeployError */.sH('RegisterTaskDefinition returned no task definition ARN');
        return arn;
    }
    async describeTaskDefinition(reference) {
        const out = await call('ecs:DescribeTaskDefinition', () => this.ecs.send(new dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: reference })));
        const definition = out.taskDefinition;
        if (!definition?.taskDefinitionArn)
            throw new errors/* DeployError */.sH(`Task definition ${reference} was not found`);
        return {
            arn: definition.taskDefinitionArn,
            networkMode: definition.networkMode,
            containers: (definition.containerDefinitions ?? []).map((c) => {
                const options = c.logConfiguration?.options ?? {};
                return {
                    name: c.name ?? '',
                    essential: c.essential !== false,
                    logs: c.logConfiguration?.logDriver === 'awslogs' && options['awslogs-group']
                        ? { group: options['awslogs-group'], streamPrefix: options['awslogs-stream-prefix'], region: options['awslogs-region'] }
                        : undefined,
                };
            }),
        };
    }
    async servicePlacement(service) {
        const out = await call('ecs:DescribeServices', () => this.ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster: this.cluster, services: [service] })));
        const found = out.services?.find((s) => s.status !== 'INACTIVE');
        if (!found) {
            const reason = out.failures?.[0]?.reason ?? (out.services?.length ? 'INACTIVE' : 'MISSING');
            throw new errors/* DeployError */.sH(`Service ${service} was not found in cluster ${this.cluster} (${reason})`, {
                fix: 'Fix network-from-service: it names the service whose network the task copies.',
            });
        }
        const vpc = found.networkConfiguration?.awsvpcConfiguration;
        const strategy = found.capacityProviderStrategy ?? [];
        return {
            awsvpc: vpc
                ? { subnets: vpc.subnets ?? [], securityGroups: vpc.securityGroups ?? [], assignPublicIp: vpc.assignPublicIp }
                : undefined,
            ...(strategy.length > 0
                ? {
                    capacityProviderStrategy: strategy.map((s) => ({ capacityProvider: s.capacityProvider ?? '', weight: s.weight, base: s.base })),
                }
                : { launchType: found.launchType }),
        };
    }
    async runTask(request) {
        const { placement, override } = request;
        const out = await call('ecs:RunTask', () => this.ecs.send(new dist_cjs/* RunTaskCommand */._eD({
            cluster: this.cluster,
            taskDefinition: request.taskDefinitionArn,
            count: 1,
            startedBy: request.startedBy,
            clientToken: request.clientToken,
            launchType: placement.launchType,
            capacityProviderStrategy: placement.capacityProviderStrategy,
            networkConfiguration: placement.awsvpc ? { awsvpcConfiguration: placement.awsvpc } : undefined,
            overrides: override
                ? {
                    containerOverrides: [
                        {
                            name: override.container,
                            command: override.command,
                            environment: override.environment && Object.entries(override.environment).map(([name, value]) => ({ name, value })),
                        },
                    ],
                }
                : undefined,
        })));
        const task = out.tasks?.[0];
        if (task)
            return { task: taskState(task) };
        return { failures: (out.failures ?? []).map((f) => ({ arn: f.arn, reason: f.reason, detail: f.detail })) };
    }
    async describeTask(taskArn) {
        const out = await call('ecs:DescribeTasks', () => this.ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster: this.cluster, tasks: [taskArn] })));
        const task = out.tasks?.[0];
        return task ? taskState(task) : undefined;
    }
    async stopTask(taskArn, reason) {
        await call('ecs:StopTask', () => this.ecs.send(new dist_cjs/* StopTaskCommand */.PP1({ cluster: this.cluster, task: taskArn, reason: reason.slice(0, MAX_REASON) })));
    }
}

// EXTERNAL MODULE: ./shared/github/actions-log.ts
var actions_log = __webpack_require__(7100);
;// CONCATENATED MODULE: ./actions/run-task/wiring.ts






/** The only place run-task builds adapters (loaded once the inputs are valid). */
function wire(inputs, context) {
    const settings = { region: inputs.region, maxRetries: inputs['max-retries'] };
    return {
        tasks: new EcsRunTask(new dist_cjs/* ECSClient */.Zgc(clientConfig(settings)), inputs.cluster),
        logs: new CloudWatchLogStreams(settings),
        clock: context.clock,
        log: context.log,
        // The task's log lines go into one collapsible group of the job log.
        sink: (0,actions_log/* actionsSink */.l7)(lib_core),
        checkpoint: context.checkpoint,
    };
}
/** The post step's adapter, from the saved cluster and region. */
const tasksFor = (region, cluster) => new EcsRunTask(new dist_cjs/* ECSClient */.Zgc(clientConfig({ region, maxRetries: 6 })), cluster);


/***/ })

};
