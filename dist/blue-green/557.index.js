export const id = 557;
export const ids = [557];
export const modules = {

/***/ 7557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notifierFor: () => (/* binding */ notifierFor)
});

// UNUSED EXPORTS: NOTIFY_ATTEMPT_MS

;// CONCATENATED MODULE: ./shared/notify/notifier.ts
/**
 * Delivers release events in the background, in order, to every target. A notification never
 * fails a deployment and never delays it: `notify` returns at once, each attempt is bounded,
 * a failing target is warned about once, and a target that did not answer in time is dropped
 * (waiting on it again would only add up). The engine calls `notify` after its safety-critical
 * write, so a message never claims what has not happened.
 */
class Notifier {
    queue = Promise.resolve();
    active;
    warned = new Set();
    stop = new AbortController();
    options;
    constructor(targets, options) {
        this.active = new Set(targets);
        this.options = options;
    }
    get enabled() {
        return this.active.size > 0;
    }
    notify(event) {
        if (!this.enabled)
            return;
        this.queue = this.queue.then(() => this.deliver(event));
    }
    /** Waits for what is queued, at most `maxMs`; whatever is still in flight then is abandoned. */
    async flush(maxMs) {
        let timer;
        const deadline = new Promise((resolve) => {
            timer = setTimeout(resolve, maxMs);
        });
        await Promise.race([this.queue, deadline]);
        clearTimeout(timer);
        this.stop.abort();
    }
    async deliver(event) {
        await Promise.all([...this.active].map(async (target) => {
            const signal = AbortSignal.any([AbortSignal.timeout(this.options.attemptMs), this.stop.signal]);
            try {
                await target.send(event, signal);
            }
            catch (error) {
                if (signal.aborted)
                    this.active.delete(target);
                if (this.warned.has(target.name))
                    return;
                this.warned.add(target.name);
                const why = signal.aborted ? `no answer within ${this.options.attemptMs / 1000}s` : error.message;
                this.options.warn(`${target.name} notification not delivered (${why}); the release goes on without it`);
            }
        }));
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./shared/notify/http.ts
/** Why a notification was not delivered; the message never carries the URL (it is a secret). */
class NotifyError extends Error {
}
/** POSTs a body and fails on anything but 2xx, naming only the status. */
async function post(url, body, signal, headers = {}) {
    let response;
    try {
        response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal });
    }
    catch {
        throw new NotifyError(signal.aborted ? 'no answer in time' : 'not reachable');
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok)
        throw new NotifyError(`HTTP ${response.status}`);
}

;// CONCATENATED MODULE: ./shared/notify/render.ts
/** The words and mark every target uses for an event, so Slack, Teams and logs agree. */
const HEADLINES = {
    started: '🚀 Release started',
    step: '➡️ Traffic step',
    'awaiting-approval': '⏸️ Awaiting approval',
    promoted: '✅ Promoted',
    'rolled-back': '↩️ Rolled back',
    succeeded: '✅ Succeeded',
    failed: '❌ Failed',
    cancelled: '🛑 Cancelled',
};
/** `web:42` from a task definition ARN: what a person recognises. */
function revisionOf(arn) {
    return arn?.split('/').pop();
}
/** Label/value pairs every rich target shows; values are the event's own text, not yet escaped. */
function facts(event) {
    const rows = [
        ['Action', event.action],
        ['Environment', event.environment],
        ['Cluster', event.cluster],
        ['Services', event.services.join(', ')],
        ['Version', revisionOf(event.taskDefinitionArn)],
        ['Previous', revisionOf(event.previousTaskDefinitionArn)],
        [
            'Traffic',
            event.weights &&
                Object.entries(event.weights)
                    .map(([service, weight]) => `${service} ${weight}%`)
                    .join(' · '),
        ],
    ];
    return rows.filter((row) => Boolean(row[1]));
}
function gateLines(event) {
    return event.gates.map((g) => `${g.verdict === 'pass' ? '✅' : g.verdict === 'fail' ? '❌' : '❔'} ${g.name}: ${g.observed} (${g.threshold})`);
}
/** One line for a plain-text target. */
function plainText(event) {
    return `${HEADLINES[event.event]}: ${event.summary}`;
}

;// CONCATENATED MODULE: ./shared/notify/slack-blocks.ts

/** Slack's mrkdwn treats &, < and > as markup; text from the run must stay text. */
const esc = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A Block Kit message: `text` is the fallback for notifications, `blocks` what the channel shows. */
function slackMessage(event) {
    const gates = gateLines(event);
    return {
        text: esc(plainText(event)),
        blocks: [
            { type: 'header', text: { type: 'plain_text', text: HEADLINES[event.event], emoji: true } },
            { type: 'section', text: { type: 'mrkdwn', text: esc(event.summary) } },
            { type: 'section', fields: facts(event).map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${esc(value)}` })) },
            ...(gates.length ? [{ type: 'section', text: { type: 'mrkdwn', text: gates.map(esc).join('\n') } }] : []),
            {
                type: 'context',
                elements: [
                    {
                        type: 'mrkdwn',
                        text: [event.runUrl ? `<${event.runUrl}|Open the run>` : undefined, event.timestamp].filter(Boolean).join(' · '),
                    },
                ],
            },
        ],
    };
}

;// CONCATENATED MODULE: ./shared/notify/teams-card.ts

/**
 * A Teams message for a Workflows "When a Teams webhook request is received" trigger: it takes
 * Adaptive Cards only (the retired Office 365 connectors took MessageCard).
 */
function teamsMessage(event) {
    const gates = gateLines(event);
    return {
        type: 'message',
        attachments: [
            {
                contentType: 'application/vnd.microsoft.card.adaptive',
                contentUrl: null,
                content: {
                    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                    type: 'AdaptiveCard',
                    version: '1.4',
                    body: [
                        { type: 'TextBlock', size: 'Large', weight: 'Bolder', text: HEADLINES[event.event], wrap: true },
                        { type: 'TextBlock', text: event.summary, wrap: true },
                        { type: 'FactSet', facts: facts(event).map(([title, value]) => ({ title, value })) },
                        ...(gates.length ? [{ type: 'TextBlock', text: gates.join('\n\n'), wrap: true }] : []),
                    ],
                    actions: event.runUrl ? [{ type: 'Action.OpenUrl', title: 'Open the run', url: event.runUrl }] : [],
                },
            },
        ],
    };
}

;// CONCATENATED MODULE: ./shared/notify/targets.ts




/** The header that carries the generic webhook's signature (documented in docs/notifications.md). */
const SIGNATURE_HEADER = 'x-ecs-deploy-signature-256';
/** `sha256=<hex HMAC-SHA256 of the exact body>`, as GitHub signs its own webhooks. */
function signature(secret, body) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body).digest('hex')}`;
}
/** The generic JSON webhook: the event as is, optionally signed. */
function webhookTarget(url, secret) {
    return {
        name: 'webhook',
        send: (event, signal) => {
            const body = JSON.stringify(event);
            return post(url, body, signal, secret ? { [SIGNATURE_HEADER]: signature(secret, body) } : {});
        },
    };
}
/** A Slack incoming webhook: it can only post, so every state change is a new message. */
function slackWebhookTarget(url) {
    return { name: 'Slack webhook', send: (event, signal) => post(url, JSON.stringify(slackMessage(event)), signal) };
}
/** A Microsoft Teams Workflows webhook. */
function teamsTarget(url) {
    return { name: 'Teams', send: (event, signal) => post(url, JSON.stringify(teamsMessage(event)), signal) };
}
/**
 * Slack with a bot token: one message per release, updated in place. The message's `ts` is
 * handed to `remember` so a post step can keep updating the same message.
 */
function slackBotTarget(chat, channel, thread = {}) {
    let ts = thread.ts;
    // postMessage answers with the channel ID; chat.update wants that, not the name.
    let target = thread.channel ?? channel;
    return {
        name: 'Slack',
        send: async (event, signal) => {
            const message = slackMessage(event);
            const call = ts ? chat.update({ channel: target, ts, ...message }) : chat.postMessage({ channel, ...message });
            const answer = (await untilAborted(call, signal));
            if (!ts && answer.ts) {
                ts = answer.ts;
                target = answer.channel ?? channel;
                thread.remember?.(`${target}/${ts}`);
            }
        },
    };
}
/** Restores a saved `channel/ts` pair. */
function savedThread(saved) {
    const [channel, ts] = saved?.split('/') ?? [];
    return channel && ts ? { channel, ts } : {};
}
/** The Slack client has no per-call signal: stop waiting when the attempt's time is up. */
function untilAborted(promise, signal) {
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new Error('no answer in time'));
        if (signal.aborted)
            return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}

;// CONCATENATED MODULE: ./shared/notify/wiring.ts


/** One attempt at one target; a cancel's 7.5 s window must still fit the restore and a flush. */
const NOTIFY_ATTEMPT_MS = 3_000;
/**
 * The notifier the inputs ask for. Slack's client is loaded only when a bot token is given,
 * so actions without Slack never pay for it.
 */
async function notifierFor(values, wiring) {
    const targets = [];
    const token = values['slack-bot-token'];
    const channel = values['slack-channel'];
    if (token && channel) {
        const slackApiUrl = wiring.slackApiUrl ?? process.env.SLACK_API_URL;
        const { WebClient } = await __webpack_require__.e(/* import() */ 105).then(__webpack_require__.t.bind(__webpack_require__, 5105, 23));
        const client = new WebClient(token, {
            timeout: NOTIFY_ATTEMPT_MS,
            retryConfig: { retries: 1, maxTimeout: 1_000 },
            ...(slackApiUrl ? { slackApiUrl } : {}),
        });
        targets.push(slackBotTarget({ postMessage: (args) => client.chat.postMessage(args), update: (args) => client.chat.update(args) }, channel, { ...savedThread(wiring.slackThread), remember: wiring.rememberSlackThread }));
    }
    if (values['slack-webhook-url'])
        targets.push(slackWebhookTarget(values['slack-webhook-url']));
    if (values['teams-webhook-url'])
        targets.push(teamsTarget(values['teams-webhook-url']));
    if (values['notify-webhook-url'])
        targets.push(webhookTarget(values['notify-webhook-url'], values['notify-webhook-secret']));
    return new Notifier(targets, { attemptMs: NOTIFY_ATTEMPT_MS, warn: wiring.warn });
}


/***/ })

};
