import { describe, expect, it } from 'vitest';
import type { RunTaskReport } from '../../../shared/engine/run-task/report.ts';
import { renderRunTaskSummary } from '../../../shared/engine/run-task/summary.ts';

const report = (extra: Partial<RunTaskReport> = {}): RunTaskReport => ({
  action: 'run-task',
  cluster: 'demo',
  startedAt: '2026-11-22T10:00:00.000Z',
  finishedAt: '2026-11-22T10:00:20.000Z',
  result: 'failed',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/migrate:3',
  taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/abc',
  exitCode: 3,
  stoppedReason: 'Essential container in task exited',
  stopCode: 'EssentialContainerExited',
  containers: [
    { name: 'app', lastStatus: 'STOPPED', exitCode: 3, reason: undefined, essential: true, required: true },
    { name: 'xray', lastStatus: 'STOPPED', exitCode: 143, reason: 'killed | stopped', essential: false, required: false },
  ],
  runSeconds: 12,
  logUrl: 'https://console/log',
  logLocation: 'CloudWatch Logs group /ecs/migrate, stream ecs/app/abc',
  logLinesPrinted: 2,
  lastLogLines: ['Running upgrade', 'boom ``` fence'],
  timeline: [{ at: '2026-11-22T10:00:01.000Z', message: 'Task RUNNING' }],
  error: { what: 'The task failed: container "app" exited 3', why: [], fix: 'Its log is in …' },
  facts: {},
  ...extra,
});

describe('run-task summary', () => {
  it('shows the outcome, every exit code, the timeline and the last log lines', () => {
    const md = renderRunTaskSummary(report());
    expect(md).toContain('## ❌ Failed: run-task migrate:3 on demo');
    expect(md).toContain('| Exit code | 3 |');
    expect(md).toContain('| Stop code | EssentialContainerExited |');
    expect(md).toContain('| Log | [CloudWatch Logs group /ecs/migrate, stream ecs/app/abc](https://console/log) |');
    expect(md).toContain('> **The task failed: container "app" exited 3**');
    expect(md).toContain('| app | yes | 3 ❌ |  |');
    expect(md).toContain('| xray | no | 143 | killed \\| stopped |');
    expect(md).toContain('| 10:00:01 | Task RUNNING |');
    expect(md).toContain('### Last 2 log lines\n\n````text\nRunning upgrade\nboom ``` fence\n````');
  });

  it('names each result', () => {
    expect(renderRunTaskSummary(report({ result: 'succeeded', error: undefined }))).toContain('## ✅ Succeeded');
    expect(renderRunTaskSummary(report({ result: 'timed-out' }))).toContain('## ⏱️ Timed out');
    expect(renderRunTaskSummary(report({ result: 'cancelled' }))).toContain('## 🛑 Cancelled');
  });
});
