import { fail, pass, warn, type CheckOutcome } from './check.ts';
import { label, liveAndIdle, revisionOf, type PreflightReads, type ServiceView } from './context.ts';

/** How many ACTIVE revisions to look through for one older than the live one. */
const REVISIONS = 20;

/**
 * If the live version goes bad, is there a way back: the other color still running the
 * previous version (a weight switch), or a previous ACTIVE revision of the family to redeploy.
 */
export async function checkRollbackReady(reads: PreflightReads): Promise<CheckOutcome> {
  const { live, idle } = liveAndIdle(await reads.services());
  const liveRevision = revisionOf(live.state.taskDefinition);
  const evidence = [`live: ${label(live)} runs ${liveRevision}`];
  const warm = idle && warmth(idle, live);
  if (idle)
    evidence.push(
      `previous color: ${label(idle)} runs ${revisionOf(idle.state.taskDefinition)}, ${idle.state.runningCount}/${idle.state.desiredCount} running`,
    );
  if (warm === 'warm')
    return pass(`instant: ${idle!.name} still runs ${revisionOf(idle!.state.taskDefinition)}; a weight switch rolls back`, evidence);

  const [family, revision] = liveRevision.split(':');
  const active = await reads.taskDefinitions.activeRevisions(family!, REVISIONS);
  const previous = active.map(revisionOf).find((r) => Number(r.split(':')[1]) < Number(revision));
  evidence.push(`ACTIVE revisions of ${family}: ${active.map(revisionOf).join(', ') || 'none'}`);
  if (warm === 'partly')
    return warn(
      `${idle!.name} runs the previous version with only ${idle!.state.runningCount}/${idle!.state.desiredCount} task(s)${previous ? `; ${previous} can be redeployed` : ''}`,
      evidence,
    );
  if (previous) return pass(`${previous} is ACTIVE: a rollback redeploys it${idle ? ` to ${idle.name}` : ''}`, evidence);
  return fail(
    `no way back: ${idle ? `${idle.name} does not run a previous version and ` : ''}no ACTIVE revision of ${family} older than ${liveRevision}`,
    evidence,
  );
}

function warmth(idle: ServiceView, live: ServiceView): 'warm' | 'partly' | 'cold' {
  const s = idle.state;
  if (s.taskDefinition === live.state.taskDefinition || s.runningCount === 0) return 'cold';
  return s.runningCount >= s.desiredCount && s.deployments.length === 1 ? 'warm' : 'partly';
}
