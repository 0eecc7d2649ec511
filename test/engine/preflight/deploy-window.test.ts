import { describe, expect, it } from 'vitest';
import { formatWall, instantOf } from '../../../shared/engine/preflight/calendar.ts';
import { checkDeployWindow } from '../../../shared/engine/preflight/deploy-window.ts';
import { nextOpening, parseFreezes, parseWindows, type Schedule } from '../../../shared/engine/preflight/schedule.ts';
import { FakeClock } from '../../../sandbox/rehearsal/engine-fakes.ts';

function schedule(window: string | undefined, freezes: string[] = []): Schedule {
  const windows = window ? parseWindows(window) : { value: [] };
  if ('problem' in windows) throw new Error(windows.problem);
  const zone = windows.value[0]?.zone ?? 'UTC';
  const parsed = parseFreezes(freezes, zone);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return { windows: windows.value, freezes: parsed.value, zone };
}

const at = (iso: string): FakeClock => Object.assign(new FakeClock(), { time: Date.parse(iso) });
const opening = (s: Schedule, iso: string): string | undefined => {
  const next = nextOpening(s, Date.parse(iso));
  return next === undefined ? undefined : new Date(next).toISOString();
};

const BERLIN = 'Mon-Fri 09:00-16:00 Europe/Berlin';
const NEW_YORK = 'Mon-Fri 09:00-17:00 America/New_York';

describe('deploy-window check', () => {
  it('passes inside the window (winter time, CET = UTC+1)', () => {
    const result = checkDeployWindow(schedule(BERLIN), at('2026-11-23T08:30:00Z'));
    expect(result).toMatchObject({
      status: 'pass',
      summary: 'Mon 2026-11-23 09:30 Europe/Berlin is inside Mon,Tue,Wed,Thu,Fri 09:00-16:00 Europe/Berlin',
    });
  });

  it('warns inside the window when it closes within the hour', () => {
    const result = checkDeployWindow(schedule(BERLIN), at('2026-11-23T14:30:00Z'));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('deployments stop at Mon 2026-11-23 16:00 Europe/Berlin (in 30m)');
  });

  it('warns when a freeze starts within the hour', () => {
    const result = checkDeployWindow(schedule('daily 00:00-24:00 Europe/Berlin', ['2026-11-24..2026-11-25']), at('2026-11-23T22:30:00Z'));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('deployments stop at Tue 2026-11-24 00:00 Europe/Berlin (in 30m)');
  });

  it('fails after hours with the next opening in the message', () => {
    const result = checkDeployWindow(schedule(BERLIN), at('2026-11-23T15:30:00Z'));
    expect(result).toMatchObject({
      status: 'fail',
      summary: 'outside the deployment window: next opening Tue 2026-11-24 09:00 Europe/Berlin (2026-11-24T08:00:00.000Z, in 16h30m)',
    });
    expect(result.evidence).toContain('now: Mon 2026-11-23 16:30 Europe/Berlin (2026-11-23T15:30:00.000Z)');
  });

  it('fails inside a freeze, naming it, and opens on the first window after it', () => {
    const result = checkDeployWindow(schedule(BERLIN, ['2026-12-20..2027-01-03']), at('2026-12-21T09:00:00Z'));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'inside the freeze 2026-12-20..2027-01-03: next opening Mon 2027-01-04 09:00 Europe/Berlin (2027-01-04T08:00:00.000Z, in 335h)',
    );
  });

  it('with a freeze only, opens when the freeze ends (local midnight after the last day)', () => {
    const s = schedule(undefined, ['2026-12-24..2026-12-26']);
    expect(checkDeployWindow(s, at('2026-12-23T12:00:00Z')).status).toBe('pass');
    expect(opening(s, '2026-12-25T12:00:00Z')).toBe('2026-12-27T00:00:00.000Z');
  });

  it('a freeze with datetimes and offsets is exact', () => {
    const s = schedule(undefined, ['2026-12-24T18:00+01:00..2026-12-27T06:00Z']);
    expect(opening(s, '2026-12-24T17:00:00Z')).toBe('2026-12-27T06:00:00.000Z');
    expect(opening(s, '2026-12-24T16:59:00Z')).toBe('2026-12-24T16:59:00.000Z');
  });

  it('says when there is no opening within the horizon', () => {
    const result = checkDeployWindow(schedule(BERLIN, ['2026-01-01..2028-12-31']), at('2026-11-23T08:30:00Z'));
    expect(result.summary).toBe('inside the freeze 2026-01-01..2028-12-31: no opening in the next 400 days');
  });
});

describe('next opening across DST changes', () => {
  it('Europe/Berlin spring forward (29 Mar 2026): Monday 09:00 is 07:00Z, a week after 08:00Z', () => {
    const s = schedule(BERLIN);
    expect(opening(s, '2026-03-20T16:00:00Z')).toBe('2026-03-23T08:00:00.000Z');
    expect(opening(s, '2026-03-27T16:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Europe/Berlin fall back (25 Oct 2026): Monday 09:00 is 08:00Z again', () => {
    const s = schedule(BERLIN);
    expect(opening(s, '2026-10-23T15:00:00Z')).toBe('2026-10-26T08:00:00.000Z');
    expect(checkDeployWindow(s, at('2026-10-26T07:30:00Z')).status).toBe('fail');
    expect(checkDeployWindow(s, at('2026-10-23T07:30:00Z')).status).toBe('pass');
  });

  it('a start inside the spring-forward gap opens when the clock jumps past it', () => {
    const s = schedule('daily 02:30-04:00 Europe/Berlin');
    // 02:30 does not exist on 29 Mar 2026: clocks go from 02:00 CET to 03:00 CEST at 01:00Z.
    expect(opening(s, '2026-03-28T23:00:00Z')).toBe('2026-03-29T01:00:00.000Z');
    expect(formatWall(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('Sun 2026-03-29 03:00 Europe/Berlin');
  });

  it('a start inside the fall-back fold opens at its first occurrence', () => {
    const s = schedule('daily 02:30-04:00 Europe/Berlin');
    // 02:30 happens twice on 25 Oct 2026: at 00:30Z (CEST) and at 01:30Z (CET).
    expect(opening(s, '2026-10-24T23:00:00Z')).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOf({ year: 2026, month: 10, day: 25 }, 150, 'Europe/Berlin')).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('America/New_York spring forward (8 Mar 2026): Monday 09:00 is 13:00Z instead of 14:00Z', () => {
    const s = schedule(NEW_YORK);
    expect(opening(s, '2026-03-06T23:00:00Z')).toBe('2026-03-09T13:00:00.000Z');
    expect(opening(s, '2026-02-27T23:00:00Z')).toBe('2026-03-02T14:00:00.000Z');
    // The same UTC time is before the window on Friday and inside it on Monday.
    expect(checkDeployWindow(s, at('2026-03-06T13:30:00Z')).status).toBe('fail');
    expect(checkDeployWindow(s, at('2026-03-09T13:30:00Z')).status).toBe('pass');
  });

  it('America/New_York fall back (1 Nov 2026): Monday 09:00 is 14:00Z', () => {
    const s = schedule(NEW_YORK);
    expect(opening(s, '2026-10-30T22:00:00Z')).toBe('2026-11-02T14:00:00.000Z');
    const fold = schedule('Sun 01:30-01:45 America/New_York');
    expect(opening(fold, '2026-11-01T04:00:00Z')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('between the US and EU changes, Berlin and New York windows each follow their own zone', () => {
    const s = schedule(`Mon 09:00-10:00 Europe/Berlin; Mon 09:00-10:00 America/New_York`);
    // 16 Mar 2026: New York is on EDT (UTC-4), Berlin still on CET (UTC+1).
    expect(opening(s, '2026-03-16T09:00:00Z')).toBe('2026-03-16T13:00:00.000Z');
    expect(opening(s, '2026-03-15T12:00:00Z')).toBe('2026-03-16T08:00:00.000Z');
  });

  it('a window past midnight belongs to the day it starts', () => {
    const s = schedule('Sat 22:00-02:00 UTC');
    expect(checkDeployWindow(s, at('2026-11-29T00:30:00Z')).status).toBe('pass');
    expect(checkDeployWindow(s, at('2026-11-29T01:30:00Z')).status).toBe('warn');
    expect(opening(s, '2026-11-29T03:00:00Z')).toBe('2026-12-05T22:00:00.000Z');
  });

  it('day ranges may wrap the week', () => {
    const s = schedule('Fri-Mon 10:00-11:00 UTC');
    expect(opening(s, '2026-11-24T12:00:00Z')).toBe('2026-11-27T10:00:00.000Z');
  });
});

describe('parsing', () => {
  it.each([
    ['Mon-Fri 9-5', 'is not a window'],
    ['Funday 09:00-16:00 UTC', 'is not a list of days'],
    ['Mon-Fri 09:00-16:00 Mars/Olympus', 'is not an IANA time zone'],
    ['Mon-Fri 09:00-25:00 UTC', 'is not HH:MM'],
    ['Mon 10:00-10:00 UTC', 'opens and closes at the same time'],
  ])('rejects the window %s', (text, problem) => {
    const parsed = parseWindows(text);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });

  it.each([
    ['2026-12-20..2026-12-01', 'ends before it starts'],
    ['christmas', 'is not a freeze'],
    ['2026-02-30', 'is not a freeze'],
    ['2026-12-20..2026-12-24..2026-12-26', 'is not a freeze'],
  ])('rejects the freeze %s', (text, problem) => {
    const parsed = parseFreezes([text], 'UTC');
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});
