// `cr learn --forget` markers. History is the record of truth and is never rewritten: forgetting
// stores a period in `learn-forget.json` in cr's state directory, and examples labelled in any
// stored period are ignored from then on.
import path from 'node:path';
import type { ForgetRange } from './learner.js';

const fs = process.getBuiltinModule('node:fs');

export const FORGET_FILE = 'learn-forget.json';

interface StoredRange {
  from?: string;
  to: string;
  /** When the user asked. */
  at: string;
}

export function forgetFile(stateDir: string): string {
  return path.join(stateDir, FORGET_FILE);
}

function readStored(file: string): StoredRange[] {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const ranges = (data as { ranges?: unknown } | null)?.ranges;
  if (!Array.isArray(ranges)) return [];
  return ranges.filter((r): r is StoredRange => {
    const x = r as Partial<StoredRange> | null;
    return typeof x?.to === 'string' && (x.from === undefined || typeof x.from === 'string');
  });
}

/** The stored periods as times; unreadable entries are ignored (a corrupt file forgets nothing). */
export function readForgetRanges(stateDir: string): ForgetRange[] {
  const out: ForgetRange[] = [];
  for (const r of readStored(forgetFile(stateDir))) {
    const to = Date.parse(r.to);
    const from = r.from === undefined ? undefined : Date.parse(r.from);
    if (!Number.isFinite(to) || (from !== undefined && !Number.isFinite(from))) continue;
    out.push(from === undefined ? { to } : { from, to });
  }
  return out;
}

/** Adds a period to forget (atomically); throws when the state directory cannot be written. */
export function addForgetRange(stateDir: string, range: ForgetRange, now: Date): void {
  const file = forgetFile(stateDir);
  const ranges = readStored(file);
  const entry: StoredRange = { to: new Date(range.to).toISOString(), at: now.toISOString() };
  if (range.from !== undefined) entry.from = new Date(range.from).toISOString();
  ranges.push(entry);
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ v: 1, ranges }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
