import * as core from '@actions/core';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreflightReport } from '../../shared/engine/preflight/runner.ts';
import { renderPreflightSummary } from '../../shared/engine/preflight/summary.ts';

/** The JSON report in RUNNER_TEMP (like publishReport) and the table as the job summary; returns the report's path. */
export async function publishPreflight(report: PreflightReport): Promise<string> {
  const path = join(process.env.RUNNER_TEMP || tmpdir(), `preflight-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}.json`);
  await writeFile(path, JSON.stringify(report, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderPreflightSummary(report)).write();
  return path;
}
