export const id = 570;
export const ids = [570];
export const modules = {

/***/ 6570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploymentRecord: () => (/* binding */ deploymentRecord),
  withDeploymentRecord: () => (/* binding */ withDeploymentRecord)
});

// UNUSED EXPORTS: closeLeftRecord

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./shared/constants.ts
var constants = __webpack_require__(2791);
// EXTERNAL MODULE: ./shared/github/actions-log.ts
var actions_log = __webpack_require__(7100);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
;// CONCATENATED MODULE: ./shared/engine/record.ts
/**
 * The deployment record: every canary, blue-green and rollback run as one entry in the
 * history of an environment (GitHub Deployments in the action, a list in tests). It is how
 * `rollback` with `to: last-successful` finds the last verified-good task definition.
 */
/** An ARN's partition, region and account, e.g. of a service the run reads from ECS. */
function arnLocation(arn) {
    const match = /^arn:(aws[a-z-]*):[a-z0-9-]+:([a-z0-9-]+):(\d{12}):/.exec(arn);
    return match ? { partition: match[1], region: match[2], account: match[3] } : undefined;
}
/** A cluster or service as a name, whether given as a name or an ARN (`…:cluster/demo` → `demo`). */
const resourceName = (nameOrArn) => (nameOrArn.startsWith('arn:') ? nameOrArn.split('/').pop() : nameOrArn);
/** The scope of a run on `cluster`/`services`, located by the ARN of one of its services. */
function recordScope(cluster, services, serviceArn) {
    const location = arnLocation(serviceArn);
    return location && { cluster: resourceName(cluster), services: services.map(resourceName), ...location };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(0);
;// CONCATENATED MODULE: ./shared/github/payload.ts
/**
 * A deployment's payload as `last-successful` reads it. Anyone who can create a deployment in
 * the repository writes payloads, so one is trusted only when it has exactly the shape this
 * suite writes, its task definition ARN is anchored and in the same partition, region and
 * account, and it is of the same cluster and services as the rollback reading it.
 */

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const TASK_DEFINITION_ARN = /^arn:(aws[a-z-]{0,10}):ecs:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(\d{12}):task-definition\/[A-Za-z0-9_-]{1,255}:[1-9]\d{0,8}$/;
const Payload = schemas/* strictObject */.rej({
    cluster: schemas/* string */.YjP().regex(NAME),
    services: schemas/* array */.YOg(schemas/* string */.YjP().regex(NAME)).min(1).max(2),
    partition: schemas/* string */.YjP().regex(/^aws[a-z-]{0,10}$/),
    region: schemas/* string */.YjP().regex(REGION),
    account: schemas/* string */.YjP().regex(/^\d{12}$/),
    task_definition_arn: schemas/* string */.YjP().regex(TASK_DEFINITION_ARN),
    strategy: schemas/* enum */.k5n(['canary', 'blue-green', 'rollback']),
    reason: schemas/* string */.YjP().max(1000).optional(),
});
function readPayload(raw, scope) {
    let value = raw;
    if (typeof raw === 'string') {
        try {
            value = JSON.parse(raw);
        }
        catch {
            return { ok: false, invalid: true, problem: 'the payload is not JSON' };
        }
    }
    const parsed = Payload.safeParse(value);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, invalid: true, problem: `payload ${issue.path.join('.') || '(root)'}: ${issue.message}` };
    }
    const payload = parsed.data;
    const [, partition, region, account] = TASK_DEFINITION_ARN.exec(payload.task_definition_arn);
    if (partition !== payload.partition || region !== payload.region || account !== payload.account) {
        return { ok: false, invalid: true, problem: 'the task definition ARN is not in the partition, region and account the payload names' };
    }
    const sameServices = payload.services.length === scope.services.length && [...payload.services].sort().join() === [...scope.services].sort().join();
    const ours = payload.cluster === scope.cluster &&
        sameServices &&
        payload.partition === scope.partition &&
        payload.region === scope.region &&
        payload.account === scope.account;
    return ours ? { ok: true, taskDefinitionArn: payload.task_definition_arn } : { ok: false, invalid: false, problem: 'another app' };
}

// EXTERNAL MODULE: ./shared/github/untrusted.ts
var untrusted = __webpack_require__(5390);
;// CONCATENATED MODULE: ./shared/github/deployments.ts




/** How far back `last-successful` looks, and how many older entries a success may supersede. */
const HISTORY = 30;
/**
 * The deployment record as GitHub Deployments, so the repository's Environments page shows
 * the history. Recording is best effort: a token without `deployments: write` (or any other
 * failure) is one warning, then the record is a no-op for the rest of the run. Reading the
 * history for `last-successful` is not best effort: a rollback needs the answer.
 */
class GitHubDeployments {
    octokit;
    target;
    warn;
    disabled = false;
    environment = '';
    constructor(octokit, target, warn) {
        this.octokit = octokit;
        this.target = target;
        this.warn = warn;
    }
    async start(entry) {
        if (this.disabled)
            return undefined;
        this.environment = entry.environment;
        try {
            const created = await this.octokit.rest.repos.createDeployment({
                owner: this.target.owner,
                repo: this.target.repo,
                ref: this.target.ref,
                environment: entry.environment,
                task: `deploy:${entry.strategy}`,
                description: `${entry.strategy}: ${entry.taskDefinitionArn.split('/').pop()}`.slice(0, 140),
                auto_merge: false,
                required_contexts: [],
                transient_environment: false,
                production_environment: entry.environment === 'production',
                // What `last-successful` needs to trust the entry: whose it is and exactly which version.
                payload: {
                    cluster: resourceName(entry.cluster),
                    services: entry.services.map(resourceName),
                    // ECS runs only task definitions of the service's own account and region.
                    ...arnLocation(entry.taskDefinitionArn),
                    task_definition_arn: entry.taskDefinitionArn,
                    strategy: entry.strategy,
                    ...(entry.reason ? { reason: entry.reason } : {}),
                },
            });
            // 202 is GitHub declining to create it (e.g. a merge it was asked to attempt).
            if (!('id' in created.data))
                throw new Error(`GitHub did not create the deployment: ${created.data.message ?? created.status}`);
            const handle = { id: created.data.id };
            await this.status(handle.id, 'in_progress', `${entry.strategy} in progress`);
            return handle;
        }
        catch (error) {
            this.disable(error);
            return undefined;
        }
    }
    async finish(handle, state, description) {
        if (!handle || this.disabled)
            return;
        try {
            await this.status(handle.id, state, description);
            if (state === 'success')
                await this.supersede(handle.id);
        }
        catch (error) {
            this.disable(error);
        }
    }
    async lastSuccessful(environment, scope) {
        try {
            for (const deployment of await this.history(environment)) {
                const read = readPayload(deployment.payload, scope);
                if (!read.ok) {
                    // The payload is anyone's text: only its problem is printed, quoted.
                    if (read.invalid)
                        this.warn(`Ignored deployment ${deployment.id} of "${environment}": ${(0,untrusted/* quoteUntrusted */.X0)(read.problem)}`);
                    continue;
                }
                const taskDefinition = read.taskDefinitionArn;
                const statuses = await this.octokit.rest.repos.listDeploymentStatuses({
                    owner: this.target.owner,
                    repo: this.target.repo,
                    deployment_id: deployment.id,
                    per_page: 100,
                });
                if (statuses.data.some((s) => s.state === 'success'))
                    return taskDefinition;
            }
            return undefined;
        }
        catch (error) {
            throw new errors/* DeployError */.sH(`Could not read the deployment record of environment "${environment}"`, {
                why: (0,errors/* messageOf */.bD)(error),
                fix: permissionProblem(error)
                    ? 'Give the job `permissions: deployments: read` (or pass a `github-token` that can read deployments), or name the task definition in `to`.'
                    : 'Re-run later, or name the task definition in `to`.',
                cause: error,
            });
        }
    }
    history(environment) {
        return this.octokit.rest.repos
            .listDeployments({ owner: this.target.owner, repo: this.target.repo, environment, per_page: HISTORY })
            .then((response) => response.data);
    }
    status(id, state, description) {
        return this.octokit.rest.repos.createDeploymentStatus({
            owner: this.target.owner,
            repo: this.target.repo,
            deployment_id: id,
            state,
            description: description.slice(0, 140),
            // Unset when the post step closes an entry a killed main step opened: GitHub keeps the deployment's own.
            ...(this.environment ? { environment: this.environment } : {}),
            // Superseded entries are marked below for every environment, production included.
            auto_inactive: false,
            ...(this.target.logUrl ? { log_url: this.target.logUrl } : {}),
        });
    }
    /** Older entries still showing success are no longer what runs: mark them inactive. */
    async supersede(current) {
        for (const deployment of await this.history(this.environment)) {
            if (deployment.id === current)
                continue;
            const latest = await this.octokit.rest.repos.listDeploymentStatuses({
                owner: this.target.owner,
                repo: this.target.repo,
                deployment_id: deployment.id,
                per_page: 1,
            });
            const state = latest.data[0]?.state;
            // Everything older was superseded by an earlier run.
            if (state === 'inactive')
                return;
            if (state === 'success')
                await this.status(deployment.id, 'inactive', `superseded by deployment ${current}`);
        }
    }
    disable(error) {
        this.disabled = true;
        this.warn(permissionProblem(error)
            ? `Not recording this run in GitHub Deployments: the token lacks \`deployments: write\` (${(0,errors/* messageOf */.bD)(error)}). Add \`permissions: deployments: write\` to the job to keep a deployment history.`
            : `Not recording this run in GitHub Deployments: ${(0,errors/* messageOf */.bD)(error)}`);
    }
}
function permissionProblem(error) {
    const status = error?.status;
    return status === 403 || status === 404 || /Resource not accessible by integration/i.test((0,errors/* messageOf */.bD)(error));
}

;// CONCATENATED MODULE: ./shared/github/record.ts





/**
 * The GitHub Deployments record of `environment` for this run, or undefined when the action
 * was given no environment (nothing is recorded then).
 */
function deploymentRecord(inputs, env = process.env) {
    if (!inputs.environment)
        return undefined;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    // An unexpanded `${{ github.token }}` (a run outside Actions) is no token.
    const token = inputs['github-token']?.includes('${{') ? '' : inputs['github-token'];
    if (!token || !owner || !repo || !env.GITHUB_SHA) {
        (0,actions_log/* actionsLog */._D)(core).warn(`Not recording this run in GitHub Deployments: ${token ? 'GITHUB_REPOSITORY and GITHUB_SHA are not set' : 'github-token is empty'}`);
        return undefined;
    }
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    return new GitHubDeployments((0,github/* getOctokit */.Q)(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' }), {
        owner,
        repo,
        ref: env.GITHUB_SHA,
        logUrl: env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    }, (0,actions_log/* actionsLog */._D)(core).warn);
}
/**
 * Runs one engine inside a deployment record. The entry starts when the engine names the task
 * definition it is about to deploy or make live (`onTaskDefinition`, passed on in the engine's
 * ports), so the record never shows a version that was not tried; a run that changes nothing
 * records nothing. It ends `success` or `failure` with the outcome.
 */
async function withDeploymentRecord(inputs, run, engine, record = deploymentRecord(inputs), checkpoint) {
    let started;
    const onTaskDefinition = async (arn) => {
        if (!record || !inputs.environment || started)
            return;
        const environment = inputs.environment;
        started = record.start({ ...run, environment, taskDefinitionArn: arn }).then((handle) => {
            // At once: a main step killed from here on leaves the entry for the post step to close.
            if (handle)
                checkpoint?.save(constants/* State */.U.Record, JSON.stringify(savedRecord(handle, environment)));
            return handle;
        });
        await started;
    };
    const finish = async (state, description) => {
        await record.finish(await started, state, description);
        checkpoint?.save(constants/* State */.U.Record, '');
    };
    let outcome;
    try {
        outcome = await engine(onTaskDefinition);
    }
    catch (error) {
        if (started)
            await finish('failure', `failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
    }
    if (started) {
        const { report, error } = outcome;
        // Two colors name the live one; a native run's one service is live when promoted.
        const liveService = 'services' in report ? report.liveColor && report.services[report.liveColor] : report.service;
        const live = liveService && !error ? ` ${liveService} is live` : '';
        await finish(error ? 'failure' : 'success', error ? `${report.result}: ${error.message}` : `${report.result}:${live}`);
    }
    return outcome;
}
const savedRecord = (handle, environment) => ({
    id: handle.id,
    environment,
    repository: process.env.GITHUB_REPOSITORY ?? '',
});
/**
 * The post step of a main step that was killed (SIGKILL: it never closed its entry): the entry
 * ends `failure`, saying so and what the post step did. The token is the `github-token` input,
 * which the runner gives the post step too; nothing secret is saved in the state.
 */
async function closeLeftRecord(saved, token, description) {
    const record = deploymentRecord({ environment: saved.environment, 'github-token': token }, { ...process.env, GITHUB_REPOSITORY: saved.repository || process.env.GITHUB_REPOSITORY });
    await record?.finish({ id: saved.id }, 'failure', description);
}


/***/ })

};
