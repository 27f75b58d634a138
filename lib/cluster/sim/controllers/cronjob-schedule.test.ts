import { describe, expect, it } from 'vitest';
import { checkTimeZone, nextTime, parseSchedule, ScheduleError } from './cronjob-schedule';

const at = (iso: string) => Date.parse(iso);
const next = (spec: string, after: string, zone?: string) => {
  const t = nextTime(parseSchedule(spec), at(after), zone);
  return t === undefined ? undefined : new Date(t).toISOString();
};

describe('cron schedules', () => {
  it('steps, ranges and lists in each field', () => {
    expect(next('*/5 * * * *', '2026-03-01T10:00:00Z')).toBe('2026-03-01T10:05:00.000Z');
    expect(next('*/5 * * * *', '2026-03-01T10:04:59Z')).toBe('2026-03-01T10:05:00.000Z');
    expect(next('15,45 9-17 * * *', '2026-03-01T17:45:00Z')).toBe('2026-03-02T09:15:00.000Z');
    expect(next('0 0 1 */3 *', '2026-03-01T10:00:00Z')).toBe('2026-04-01T00:00:00.000Z');
    expect(next('30 4 * * *', '2026-03-01T04:30:00Z')).toBe('2026-03-02T04:30:00.000Z');
  });

  it('month and weekday names; Sunday is 0 only (robfig/cron refuses 7)', () => {
    expect(next('0 12 * * mon-fri', '2026-03-01T00:00:00Z')).toBe('2026-03-02T12:00:00.000Z'); // 1 March 2026 is a Sunday
    expect(next('0 12 * * 0', '2026-03-02T00:00:00Z')).toBe('2026-03-08T12:00:00.000Z');
    expect(next('0 12 * * SUN', '2026-03-02T00:00:00Z')).toBe('2026-03-08T12:00:00.000Z');
    expect(next('0 0 1 JUN *', '2026-03-01T00:00:00Z')).toBe('2026-06-01T00:00:00.000Z');
  });

  it('day of month and day of week restricted together match either, as robfig/cron does', () => {
    // The 15th, or any Friday: Friday 6 March comes first.
    expect(next('0 0 15 * fri', '2026-03-01T00:00:00Z')).toBe('2026-03-06T00:00:00.000Z');
    // With one of them `*`, both must match: only a 15th.
    expect(next('0 0 15 * *', '2026-03-01T00:00:00Z')).toBe('2026-03-15T00:00:00.000Z');
  });

  it('macros', () => {
    expect(next('@hourly', '2026-03-01T10:00:00Z')).toBe('2026-03-01T11:00:00.000Z');
    expect(next('@daily', '2026-03-01T10:00:00Z')).toBe('2026-03-02T00:00:00.000Z');
    expect(next('@midnight', '2026-03-01T10:00:00Z')).toBe('2026-03-02T00:00:00.000Z');
    expect(next('@weekly', '2026-03-01T10:00:00Z')).toBe('2026-03-08T00:00:00.000Z');
    expect(next('@monthly', '2026-03-01T10:00:00Z')).toBe('2026-04-01T00:00:00.000Z');
    expect(next('@yearly', '2026-03-01T10:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('@annually', '2026-03-01T10:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('evaluates in the time zone, across a DST change', () => {
    expect(next('0 9 * * *', '2026-03-01T10:00:00Z', 'Asia/Shanghai')).toBe('2026-03-02T01:00:00.000Z');
    // New York moves to EDT on 8 March 2026: 09:00 local is 14:00Z before and 13:00Z after.
    expect(next('0 9 * * *', '2026-03-07T00:00:00Z', 'America/New_York')).toBe('2026-03-07T14:00:00.000Z');
    expect(next('0 9 * * *', '2026-03-08T00:00:00Z', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
  });

  it('a date that never comes has no next time', () => {
    expect(next('0 0 30 2 *', '2026-03-01T00:00:00Z')).toBeUndefined();
  });

  it('refuses malformed schedules and unknown zones', () => {
    for (const bad of ['* * * *', '* * * * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 7', '*/0 * * * *', '5-1 * * * *', 'a * * * *', '@every 5m', 'CRON_TZ=UTC 0 * * * *']) {
      expect(() => parseSchedule(bad), bad).toThrow(ScheduleError);
    }
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(ScheduleError);
    expect(() => checkTimeZone('Europe/Berlin')).not.toThrow();
  });
});
