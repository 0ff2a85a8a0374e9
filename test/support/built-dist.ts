// Black-box tests run the built dist/: one that is missing or older than what it is built from
// fails every such test file at once (the helpers that run cr call this as they load), instead of
// skipping them or testing stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The newest modification time of the files the build reads: src/, the build script, the lock file. */
function newestSource(): { file: string; mtimeMs: number } {
  const files = [
    ...readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name)),
    path.join(ROOT, 'scripts', 'build.mjs'),
    path.join(ROOT, 'package-lock.json'),
  ];
  let newest = { file: '', mtimeMs: 0 };
  for (const file of files) {
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

export function assertDistIsCurrent(): void {
  const bundle = path.join(ROOT, 'dist', 'cr.js');
  if (!existsSync(bundle)) throw new Error('dist/cr.js is missing: run `npm run build` first');
  const source = newestSource();
  if (statSync(bundle).mtimeMs < source.mtimeMs)
    throw new Error(`dist/ is older than ${path.relative(ROOT, source.file)}: run \`npm run build\` first`);
}
