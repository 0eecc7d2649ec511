import { formatDuration } from '../../duration.ts';
import type { Clock } from '../ports.ts';
import { formatWall } from './calendar.ts';
import { fail, pass, warn, type CheckOutcome } from './check.ts';
import { activeFreeze, closesWithin, describeWindow, HORIZON_DAYS, nextOpening, openWindow, type Schedule } from './schedule.ts';

/** A deployment started this close to the window's end may still be running when it closes. */
export const CLOSING_SOON_MS = 60 * 60_000;

export function checkDeployWindow(schedule: Schedule, clock: Clock): CheckOutcome {
  const now = clock.now();
  const zone = schedule.zone;
  const evidence = [
    `now: ${formatWall(now, zone)} (${new Date(now).toISOString()})`,
    ...schedule.windows.map((w) => `window: ${describeWindow(w)}`),
    ...schedule.freezes.map((f) => `freeze: ${f.text} (${new Date(f.from).toISOString()} to ${new Date(f.to).toISOString()})`),
  ];
  const freeze = activeFreeze(schedule, now);
  const window = openWindow(schedule, now);
  if (freeze || (schedule.windows.length > 0 && !window)) {
    const next = nextOpening(schedule, now);
    const why = freeze ? `inside the freeze ${freeze.text}` : 'outside the deployment window';
    const when = next
      ? `next opening ${formatWall(next, zone)} (${new Date(next).toISOString()}, in ${formatDuration(next - now)})`
      : `no opening in the next ${HORIZON_DAYS} days`;
    return fail(`${why}: ${when}`, evidence);
  }
  const closes = closesWithin(schedule, now, CLOSING_SOON_MS);
  const where = window ? `inside ${describeWindow(window)}` : 'in no freeze';
  if (closes !== undefined)
    return warn(
      `${where}, but deployments stop at ${formatWall(closes, zone)} (in ${formatDuration(closes - now)}): a long deployment may run past it`,
      evidence,
    );
  return pass(`${formatWall(now, zone)} is ${where}`, evidence);
}
