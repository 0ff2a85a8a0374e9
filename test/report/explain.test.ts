import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { readClaudeFlags } from '../../src/decide/claude-flags.js';
import { classifyTask } from '../../src/decide/classify-task.js';
import { decide } from '../../src/decide/decide.js';
import { evidenceLabel } from '../../src/report/evidence-label.js';
import { renderExplain } from '../../src/report/explain.js';
import { makePalette } from '../../src/ui/colors.js';

const plain = makePalette(false);
const explain = (task: string, args: string[] = []) =>
  renderExplain(
    decide({ task, flags: readClaudeFlags(args), config: DEFAULT_CONFIG, now: new Date(0), timeZone: () => 'UTC' }),
    undefined,
    plain,
    120,
  );

describe('evidenceLabel', () => {
  it.each([
    [{ feature: 'w:audit', match: 'audit' }, '"audit"'],
    [{ feature: 'len:1-4' }, 'a short task (1–4 words, not counting "the", "to", "this" and the like)'],
    [{ feature: 'q:short-question' }, 'a short question'],
    [{ feature: 'vo:lookup' }, 'looks something up (finds or fetches what exists)'],
    [{ feature: 'cue:report-only' }, 'reports without changing anything'],
    [{ feature: 'cue:scope-wide' }, 'scope wide cue'],
    [{ feature: 'not:refactor' }, '"not refactor"'],
    [{ feature: 'mystery:x' }, 'mystery:x'],
  ])('%j → %s', (evidence, label) => {
    expect(evidenceLabel(evidence)).toBe(label);
  });
});

describe('renderExplain', () => {
  it('names the tier, rule and confidence, then one evidence line per tier it pulls toward', () => {
    const text = explain('convert this CSV to JSON');
    expect(text).toMatch(/^cr → haiku  haiku · rule task-type · confidence \d\.\d\d\n/);
    expect(text).toMatch(/\nevidence  haiku  \+\d\.\d\d /);
    expect(text).toMatch(/\nscores    opus \d\.\d\d  sonnet \d\.\d\d  haiku \d\.\d\d\n/);
    expect(text).toMatch(/\nto change .* behind/);
    expect(text).toMatch(/\nrules     · plan-mode: not in plan mode .* ✓ task-type\n/);
    expect(text).not.toMatch(/len:|style:|q:/);
  });

  it('the short-task label says which words it counts, so a six-word task can carry it truthfully', () => {
    const text = explain('convert this CSV file to JSON');
    expect(text).toContain('a short task (1–4 words, not counting "the", "to", "this" and the like)');
    expect(text).not.toMatch(/\(1–4 words\)/);
  });

  it('the flag hint points at the runner-up tier, not always at --opus', () => {
    // A haiku pick whose runner-up is sonnet: one flag from sonnet.
    const haiku = explain('convert this CSV file to JSON');
    expect(haiku).toMatch(/\nto change sonnet is \d\.\d\d behind/);
    expect(haiku).toMatch(/\n {10}add --sonnet to run it on the daily-work tier\n/);
    expect(haiku).not.toContain('--opus');
    // An opus pick whose runner-up is haiku (a short task) steps down one tier, not across sonnet.
    const opus = explain('security audit of the lockfile');
    expect(opus).toMatch(/^cr → opus /);
    expect(opus).toMatch(/\nto change haiku is /);
    expect(opus).toMatch(/\n {10}add --sonnet to run it on the daily-work tier\n/);
    // A sonnet pick whose runner-up is haiku names the haiku flag.
    const sonnet = explain('write docs for the config loader');
    expect(sonnet).toMatch(/^cr → sonnet /);
    expect(sonnet).toMatch(/\nto change haiku is /);
    expect(sonnet).toMatch(/\n {10}name the formulaic work .* or add --haiku\n/);
  });

  it('when the words overrule a tier the shape alone leaned to, it says so, not "0.00 behind"', () => {
    const c = classifyTask('review');
    expect(c).toMatchObject({ tier: 'opus', shapeOverruled: 'haiku' });
    expect(c.scores.haiku).toBeGreaterThan(c.scores.opus);
    const text = explain('review');
    expect(text).not.toMatch(/behind/);
    expect(text).toMatch(/haiku scored higher on the task's shape alone: a short task .*; the task's words decide/);
  });

  it("when a ceiling decided the tier, the hint names the flag that overrides it, not the task's wording", () => {
    const at = (config: Partial<typeof DEFAULT_CONFIG>, extra: Partial<Parameters<typeof decide>[0]> = {}) =>
      renderExplain(
        decide({
          task: 'audit the payment service for injection vulnerabilities',
          flags: readClaudeFlags([]),
          config: { ...DEFAULT_CONFIG, ...config },
          now: new Date(0),
          timeZone: () => 'UTC',
          ...extra,
        }),
        undefined,
        plain,
        120,
      );
    const toSonnet = at({ schedule: [{ name: 'night', from: '00:00', to: '23:59', maxTier: 'sonnet' }] });
    expect(toSonnet).toMatch(/^cr → sonnet .* rule schedule/);
    expect(toSonnet).toMatch(
      /\nto change schedule "night" 00:00–23:59 caps opus at sonnet\n {10}add --opus to run it on opus anyway \(a tier flag overrides the schedule cap\)\n {10}or raise that window's maxTier in config \(schedule\)\n/,
    );
    expect(toSonnet).not.toMatch(/say why it is hard/);
    const toHaiku = at({ schedule: [{ from: '00:00', to: '23:59', maxTier: 'haiku' }] });
    expect(toHaiku).toMatch(/add --opus to run it on opus anyway/);
    expect(toHaiku).not.toMatch(/--sonnet/);
    const budget = {
      state: 'exceeded' as const,
      window: 'weekly' as const,
      spent: 12,
      limit: 10,
      unit: 'usd' as const,
      action: 'downgrade' as const,
    };
    const over = at({}, { budget });
    expect(over).toMatch(
      /\nto change over the budget \(\$12\.00 of \$10\.00 weekly\), onExceed "downgrade" moved opus to sonnet\n {10}add --opus .*overrides the budget\)\n {10}or raise budget\.weekly or change budget\.onExceed in config\n/,
    );
    // An override is explained as one, caps or not.
    expect(
      at({ schedule: [{ from: '00:00', to: '23:59', maxTier: 'haiku' }] }, { override: { tier: 'opus' } }),
    ).toMatch(/\nto change without your override cr picks haiku \(schedule\)\n/);
  });

  it('the scores line says why the confidence is not the winning score', () => {
    // An agent description: the reported case, scores "sonnet 0.99" beside "confidence 0.74".
    const agent = explain(
      'Use this agent when you need to write Terraform modules for AWS networking and deploy them.',
    );
    const confidence = /· confidence (\d\.\d\d)\n/.exec(agent)![1]!;
    const scores = /\nscores +(.*)\n/.exec(agent)![1]!;
    expect(scores).toMatch(
      new RegExp(
        `\\(an agent description: confidence is sonnet's \\d\\.\\d\\d × 0\\.\\d+ = ${confidence.replace('.', '\\.')}\\)$`,
      ),
    );
    // A task-like first sentence, then a sentence that opens like an agent description: it says which word.
    const role = explain(
      'Set up release tooling for a monorepo. Bumps versions, writes the changelog and tags every package.',
    );
    const roleConfidence = /· confidence (\d\.\d\d)\n/.exec(role)![1]!;
    expect(/\nscores +(.*)\n/.exec(role)![1]!).toMatch(
      new RegExp(
        `\\(an agent description \\(a later sentence opens "Bumps"\\): confidence is \\w+'s \\d\\.\\d\\d × 0\\.75 = ${roleConfidence.replace('.', '\\.')}\\)$`,
      ),
    );
    // A concrete task: confidence and winning score agree, no note.
    const task = explain('add pagination to the users endpoint');
    const top = /· rule task-type · confidence (\d\.\d\d)\n/.exec(task)![1]!;
    expect(/\nscores +(.*)\n/.exec(task)![1]!).toMatch(
      new RegExp(`sonnet ${top.replace('.', '\\.')}  haiku \\d\\.\\d\\d$`),
    );
    // A rule decided: the scores are the classifier's view, not the decision's confidence.
    expect(explain('convert this CSV to JSON', ['--permission-mode', 'plan'])).toMatch(
      /\nscores .*haiku \d\.\d\d  \(the task classifier's; rule plan-mode decided\)\n/,
    );
  });

  it('every decision is explained with words from the task itself', () => {
    const tasks = [
      'give the websocket gateway a careful code review',
      'audit the signup flow for account takeover risks',
      'design the storage layer for a multi-region chat service',
      'move every service to the shared retry library and remove the copies',
      'the nightly export sometimes writes half a file; find out why',
      'the spec for bulk edits is vague; decide what it should do',
      'add a settings page where users change their email',
      'write tests for the invoice total calculation',
      'fix the crash when the upload list is empty',
      'document the cli flags in the readme',
      'turn the products csv into json',
      'pull every url out of links.md',
      'tag these bug reports by component',
      'write meta descriptions for the five landing pages',
      'write a commit message for the staged fix',
      'what does the -n flag of head do?',
      'pls reveiw the cache PR b4 i merge',
      'Quick tweak: rename the log folder to logs/',
      'is this function thread-safe?',
      'should we cache prices in redis or precompute them?',
    ];
    for (const task of tasks) {
      const why = /\nwhy +(.*)\n/.exec(explain(task))![1]!;
      const quoted = [...why.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.toLowerCase().split(' ≈ ')[0]!.split(' … ')[0]!);
      expect(quoted.length, `${task} → ${why}`).toBeGreaterThan(0);
      expect(
        quoted.some((q) => task.toLowerCase().includes(q)),
        `${task} → ${why}`,
      ).toBe(true);
    }
  });
});
