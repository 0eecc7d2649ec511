/**
 * `node scripts/notification-preview.ts [out-dir]`: renders the Slack message of each stage of a
 * canary (the Block Kit the action sends, drawn the way Slack lays it out) to an HTML page and,
 * where Debian's chromium is installed, screenshots it into docs/img/slack-message.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReleaseEvent, ReleaseEventName } from '../shared/notify/event.ts';
import { slackMessage } from '../shared/notify/slack-blocks.ts';

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
}

const out = process.argv[2] ?? join('docs', 'img');
const event = (name: ReleaseEventName, summary: string, weights: Record<string, number>, verdict = 'pass'): ReleaseEvent => ({
  event: name,
  result: name === 'promoted' ? 'promoted' : name === 'rolled-back' ? 'rolled-back' : 'in-progress',
  action: 'canary',
  environment: 'production',
  cluster: 'prod',
  services: ['web-blue', 'web-green'],
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42',
  previousTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:41',
  weights,
  gates: [
    { name: '5xx rate (web-green)', observed: verdict === 'pass' ? '0.21 % of 1,904' : '7.90 % of 1,877', threshold: '≤ 1 %', verdict },
    { name: 'p95 latency (web-green)', observed: '182 ms', threshold: '≤ 500 ms', verdict: 'pass' },
  ],
  runUrl: 'https://github.com/acme/web/actions/runs/1',
  timestamp: '2026-12-01T10:04:00.000Z',
  summary,
});

const mrkdwn = (text: string): string =>
  text
    .replace(/<([^|>]+)\|([^>]+)>/g, '<a href="$1">$2</a>')
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/\n/g, '<br>');

function render(block: Block): string {
  if (block.type === 'header') return `<div class="header">${block.text?.text}</div>`;
  if (block.type === 'context') return `<div class="context">${mrkdwn(block.elements?.map((e) => e.text).join(' ') ?? '')}</div>`;
  if (block.fields) return `<div class="fields">${block.fields.map((f) => `<div>${mrkdwn(f.text)}</div>`).join('')}</div>`;
  return `<div class="section">${mrkdwn(block.text?.text ?? '')}</div>`;
}

const stages = [
  event('step', 'Step 2 of 3: 50 % of traffic on web-green, gates passing', { 'web-blue': 50, 'web-green': 50 }),
  event(
    'rolled-back',
    'A gate failed at step 2; traffic is verified back on web-blue (web:41)',
    { 'web-blue': 100, 'web-green': 0 },
    'fail',
  ),
];
const messages = stages
  .map((e) => slackMessage(e).blocks as Block[])
  .map(
    (blocks) =>
      `<div class="message"><div class="avatar">🚢</div><div><div class="name">ECS Deploy <span class="app">APP</span> <span class="time">10:04</span></div>${blocks.map(render).join('')}</div></div>`,
  )
  .join('');
const html = `<!doctype html><meta charset="utf-8"><title>Slack preview</title><style>
body{font:15px/1.46 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d1c1d;margin:0;padding:16px;background:#fff;width:640px}
.message{display:flex;gap:8px;padding:8px 0;border-bottom:1px solid #eee}.avatar{font-size:28px;width:36px}
.name{font-weight:900}.app{font-size:10px;background:#ddd;border-radius:2px;padding:0 3px;font-weight:700}.time{color:#616061;font-weight:400;font-size:12px}
.header{font-size:18px;font-weight:900;margin:4px 0}.section{margin:4px 0}.fields{display:grid;grid-template-columns:1fr 1fr;gap:6px 16px;margin:6px 0}
.context{color:#616061;font-size:12px;margin-top:6px}a{color:#1264a3;text-decoration:none}</style>${messages}`;

mkdirSync(out, { recursive: true });
const page = join(mkdtempSync(join(tmpdir(), 'slack-preview-')), 'slack-message.html');
writeFileSync(page, html);
console.log(`wrote ${page}`);
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!chromium) {
  console.log('no chromium here (apt-get install chromium): skipped the screenshot');
} else {
  const png = join(out, 'slack-message.png');
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${mkdtempSync(join(tmpdir(), 'chromium-'))}`,
      '--hide-scrollbars',
      '--window-size=672,770',
      `--screenshot=${png}`,
      `file://${page}`,
    ],
    { stdio: 'ignore' },
  );
  console.log(`wrote ${png}`);
}
