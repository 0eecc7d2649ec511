/**
 * When deployments may run: weekly windows in IANA time zones (`Mon-Fri 09:00-16:00
 * Europe/Berlin`) and freezes (`2026-12-20..2027-01-03`). Pure: parsed from the inputs, asked
 * about instants from the Clock.
 */
import { addDays, dayName, formatMinutes, instantOf, isTimeZone, wallTime, type CalendarDate } from './calendar.ts';

export interface DeployWindow {
  text: string;
  /** Weekdays (0 = Sunday) on which the window opens. */
  days: Set<number>;
  /** Minutes past local midnight; an end before the start runs past midnight into the next day. */
  start: number;
  end: number;
  zone: string;
}

export interface Freeze {
  text: string;
  /** Epoch ms, [from, to). */
  from: number;
  to: number;
}

export interface Schedule {
  windows: DeployWindow[];
  freezes: Freeze[];
  /** Where people read times: the first window's zone, else UTC. */
  zone: string;
}

type Parsed<T> = { value: T } | { problem: string };

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WINDOW = /^(\S+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})(?:\s+(\S+))?$/;

function day(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = DAYS.findIndex((full) => lower.length >= 3 && full.startsWith(lower));
  return index < 0 ? undefined : index;
}

function parseDays(text: string): Set<number> | undefined {
  if (/^(daily|every-?day|\*)$/i.test(text)) return new Set([0, 1, 2, 3, 4, 5, 6]);
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to, ...rest] = part.split('-');
    const a = day(from ?? '');
    const b = to === undefined ? a : day(to);
    if (a === undefined || b === undefined || rest.length > 0) return undefined;
    // A range may wrap the week: Fri-Mon is Fri, Sat, Sun, Mon.
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return days;
}

/** `<days> <HH:MM>-<HH:MM> [zone]`, several separated by `;` or new lines; the zone defaults to UTC. */
export function parseWindows(text: string): Parsed<DeployWindow[]> {
  const windows: DeployWindow[] = [];
  for (const item of text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = WINDOW.exec(item);
    const example = 'write it like "Mon-Fri 09:00-16:00 Europe/Berlin"';
    if (!m) return { problem: `"${item}" is not a window: ${example}` };
    const days = parseDays(m[1]!);
    if (!days) return { problem: `"${m[1]}" in "${item}" is not a list of days: use Mon-Fri, Sat,Sun or daily` };
    const [sh, sm, eh, em] = [m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number];
    const start = sh * 60 + sm;
    const end = eh * 60 + em;
    if (sh > 23 || sm > 59 || eh > 24 || em > 59 || end > 1440)
      return { problem: `"${item}" has a time that is not HH:MM from 00:00 to 24:00` };
    if (start === end) return { problem: `"${item}" opens and closes at the same time` };
    const zone = m[6] ?? 'UTC';
    if (!isTimeZone(zone)) return { problem: `"${zone}" in "${item}" is not an IANA time zone like Europe/Berlin or America/New_York` };
    windows.push({ text: item, days, start, end, zone });
  }
  return windows.length > 0 ? { value: windows } : { problem: `is empty: ${'write it like "Mon-Fri 09:00-16:00 Europe/Berlin"'}` };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** A date is a whole local day: [its midnight, the next midnight). A datetime is one instant. */
function boundary(text: string, zone: string, edge: 'from' | 'to'): number | undefined {
  const date = DATE.exec(text);
  if (date) {
    const d: CalendarDate = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
    if (!validDate(d)) return undefined;
    return instantOf(edge === 'from' ? d : addDays(d, 1), 0, zone);
  }
  const dt = DATETIME.exec(text);
  if (!dt) return undefined;
  const d: CalendarDate = { year: Number(dt[1]), month: Number(dt[2]), day: Number(dt[3]) };
  const [h, m, s] = [Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0)];
  if (!validDate(d) || h > 23 || m > 59 || s > 59) return undefined;
  if (dt[7])
    return Date.parse(
      `${text.slice(0, 10)}T${dt[4]}:${dt[5]}:${String(s).padStart(2, '0')}${dt[7].length === 5 ? `${dt[7].slice(0, 3)}:${dt[7].slice(3)}` : dt[7]}`,
    );
  return instantOf(d, h * 60 + m, zone) + s * 1000;
}

function validDate(d: CalendarDate): boolean {
  const check = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return check.getUTCFullYear() === d.year && check.getUTCMonth() === d.month - 1 && check.getUTCDate() === d.day;
}

/**
 * `2026-12-20..2027-01-03` (whole days, both included), `2026-12-25` (one day), or datetimes
 * `2026-12-24T18:00..2026-12-27T06:00` (local to `zone` unless they carry Z or an offset).
 */
export function parseFreezes(items: string[], zone: string): Parsed<Freeze[]> {
  const freezes: Freeze[] = [];
  for (const item of items) {
    const [a, b, ...rest] = item.split('..').map((s) => s.trim());
    const from = boundary(a ?? '', zone, 'from');
    const to = boundary(b ?? a ?? '', zone, 'to');
    if (rest.length > 0 || from === undefined || to === undefined)
      return { problem: `"${item}" is not a freeze: use dates like 2026-12-20..2027-01-03 (or datetimes like 2026-12-24T18:00)` };
    if (to <= from) return { problem: `"${item}" ends before it starts` };
    freezes.push({ text: item, from, to });
  }
  return { value: freezes };
}

export const describeWindow = (w: DeployWindow): string =>
  `${[...w.days].map(dayName).join(',')} ${formatMinutes(w.start)}-${formatMinutes(w.end)} ${w.zone}`;

/** The window open at an instant, if any (for a window past midnight, the evening before counts). */
export function openWindow(schedule: Schedule, instant: number): DeployWindow | undefined {
  return schedule.windows.find((w) => {
    const wall = wallTime(instant, w.zone);
    if (w.end > w.start) return w.days.has(wall.weekday) && wall.minutes >= w.start && wall.minutes < w.end;
    return (w.days.has(wall.weekday) && wall.minutes >= w.start) || (w.days.has((wall.weekday + 6) % 7) && wall.minutes < w.end);
  });
}

export const activeFreeze = (schedule: Schedule, instant: number): Freeze | undefined =>
  schedule.freezes.find((f) => instant >= f.from && instant < f.to);

/** Deployments are allowed: inside a window (or no windows given) and in no freeze. */
export const isAllowed = (schedule: Schedule, instant: number): boolean =>
  (schedule.windows.length === 0 || openWindow(schedule, instant) !== undefined) && activeFreeze(schedule, instant) === undefined;

/** How far ahead nextOpening looks (a freeze may span the new year). */
export const HORIZON_DAYS = 400;

/**
 * The next instant deployments are allowed, or undefined within the horizon. Openings only
 * happen where a window starts or a freeze ends, so those instants are the candidates; each
 * window start is converted from wall time in its zone, which is what keeps it right across
 * DST changes (a 02:30 start on the night clocks jump from 02:00 to 03:00 opens at 03:00).
 */
export function nextOpening(schedule: Schedule, now: number): number | undefined {
  if (isAllowed(schedule, now)) return now;
  const candidates = schedule.freezes.map((f) => f.to).filter((t) => t > now);
  for (const w of schedule.windows) {
    const today = wallTime(now, w.zone);
    for (let i = 0; i <= HORIZON_DAYS; i++) {
      const date = addDays(today, i);
      if (!w.days.has((today.weekday + i) % 7)) continue;
      const start = instantOf(date, w.start, w.zone);
      if (start > now) candidates.push(start);
    }
  }
  return candidates.sort((a, b) => a - b).find((t) => isAllowed(schedule, t));
}

/** The first minute within `withinMs` at which deployments stop being allowed, if any. */
export function closesWithin(schedule: Schedule, now: number, withinMs: number): number | undefined {
  const candidates = schedule.freezes.map((f) => f.from).filter((t) => t > now && t <= now + withinMs);
  for (let t = now + 60_000; t <= now + withinMs; t += 60_000) {
    if (!isAllowed(schedule, t)) {
      candidates.push(t - (t % 60_000));
      break;
    }
  }
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}
