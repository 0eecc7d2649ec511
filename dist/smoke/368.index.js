export const id = 368;
export const ids = [368];
export const modules = {

/***/ 368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  wire: () => (/* binding */ wire)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ./shared/duration.ts
var duration = __webpack_require__(5784);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
;// CONCATENATED MODULE: ./shared/version.ts
/** The suite's name and version in every AWS request's user agent (a test keeps it equal to package.json). */
const SUITE = 'ecs-progressive-delivery';
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./shared/net/http-probe.ts





const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The smoke engine's HTTP client on node:http/node:https: one fresh connection per request (a
 * first visitor's latency, handshake included), the peer certificate of https answers, and a
 * deadline for the whole exchange rather than an idle-socket timeout.
 */
function createHttpProbe(options = {}) {
    return { request: (request) => send(request, options) };
}
function send(request, options) {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const headers = { 'user-agent': `${SUITE}-smoke/${VERSION}`, ...request.headers };
    if (request.body !== undefined)
        headers['content-length'] = String(Buffer.byteLength(request.body));
    const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
    return new Promise((resolve, reject) => {
        if (request.signal?.aborted)
            return reject(new errors/* CancelledError */.cc());
        const started = performance.now();
        const settle = () => {
            clearTimeout(timer);
            request.signal?.removeEventListener('abort', onAbort);
        };
        const onAbort = () => outgoing.destroy(new errors/* CancelledError */.cc());
        const client = secure ? (external_node_https_default()) : (external_node_http_default());
        const outgoing = client.request(url, {
            method: request.method,
            headers,
            agent: false,
            ...(secure ? { rejectUnauthorized: !request.insecure, ca: options.ca?.length ? options.ca : undefined } : {}),
        });
        const timer = setTimeout(() => outgoing.destroy(new Error(`no answer within ${(0,duration/* formatDuration */.a)(request.timeoutMs)}`)), request.timeoutMs);
        request.signal?.addEventListener('abort', onAbort, { once: true });
        outgoing.on('response', (response) => {
            const certificate = secure ? peerCertificate(response.socket) : undefined;
            const chunks = [];
            let kept = 0;
            response.on('data', (chunk) => {
                if (kept >= limit)
                    return;
                chunks.push(chunk.subarray(0, limit - kept));
                kept += chunk.length;
            });
            response.on('error', (error) => {
                settle();
                reject(readable(error, url));
            });
            response.on('end', () => {
                settle();
                resolve({
                    status: response.statusCode ?? 0,
                    headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
                    body: Buffer.concat(chunks).toString('utf8'),
                    latencyMs: Math.round(performance.now() - started),
                    certificate,
                });
            });
        });
        outgoing.on('error', (error) => {
            settle();
            reject(readable(error, url));
        });
        outgoing.end(request.body);
    });
}
function peerCertificate(socket) {
    const cert = socket.getPeerCertificate?.();
    if (!cert || !cert.valid_to)
        return undefined;
    const name = (part) => {
        const value = part?.CN;
        return value ? `CN=${[value].flat().join(',')}` : 'unknown';
    };
    return { validTo: new Date(cert.valid_to), subject: name(cert.subject), issuer: name(cert.issuer) };
}
const TLS_CODES = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|ALTNAME/;
/** Node's network errors in words a workflow log reader can act on. */
function readable(error, url) {
    if (error instanceof errors/* CancelledError */.cc)
        return error;
    const code = error.code ?? '';
    const host = url.host;
    if (code === 'ECONNREFUSED')
        return new Error(`connection refused by ${host}`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return new Error(`host ${url.hostname} not found (DNS)`);
    if (code === 'ECONNRESET')
        return new Error(`connection reset by ${host}`);
    if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
        return new Error(`${host} unreachable (${code})`);
    if (TLS_CODES.test(code)) {
        // Node's own hint (a command-line flag) is no use in an action; ours says what the workflow can change.
        const reason = error.message.split('; if the root CA')[0];
        return new Error(`TLS handshake with ${host} failed: ${reason} (${code}); trust its CA with NODE_EXTRA_CA_CERTS, or for a test endpoint set insecure`);
    }
    return new Error(code ? `${error.message} (${code})` : error.message);
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./actions/smoke/command.ts


/**
 * The user's own test suite. The command is their workflow text, like a `run:` step, so it goes
 * to bash as one argument (never spliced into another shell string); its output stays in a
 * collapsed group and its exit code becomes one critical check.
 */
/**
 * The job's AWS credentials (configure-aws-credentials exports them; OIDC can mint more) are
 * withheld from the command unless `command-aws-credentials: true`: a test suite rarely needs
 * to deploy, and a compromised test dependency should not get the deploy role.
 */
const AWS_CREDENTIALS = /^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN|AWS_WEB_IDENTITY_TOKEN_FILE|AWS_ROLE_ARN|AWS_ROLE_SESSION_NAME|AWS_PROFILE|AWS_CONTAINER_CREDENTIALS_[A-Z_]+|AWS_CONTAINER_AUTHORIZATION_TOKEN[A-Z_]*|ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN))$/;
/** The runner's environment as the command gets it: without AWS credentials unless asked. */
function commandEnv(env, withAwsCredentials) {
    return Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== undefined && (withAwsCredentials || !AWS_CREDENTIALS.test(entry[0]))));
}
function commandSuite(command, withAwsCredentials = false) {
    return {
        command,
        async run(env, signal) {
            const started = Date.now();
            const exit = await core.group(`Test suite: ${command}`, () => runShell(command, { ...commandEnv(process.env, withAwsCredentials), ...env }, signal));
            return { ...exit, durationMs: Date.now() - started };
        },
    };
}
/**
 * `bash -c command` in its own process group, output passed through; on cancel the whole group
 * gets SIGTERM (a test runner's browsers too), so the restore of a cancelled run is not kept waiting.
 */
function runShell(command, env, signal) {
    return new Promise((resolve, reject) => {
        let lastLine = '';
        const child = (0,external_node_child_process_.spawn)('bash', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        const keep = (chunk, out) => {
            out.write(chunk);
            const line = chunk
                .toString('utf8')
                .split(/\r?\n/)
                .filter((l) => l.trim() !== '')
                .at(-1);
            if (line)
                lastLine = line.trim();
        };
        child.stdout.on('data', (chunk) => keep(chunk, process.stdout));
        child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
        const stop = () => {
            try {
                process.kill(-child.pid, 'SIGTERM');
            }
            catch {
                // Already gone.
            }
        };
        if (signal?.aborted)
            stop();
        signal?.addEventListener('abort', stop, { once: true });
        child.on('error', reject);
        child.on('close', (code, killed) => {
            signal?.removeEventListener('abort', stop);
            resolve({
                exitCode: code ?? 128 + (killed === 'SIGTERM' ? 15 : 9),
                lastLine: killed ? `stopped by ${killed} (cancelled)` : lastLine,
            });
        });
    });
}

;// CONCATENATED MODULE: ./actions/smoke/wiring.ts


/** The only place smoke builds adapters: the HTTP probe and, when asked, the user's command. */
function wire(inputs, context) {
    return {
        probe: createHttpProbe(),
        clock: context.clock,
        log: context.log,
        suite: inputs.command ? commandSuite(inputs.command, inputs.commandAwsCredentials) : undefined,
    };
}


/***/ })

};
