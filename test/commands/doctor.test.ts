// Black-box: cr doctor's checklist and exit code, with claude missing, present, old; bad config; broken history.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cr.js';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const FULL_HELP = `Usage: claude [options] [command] [prompt]
Options:
  -c, --continue                 Continue the most recent conversation
  --fallback-model <model>       Fall back
  --model <model>                Model for the current session
  --permission-mode <mode>       Permission mode
  -p, --print                    Print response and exit
  -r, --resume [value]           Resume a conversation
  --session-id <uuid>            Use a specific session ID
`;

/** A claude that answers --version and --help like the real one. */
function claudeScript(name: string, help: string, version = '2.1.332 (Claude Code)'): string {
  const file = path.join(w.root, 'bin', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `#!/bin/sh\ncase "$1" in\n  --version) echo '${version}' ;;\n  --help) cat <<'HELP'\n${help}HELP\n;;\nesac\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

type Report = { ok: boolean; checks: { name: string; status: string; summary: string; details: string[] }[] };
const check = (r: { stdout: string }, name: string) =>
  (JSON.parse(r.stdout) as Report).checks.find((c) => c.name === name)!;

describe('cr doctor', () => {
  it('claude missing: exit 1, the checklist says claude is broken and how to install it', async () => {
    const r = await w.cr(['doctor'], { env: { CLAUDE_PATH: '', PATH: '/usr/bin:/bin' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^✗ claude\s+not found/m);
    expect(r.stdout).toMatch(/npm install -g @anthropic-ai\/claude-code/);
    expect(r.stdout).toMatch(/^✓ config/m);
    expect(r.stdout).toMatch(/^✓ history/m);
    expect(r.stdout).toMatch(/broken: claude$/m);
  });

  it('claude present: exit 0, where it was found, its version and every flag', async () => {
    const claude = claudeScript('claude', FULL_HELP);
    const r = await w.cr(['doctor'], {
      env: { CLAUDE_PATH: '', PATH: `${path.dirname(claude)}:/usr/bin:/bin`, COLUMNS: '200' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`✓ claude       ${claude} (PATH) · 2.1.332 (Claude Code)`);
    expect(r.stdout).toMatch(
      /flags: --model ✓ {2}--session-id ✓ {2}--resume ✓ {2}--continue ✓ {2}--permission-mode ✓ {2}--fallback-model ✓ {2}-p ✓/,
    );
    expect(r.stdout).toMatch(/^! transcripts\s+none yet/m);
    expect(r.stdout).toMatch(/nothing broken/);
  });

  const real = path.join(REPO_ROOT, 'node_modules', '.bin', 'claude');
  it.skipIf(!existsSync(real))('the real Claude Code (in node_modules) passes', async () => {
    const r = await w.cr(['doctor', '--json'], { env: { CLAUDE_PATH: real } });
    expect(check(r, 'claude')).toMatchObject({ status: 'ok' });
    expect(check(r, 'claude').summary).toMatch(/\(CLAUDE_PATH\) · \d+\.\d+\.\d+/);
  });

  it('a claude without --session-id is broken; one without -p only a warning', async () => {
    const old = claudeScript('old-claude', FULL_HELP.replace(/.*--session-id.*\n/, ''));
    let r = await w.cr(['doctor', '--json'], { env: { CLAUDE_PATH: old } });
    expect(r.exitCode).toBe(1);
    expect(check(r, 'claude').status).toBe('fail');
    expect(check(r, 'claude').details.join('\n')).toMatch(/cr needs --session-id/);
    const noPrint = claudeScript('np-claude', FULL_HELP.replace(/.*--print.*\n/, ''));
    r = await w.cr(['doctor', '--json'], { env: { CLAUDE_PATH: noPrint } });
    expect(r.exitCode).toBe(0);
    expect(check(r, 'claude').status).toBe('warn');
  });

  it('bad config: exit 1, names the file and every bad key', async () => {
    const file = w.write(path.join(w.project, '.claude-router.json'), {
      defaultTier: 'gpt',
      tiers: { opus: { modle: 'x' } },
    });
    const r = await w.cr(['doctor'], { env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP) } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^✗ config\s+2 problems|^✗ config/m);
    expect(r.stdout).toContain(file);
    expect(r.stdout).toMatch(/defaultTier/);
    expect(r.stdout).toMatch(/tiers\.opus\.modle: unknown key/);
    expect(r.stdout).toMatch(/broken: config$/m);
  });

  it.each(['claude-router.config.cjs', '.claude-routerrc.mjs'])(
    'an untrusted JavaScript project config (%s) is named, never run',
    async (name) => {
      const marker = path.join(w.root, 'ran');
      const body = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`;
      writeFileSync(
        path.join(w.project, name),
        name.endsWith('.mjs')
          ? `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`
          : body,
      );
      const r = await w.cr(['doctor', '--json'], { env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP) } });
      expect(existsSync(marker)).toBe(false);
      const config = check(r, 'config');
      expect(config.status).toBe('warn');
      expect(config.summary).toMatch(/not trusted, not run/);
      expect(config.details.join('\n')).toMatch(/not loaded until you trust it \(cr trust\)/);
      // --config names the file: the user's own choice, so it runs (as for every other command).
      await w.cr(['doctor', '--json', '--config', name], { env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP) } });
      expect(existsSync(marker)).toBe(true);
    },
  );

  it('a bad environment setting is a config problem', async () => {
    const r = await w.cr(['doctor', '--json'], {
      env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP), CR_ASK: 'sometimes' },
    });
    expect(r.exitCode).toBe(1);
    expect(check(r, 'config').details.join('\n')).toMatch(/CR_ASK: expected never, low-confidence or always/);
  });

  it.each([
    [
      'its directory is a file',
      (root: string) => {
        writeFileSync(path.join(root, 'blocker'), '');
        return path.join(root, 'blocker', 'history.jsonl');
      },
    ],
    [
      'it is a directory',
      (root: string) => {
        mkdirSync(path.join(root, 'dir.jsonl'));
        return path.join(root, 'dir.jsonl');
      },
    ],
  ])('unwritable history (%s): exit 1', async (_why, make) => {
    const file = make(w.root);
    const r = await w.cr(['doctor'], {
      env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP), CR_HISTORY_FILE: file },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^✗ history/m);
    expect(r.stdout).toMatch(/not writable/);
  });

  it('history with unreadable lines and loose permissions: counted, a warning', async () => {
    const rec = {
      v: 1,
      type: 'decision',
      id: 'a',
      time: '2026-01-01T00:00:00Z',
      cwd: '/',
      kind: 'route',
      tier: 'sonnet',
      model: 'sonnet',
      rule: 'default',
      confidence: 1,
    };
    const file = w.env.CR_HISTORY_FILE!;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(rec)}\n{not json\n${JSON.stringify({ ...rec, id: 'b' })}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    const r = await w.cr(['doctor', '--json'], { env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP) } });
    expect(r.exitCode).toBe(0);
    const h = check(r, 'history');
    expect(h.status).toBe('warn');
    expect(h.summary).toMatch(/2 records \(2 decisions\)/);
    expect(h.details.join('\n')).toMatch(/1 unreadable line/);
    expect(h.details.join('\n')).toMatch(/mode 0644/);
  });

  it('transcripts: found and counted under CLAUDE_CONFIG_DIR', async () => {
    const dir = path.join(w.root, 'claude-config');
    w.write(path.join(dir, 'projects', '-home-project', 's1.jsonl'), '{}\n');
    const r = await w.cr(['doctor', '--json'], {
      env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP), CLAUDE_CONFIG_DIR: dir },
    });
    expect(check(r, 'transcripts')).toMatchObject({ status: 'ok' });
    expect(check(r, 'transcripts').summary).toMatch(/1 project, 1 session file/);
  });

  it('output fits the terminal width and has no colour when piped', async () => {
    const r = await w.cr(['doctor'], { env: { CLAUDE_PATH: '', PATH: '/usr/bin:/bin', COLUMNS: '60', NO_COLOR: '' } });
    expect(r.stdout).not.toMatch(/\x1b\[/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('a long summary is wrapped, not cut: the verdict at its end stays in view', async () => {
    w.write(w.globalFile, {});
    w.write(path.join(w.project, '.claude-router.json'), { defaultTier: 'gpt' });
    const r = await w.cr(['doctor'], { env: { CLAUDE_PATH: claudeScript('claude', FULL_HELP), COLUMNS: '60' } });
    expect(r.stdout).not.toContain('…');
    expect(r.stdout.replace(/\n\s+/g, ' ')).toMatch(/project \S*\.claude-router\.json INVALID/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});
