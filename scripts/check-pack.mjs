#!/usr/bin/env node
// Checks the package as the registry would ship it: `npm pack` (whose prepack step builds dist/),
// the tarball's file list, then an install with `npm install -g` into an empty prefix and `npx` of
// the tarball, each run from an empty folder with a fresh HOME: `cr --version`, `cr --help`,
// `cr --explain "refactor auth"` and `cr shell-init bash` must work with no source tree and no
// dev dependency beside them. Exits 1 with what failed. Run by .ci/run (`npm run check:pack`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-pack-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const failures = [];
const check = (ok, what) => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) failures.push(what);
};

// Nothing of the developer's or of an enclosing `npm run` leaks in: npm's settings, cr's, claude's.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|NODE_OPTIONS$|CR_|CLAUDE_|ANTHROPIC_|XDG_)/i.test(key)),
);
const home = path.join(tmp, 'home');
const empty = path.join(tmp, 'empty');
for (const dir of [home, empty]) fs.mkdirSync(dir);
const env = {
  ...cleanEnv,
  HOME: home,
  XDG_CONFIG_HOME: path.join(home, '.config'),
  XDG_STATE_HOME: path.join(home, '.local', 'state'),
  XDG_CACHE_HOME: path.join(home, '.cache'),
  npm_config_cache: path.join(tmp, 'npm-cache'),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  NO_COLOR: '1',
};

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: empty, env, encoding: 'utf8', timeout: 120_000, ...options });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

// 1. The tarball, from this tree as it is committed and built by prepack.
const packed = run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT });
if (packed.status !== 0) {
  process.stderr.write(`check-pack: npm pack failed:\n${packed.stderr}\n`);
  process.exit(1);
}
const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
const tarball = path.join(tmp, info.filename);
const files = info.files.map((f) => f.path).sort();
const expected = (file) =>
  ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/cr.js', 'dist/cr.js'].includes(file) ||
  /^dist\/chunks\/[\w-]+\.js$/.test(file);
check(
  files.every(expected),
  `the tarball holds only what cr runs from (${files.filter((f) => !expected(f)).join(', ') || 'nothing else'})`,
);
check(files.includes('dist/cr.js') && files.includes('bin/cr.js'), 'the tarball holds bin/cr.js and dist/cr.js');
check(
  Object.keys(pkg.dependencies ?? {}).length === 0,
  `no runtime dependency: dist/ bundles them (${Object.keys(pkg.dependencies ?? {}).join(', ') || 'none'})`,
);

/** The four commands, run by `cr` as given (a path, or a command with arguments in front). */
function checkCommands(label, cr) {
  const [command, ...prefix] = cr;
  const version = run(command, [...prefix, '--version']);
  check(
    version.status === 0 && version.stdout.trim() === `cr ${pkg.version}`,
    `${label}: --version prints cr ${pkg.version}`,
  );
  const help = run(command, [...prefix, '--help'], { env: { ...env, COLUMNS: '80' } });
  check(help.status === 0 && /Usage:/.test(help.stdout) && /shell-init/.test(help.stdout), `${label}: --help`);
  const explain = run(command, [...prefix, '--explain', 'refactor auth']);
  check(
    explain.status === 0 && /^cr → (opus|sonnet|haiku)/.test(explain.stdout),
    `${label}: --explain "refactor auth"${explain.status === 0 ? '' : `: ${explain.stderr.trim()}`}`,
  );
  const shellInit = run(command, [...prefix, 'shell-init', 'bash']);
  check(
    shellInit.status === 0 && /^complete .* -F _cr_complete cr$/m.test(shellInit.stdout),
    `${label}: shell-init bash`,
  );
}

// 2. Installed globally into an empty prefix.
const prefix = path.join(tmp, 'prefix');
const install = run('npm', ['install', '--global', '--prefix', prefix, tarball]);
check(
  install.status === 0,
  `npm install -g --prefix <empty> ${info.filename}${install.status ? `: ${install.stderr}` : ''}`,
);
if (install.status === 0) {
  const installed = path.join(prefix, 'lib', 'node_modules', pkg.name);
  check(!fs.existsSync(path.join(installed, 'node_modules')), 'the install brings no dependency');
  checkCommands('cr installed', [path.join(prefix, 'bin', 'cr')]);
  check(fs.existsSync(path.join(prefix, 'bin', 'claude-router')), 'the install also has the claude-router command');
}

// 3. npx of the tarball, which runs the bin named like the package.
checkCommands('npx', ['npm', 'exec', '--yes', `--package=${tarball}`, '--', 'claude-router']);

if (failures.length > 0) {
  process.stderr.write(`check-pack: ${failures.length} check(s) failed\n`);
  process.exit(1);
}
process.stdout.write(
  `check-pack: ${info.filename} (${info.files.length} files, ${info.size} bytes) works installed and with npx\n`,
);
