// Black-box: cr doctor, cr config and cr init warn about a model id that looks like a typo or names
// no known family, and still accept it (exit codes unchanged); real ids and Claude Code's aliases pass.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useWorld, type World } from '../support/world.js';

let w: World;
useWorld((s) => {
  w = s;
});

const TYPO = 'tiers.sonnet.model "clade-sonet-4-5" looks like a typo of a claude-sonnet id';
const UNPRICED =
  'tiers.opus.model "glm-4.6" is of no known family: cr stats shows its tokens unpriced (add a prices entry to price it)';

const suspicious = { tiers: { sonnet: { model: 'clade-sonet-4-5' }, opus: { model: 'glm-4.6' } } };
const fine = { tiers: { sonnet: { model: 'claude-sonnet-4-5' }, opus: { model: 'opus[1m]' } } };

type Report = { ok: boolean; checks: { name: string; status: string; details: string[] }[] };
const configCheck = (stdout: string) => (JSON.parse(stdout) as Report).checks.find((c) => c.name === 'config')!;

describe('model ids cr warns about', () => {
  it('cr doctor: the config check warns, naming each id; nothing is broken by it', async () => {
    w.write(w.globalFile, fine);
    const before = await w.cr(['doctor', '--json']);
    expect(configCheck(before.stdout)).toMatchObject({ status: 'ok' });
    w.write(w.globalFile, suspicious);
    const r = await w.cr(['doctor', '--json']);
    expect(r.exitCode).toBe(before.exitCode);
    expect((JSON.parse(r.stdout) as Report).ok).toBe((JSON.parse(before.stdout) as Report).ok);
    expect(configCheck(r.stdout)).toMatchObject({ status: 'warn', details: expect.arrayContaining([UNPRICED, TYPO]) });
    const text = await w.cr(['doctor'], { env: { COLUMNS: '300' } });
    expect(text.stdout).toMatch(/^! config/m);
    expect(text.stdout).toContain(TYPO);
  });

  it('cr config: one warning a line on stderr, exit 0; none for real ids and aliases', async () => {
    w.write(w.globalFile, suspicious);
    let r = await w.cr(['config', '--json']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr.trim().split('\n').sort()).toEqual([`cr: warning: ${UNPRICED}`, `cr: warning: ${TYPO}`].sort());
    expect(JSON.parse(r.stdout)).toMatchObject({ config: suspicious });
    w.write(w.globalFile, fine);
    r = await w.cr(['config']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('cr init --yes: writes the ids as given and warns about them on stderr', async () => {
    const r = await w.cr([
      'init',
      '--global',
      '--yes',
      '--no-statusline',
      '--sonnet-model',
      'clade-sonet-4-5',
      '--opus-model',
      'glm-4.6',
    ]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(w.globalFile, 'utf8'))).toMatchObject(suspicious);
    expect(r.stderr).toContain(`cr: warning: ${TYPO}\n`);
    expect(r.stderr).toContain(`cr: warning: ${UNPRICED}\n`);
    const ok = await w.cr([
      'init',
      '--global',
      '--yes',
      '--force',
      '--no-statusline',
      '--sonnet-model',
      'claude-sonnet-4-5',
      '--opus-model',
      'opus[1m]',
    ]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stderr).not.toMatch(/warning/);
  });
});
