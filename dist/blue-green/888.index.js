export const id = 888;
export const ids = [888];
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


/***/ })

};
