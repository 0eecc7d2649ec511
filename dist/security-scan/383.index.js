export const id = 383;
export const ids = [383];
export const modules = {

/***/ 3383:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  wire: () => (/* binding */ wire)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var client_cloudwatch_dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-load-balancing-v2/dist-cjs/index.js
var client_elastic_load_balancing_v2_dist_cjs = __webpack_require__(586);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
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

// EXTERNAL MODULE: ./shared/engine/security/ports.ts
var ports = __webpack_require__(7420);
;// CONCATENATED MODULE: ./shared/aws/ecr-scan.ts



const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[a-f0-9]{64}))?$/;
/** Pages of 1000 findings; past this the counts still tell the whole story. */
const MAX_PAGES = 10;
function parseEcrImage(image) {
    const match = ECR_IMAGE.exec(image);
    if (!match)
        return undefined;
    const [, registryId, region, repositoryName, tag, digest] = match;
    return { registryId: registryId, region: region, repositoryName: repositoryName, tag: digest ? undefined : (tag ?? 'latest'), digest };
}
const severity = (value) => (ports/* SEVERITIES */.o.includes(value) ? value : 'UNDEFINED');
/**
 * ECR's scan findings for an image reference, basic or enhanced (Inspector) scanning alike.
 * The registry's region may differ from the cluster's, so the client comes per region.
 */
class EcrScanner {
    clientFor;
    constructor(clientFor) {
        this.clientFor = clientFor;
    }
    async scan(image) {
        const ref = parseEcrImage(image);
        const empty = { digest: undefined, completedAt: undefined, counts: {}, findings: [] };
        if (!ref)
            return { ...empty, status: 'NOT_ECR', detail: 'not an ECR image; ECR cannot scan it' };
        const ecr = this.clientFor(ref.region);
        const pages = [];
        let nextToken;
        try {
            do {
                const out = await call('ecr:DescribeImageScanFindings', () => ecr.send(new dist_cjs/* DescribeImageScanFindingsCommand */.TQ0({
                    registryId: ref.registryId,
                    repositoryName: ref.repositoryName,
                    imageId: ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag },
                    maxResults: 1000,
                    nextToken,
                })));
                pages.push(out);
                nextToken = out.nextToken;
            } while (nextToken && pages.length < MAX_PAGES);
        }
        catch (error) {
            const code = awsErrorName(error);
            if (code === 'ScanNotFoundException' || code === 'ImageNotFoundException')
                return {
                    ...empty,
                    status: 'NO_SCAN',
                    detail: code === 'ScanNotFoundException' ? 'the image was never scanned' : 'the image is not in the repository',
                };
            throw error;
        }
        return toScan(pages);
    }
}
function toScan(pages) {
    const first = pages[0];
    const status = first.imageScanStatus?.status ?? 'FAILED';
    const findings = pages.flatMap((page) => [
        ...(page.imageScanFindings?.findings ?? []).map((f) => ({
            id: f.name ?? 'unnamed',
            severity: severity(f.severity),
            package: packageOf(f.attributes ?? []),
            uri: f.uri,
        })),
        ...(page.imageScanFindings?.enhancedFindings ?? []).map((f) => ({
            id: f.packageVulnerabilityDetails?.vulnerabilityId ?? f.title ?? 'unnamed',
            severity: severity(f.severity),
            package: f.packageVulnerabilityDetails?.vulnerablePackages?.map((p) => [p.name, p.version].filter(Boolean).join(' ')).join(', '),
            uri: f.packageVulnerabilityDetails?.sourceUrl,
        })),
    ]);
    const counted = first.imageScanFindings?.findingSeverityCounts;
    const counts = {};
    if (counted)
        for (const [name, n] of Object.entries(counted))
            counts[severity(name)] = (counts[severity(name)] ?? 0) + n;
    else
        for (const f of findings)
            counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    return {
        status: status === 'COMPLETE' || status === 'ACTIVE'
            ? 'COMPLETE'
            : status === 'IN_PROGRESS' || status === 'PENDING'
                ? 'IN_PROGRESS'
                : 'FAILED',
        detail: first.imageScanStatus?.description,
        digest: first.imageId?.imageDigest,
        completedAt: first.imageScanFindings?.imageScanCompletedAt,
        counts,
        findings,
    };
}
function packageOf(attributes) {
    const get = (key) => attributes.find((a) => a.key === key)?.value;
    const name = get('package_name');
    return name ? [name, get('package_version')].filter(Boolean).join(' ') : undefined;
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

;// CONCATENATED MODULE: ./shared/aws/ecs-fleet.ts




/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_BATCH = 10;
class EcsFleet extends EcsClusterAdapter {
    async describeServices(names) {
        const found = new Map();
        for (let i = 0; i < names.length; i += DESCRIBE_BATCH) {
            const batch = names.slice(i, i + DESCRIBE_BATCH);
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

;// CONCATENATED MODULE: ./shared/aws/ecs-task-images.ts


/** The container images a task definition revision runs. */
class EcsTaskImages {
    ecs;
    constructor(ecs) {
        this.ecs = ecs;
    }
    async images(taskDefinitionArn) {
        const out = await call('ecs:DescribeTaskDefinition', () => this.ecs.send(new client_ecs_dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: taskDefinitionArn })));
        return (out.taskDefinition?.containerDefinitions ?? []).flatMap((c) => (c.image ? [{ container: c.name ?? '', image: c.image }] : []));
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./actions/security-scan/github-issues.ts


/** GitHub issues of one repository, through the job's token (it needs `issues: write`). */
class GitHubIssues {
    octokit;
    repo;
    constructor(token, repository) {
        const [owner, repo] = repository.split('/');
        this.octokit = github/* getOctokit */.Q(token);
        this.repo = { owner: owner, repo: repo };
    }
    async openIssues(label) {
        const issues = await request('list issues', () => this.octokit.paginate(this.octokit.rest.issues.listForRepo, { ...this.repo, state: 'open', labels: label, per_page: 100 }));
        return issues.filter((i) => !i.pull_request).map(toIssue);
    }
    async create(title, body, label) {
        const out = await request('create an issue', () => this.octokit.rest.issues.create({ ...this.repo, title, body, labels: [label] }));
        return toIssue(out.data);
    }
    async update(number, title, body) {
        const out = await request('update an issue', () => this.octokit.rest.issues.update({ ...this.repo, issue_number: number, title, body }));
        return toIssue(out.data);
    }
}
const toIssue = (i) => ({
    number: i.number,
    url: i.html_url,
    title: i.title,
    body: i.body ?? '',
});
/** Rate limits and 5xx are worth retrying; a 403/404 needs the workflow's permissions fixed. */
async function request(what, send) {
    try {
        return await send();
    }
    catch (error) {
        const status = error.status ?? 0;
        const message = error instanceof Error ? error.message : String(error);
        if (status === 429 || status >= 500)
            throw new errors/* TransientError */.N_(`HTTP ${status}`, `GitHub: ${what}: ${message}`, error);
        throw new errors/* DeployError */.sH(`GitHub refused to ${what}: HTTP ${status} ${message}`, {
            fix: 'Give the job `permissions: issues: write` and pass its token as github-token.',
            cause: error,
        });
    }
}

;// CONCATENATED MODULE: ./actions/security-scan/wiring.ts






/** The only place security-scan builds adapters (loaded once the inputs are valid). */
function wire(inputs, context) {
    const settings = { region: inputs.region, maxRetries: inputs['max-retries'] };
    const clients = awsClients(settings);
    // Images may live in another region's registry: one ECR client per region.
    const ecr = new Map();
    const ecrFor = (region) => ecr.get(region) ?? ecr.set(region, new dist_cjs/* ECRClient */.S70(clientConfig({ ...settings, region }))).get(region);
    return {
        ports: {
            fleet: new EcsFleet(clients.ecs, inputs.cluster),
            taskDefinitions: new EcsTaskImages(clients.ecs),
            scanner: new EcrScanner(ecrFor),
            clock: context.clock,
            log: context.log,
        },
        issues: inputs['open-issues'] ? new GitHubIssues(inputs['github-token'], inputs.repository) : undefined,
    };
}


/***/ })

};
