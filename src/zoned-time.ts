// Calendar fields of an instant in a time zone, shared by the budget windows, the reports and the
// schedule windows. Pure: the zone comes in as an argument (undefined: the machine's own).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/**
 * Calendar fields of an instant in a time zone (the machine's when undefined); weekday 0 = Monday.
 * The machine's zone and UTC use Date's own fields: creating an Intl formatter costs ~15 ms the
 * first time in a process, too much for the checks a launch runs (budget windows, schedule windows).
 */
export function zonedParts(ms: number, timeZone?: string): ZonedParts {
  if (timeZone === undefined || timeZone === 'UTC') {
    const d = new Date(ms);
    const utc = timeZone === 'UTC';
    return {
      year: utc ? d.getUTCFullYear() : d.getFullYear(),
      month: (utc ? d.getUTCMonth() : d.getMonth()) + 1,
      day: utc ? d.getUTCDate() : d.getDate(),
      hour: utc ? d.getUTCHours() : d.getHours(),
      minute: utc ? d.getUTCMinutes() : d.getMinutes(),
      second: utc ? d.getUTCSeconds() : d.getSeconds(),
      weekday: ((utc ? d.getUTCDay() : d.getDay()) + 6) % 7,
    };
  }
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAYS[p.weekday ?? 'Mon'] ?? 0,
  };
}

/** The calendar date of an instant in a zone (the machine's when undefined): "2026-11-26". */
export function zonedDate(ms: number, timeZone?: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The wall-clock minute of an instant in a zone (the machine's when undefined): "2026-11-26 14:30". */
export function zonedMinute(ms: number, timeZone?: string): string {
  const p = zonedParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

function offsetAt(ms: number, timeZone?: string): number {
  const p = zonedParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant local midnight starts on this calendar day (day may overflow: Date.UTC rules). */
export function startOfZonedDay(year: number, month: number, day: number, timeZone?: string): number {
  if (timeZone === undefined) return new Date(year, month - 1, day).getTime();
  const guess = Date.UTC(year, month - 1, day);
  let start = guess - offsetAt(guess, timeZone);
  const again = guess - offsetAt(start, timeZone);
  if (again !== start) start = again;
  return start;
}
