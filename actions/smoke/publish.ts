import * as core from '@actions/core';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmokeReport } from '../../shared/engine/smoke/report.ts';
import { renderSmokeSummary } from '../../shared/engine/smoke/summary.ts';

/** Writes the job summary and the JSON report; returns the report's path (the `report` output). */
export async function publishSmokeReport(report: SmokeReport): Promise<string> {
  const path = join(process.env.RUNNER_TEMP || tmpdir(), `smoke-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}.json`);
  await writeFile(path, JSON.stringify(report, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSmokeSummary(report)).write();
  return path;
}
