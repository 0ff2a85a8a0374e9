// Writing a cache file so that other cr processes never read half of it.
import path from 'node:path';

const fs = process.getBuiltinModule('node:fs');

/**
 * Writes `data` to `file` through a temporary file beside it and a rename: a concurrent reader sees
 * the old file or the new one, never part of one (of concurrent writers, the last rename wins). The
 * folder is made (owner only) when missing, the file is readable by its owner only. False, with
 * nothing left behind, when it could not be written: for a cache, that only costs time next run.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing more to do
    }
    return false;
  }
}
