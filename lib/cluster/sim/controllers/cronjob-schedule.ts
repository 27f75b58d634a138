/**
 * Standard five-field cron schedules (minute hour day-of-month month
 * day-of-week) with the macros the CronJob controller's parser (robfig/cron)
 * accepts, evaluated in an IANA time zone.
 */

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}

const FIELDS: FieldDef[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, namesFrom: 0 },
];

export class ScheduleError extends Error {}

export interface Schedule {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** robfig/cron: when either day field is `*` (or `?`) both must match, otherwise either may. */
  dayStar: boolean;
}

function value(f: FieldDef, s: string): number {
  const lower = s.toLowerCase();
  const named = f.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (f.namesFrom ?? 0);
  if (!/^[0-9]+$/.test(s)) throw new ScheduleError(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

function parseField(f: FieldDef, text: string): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new ScheduleError(`too many slashes: ${part}`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = f.min;
      hi = f.max;
      if (stepText === undefined) star = true;
    } else {
      const [a, b, more] = range.split('-');
      if (more !== undefined) throw new ScheduleError(`too many hyphens: ${range}`);
      lo = value(f, a);
      hi = b === undefined ? (stepText !== undefined ? f.max : lo) : value(f, b);
    }
    const step = stepText === undefined ? 1 : value(f, stepText);
    if (step <= 0) throw new ScheduleError(`step of range should be a positive number: ${part}`);
    if (lo < f.min) throw new ScheduleError(`beginning of range (${lo}) below minimum (${f.min}): ${part}`);
    if (hi > f.max) throw new ScheduleError(`end of range (${hi}) above maximum (${f.max}): ${part}`);
    if (lo > hi) throw new ScheduleError(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

export function parseSchedule(text: string): Schedule {
  const spec = MACROS[text.trim().toLowerCase()] ?? text.trim();
  if (spec.startsWith('@')) throw new ScheduleError(`unrecognized descriptor: ${spec}`);
  if (/^(CRON_)?TZ=/.test(spec)) throw new ScheduleError('TZ or CRON_TZ in the schedule is not supported: use spec.timeZone');
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new ScheduleError(`expected exactly 5 fields, found ${fields.length}: ${text}`);
  const [mi, h, dom, mo, dow] = fields.map((t, i) => parseField(FIELDS[i], t));
  return { minutes: mi.set, hours: h.set, days: dom.set, months: mo.set, weekdays: dow.set, dayStar: dom.star || dow.star };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws ScheduleError for a zone the runtime's ICU does not know. */
export function checkTimeZone(zone: string): void {
  formatterFor(zone);
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short',
      });
    } catch {
      throw new ScheduleError(`unknown time zone ${zone}`);
    }
    formatters.set(zone, f);
  }
  return f;
}

interface Local {
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

function localFields(at: number, zone: string): Local {
  const parts = formatterFor(zone).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    weekday: DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3)),
  };
}

const MINUTE = 60_000;

/**
 * The first scheduled time strictly after `after` (ms), or undefined when
 * there is none within five years (e.g. "0 0 30 2 *"). Walks real instants and
 * reads their wall-clock fields in `zone`, skipping whole days and hours that
 * cannot match, so DST gaps and repeats come out as the zone has them.
 */
export function nextTime(s: Schedule, after: number, zone = 'UTC'): number | undefined {
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const limit = after + 5 * 366 * 24 * 60 * MINUTE;
  while (t <= limit) {
    const l = localFields(t, zone);
    const dayOk = s.dayStar ? s.days.has(l.day) && s.weekdays.has(l.weekday) : s.days.has(l.day) || s.weekdays.has(l.weekday);
    if (!s.months.has(l.month) || !dayOk) {
      t += ((23 - l.hour) * 60 + (60 - l.minute)) * MINUTE;
      continue;
    }
    if (!s.hours.has(l.hour)) {
      t += (60 - l.minute) * MINUTE;
      continue;
    }
    if (!s.minutes.has(l.minute)) {
      t += MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}
