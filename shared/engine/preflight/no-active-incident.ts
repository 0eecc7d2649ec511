import { fail, pass, warn, type CheckOutcome } from './check.ts';
import type { AlarmStates } from './ports.ts';

/** None of the alarms in ALARM; one without data only warns; a name CloudWatch does not know fails. */
export async function checkNoActiveIncident(names: string[], alarms: AlarmStates): Promise<CheckOutcome> {
  const states = await alarms.states();
  const evidence = names.map((name) => {
    const alarm = states.get(name);
    return alarm ? `${name}: ${alarm.state}${alarm.state === 'OK' ? '' : ` (${alarm.reason})`}` : `${name}: not found`;
  });
  const missing = names.filter((name) => !states.has(name));
  const firing = names.filter((name) => states.get(name)?.state === 'ALARM');
  const noData = names.filter((name) => states.get(name)?.state === 'INSUFFICIENT_DATA');
  if (firing.length > 0) return fail(`${firing.length} alarm(s) in ALARM: ${firing.join(', ')}`, evidence);
  if (missing.length > 0)
    return fail(`alarm(s) not found: ${missing.join(', ')} (names are case-sensitive and must be in this region)`, evidence);
  if (noData.length > 0) return warn(`${noData.length} alarm(s) have INSUFFICIENT_DATA: ${noData.join(', ')}`, evidence);
  return pass(`${names.length} alarm(s) OK`, evidence);
}
