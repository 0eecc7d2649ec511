export const id = 32;
export const ids = [32,526];
export const modules = {

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

/***/ 4402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ SUITE),
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The suite's name and version in every AWS request's user agent (a test keeps it equal to package.json). */
const SUITE = 'ecs-progressive-delivery';
const VERSION = '0.1.0';


/***/ })

};
