/**
 * Wall-clock time in IANA time zones, from Intl alone (no tz database of our own). An instant
 * is epoch ms; a wall time is what a clock on the wall in that zone shows.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday, as Date#getUTCDay. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/** True when Intl knows the zone (e.g. Europe/Berlin, America/New_York, UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    format(zone);
    return true;
  } catch {
    return false;
  }
}

export function wallTime(instant: number, zone: string): WallTime {
  const parts = Object.fromEntries(
    format(zone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const date = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
  return { ...date, weekday: weekdayOf(date), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

export const weekdayOf = (date: CalendarDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const compareWall = (a: CalendarDate & { minutes: number }, b: CalendarDate & { minutes: number }): number =>
  Date.UTC(a.year, a.month - 1, a.day) + a.minutes * MINUTE_MS - (Date.UTC(b.year, b.month - 1, b.day) + b.minutes * MINUTE_MS);

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, zone: string): number {
  const wall = wallTime(instant, zone);
  const floored = instant - (((instant % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  return Date.UTC(wall.year, wall.month - 1, wall.day) + wall.minutes * MINUTE_MS - floored;
}

/**
 * The first instant at which the zone's wall clock shows `minutes` past midnight of `date`
 * (minutes may be 1440, the next midnight). When the wall time happens twice (clocks go back)
 * this is the first time; when it never happens (clocks go forward) it is the moment the clock
 * jumps past it, which is when a window starting then opens.
 */
export function instantOf(date: CalendarDate, minutes: number, zone: string): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE_MS;
  const n = new Date(naive);
  const target = {
    year: n.getUTCFullYear(),
    month: n.getUTCMonth() + 1,
    day: n.getUTCDate(),
    minutes: n.getUTCHours() * 60 + n.getUTCMinutes(),
  };
  // Offsets a day either side bracket any transition near the target.
  const candidates = [...new Set([naive - offsetAt(naive - DAY_MS, zone), naive - offsetAt(naive + DAY_MS, zone)])].sort((a, b) => a - b);
  const exact = candidates.find((c) => compareWall(wallTime(c, zone), target) === 0);
  if (exact !== undefined) return exact;
  // In a gap: walk from the earlier candidate to the minute the clock passes the target.
  let instant = candidates[0]!;
  for (let i = 0; i < 2 * 24 * 60 && compareWall(wallTime(instant, zone), target) < 0; i++) instant += MINUTE_MS;
  return instant;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number): string => String(n).padStart(2, '0');

export const formatMinutes = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
export const dayName = (weekday: number): string => DAY_NAMES[weekday]!;

/** e.g. `Mon 2026-11-23 09:00 Europe/Berlin`. */
export function formatWall(instant: number, zone: string): string {
  const w = wallTime(instant, zone);
  return `${dayName(w.weekday)} ${w.year}-${pad(w.month)}-${pad(w.day)} ${formatMinutes(w.minutes)} ${zone}`;
}
