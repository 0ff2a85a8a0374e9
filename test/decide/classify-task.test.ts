import { describe, expect, it } from 'vitest';
import { classifyTask, familyTier, TASK_FAMILIES } from '../../src/decide/classify-task.js';
import { TIERS } from '../../src/types.js';

describe('generalisation behaviours', () => {
  it.each([
    // the object of "review" decides: code/PRs are opus, prose is not
    ['look over the diff of the queue PR before I merge it', 'opus'],
    ['give the websocket module a careful code review', 'opus'],
    ['review the README for typos', 'not-opus'],
    ['proofread the release announcement email', 'not-opus'],
    // "design" of a system vs of a UI element
    ['design the architecture of the event ingestion service', 'opus'],
    ['design a button for the signup page', 'sonnet'],
    // negation: a behaviour-preserving small refactor is ordinary work
    ['refactor the date helper into two functions without changing behaviour', 'sonnet'],
    // scope words push a refactor to opus
    ['refactor error handling across all services in the entire codebase', 'opus'],
    // hedges and intermittent symptoms
    ['not sure what the spec means for offline edits; work out a design', 'opus'],
    ['why does the export job only sometimes produce empty files?', 'opus'],
    // questions: short factual vs decision
    ['what does the -n flag of grep do?', 'haiku'],
    ['which message broker should we use for the order events, and why?', 'opus'],
    // formulaic work
    ['convert prices.csv to JSON', 'haiku'],
    ['write a commit message for the staged diff', 'haiku'],
    ['tag these issues as bug, feature or question', 'haiku'],
    ['write meta descriptions for the blog posts', 'haiku'],
    // daily work
    ['add a logout button to the navbar', 'sonnet'],
    ['write unit tests for the slugify helper', 'sonnet'],
  ] as const)('%s → %s', (task, want) => {
    const { tier } = classifyTask(task);
    if (want === 'not-opus') expect(tier).not.toBe('opus');
    else expect(tier).toBe(want);
  });

  it('cadence: an agent run on every change is a routine check, a one-off review is not', () => {
    const routine = classifyTask('Elixir code reviewer. Use for all Elixir code changes.');
    expect(
      routine.evidence.some((e) => e.feature === 'cue:routine' && /all elixir code changes/i.test(e.match ?? '')),
    ).toBe(true);
    expect(routine.tier).toBe('sonnet');
    const deep = classifyTask('Elixir code reviewer for OTP supervision trees and process design.');
    expect(deep.evidence.some((e) => e.feature === 'cue:routine')).toBe(false);
    expect(deep.tier).toBe('opus');
    // a task that reviews a set of changes once is still a review; "every file" is scope, not cadence
    expect(classifyTask('review each change in the caching PR before I merge it').tier).toBe('opus');
    expect(
      classifyTask('rename the logger in every file of the repo').evidence.some((e) => e.feature === 'cue:routine'),
    ).toBe(false);
  });

  it('cadence respects negation, as the phrase cues do', () => {
    const routine = (task: string): boolean => classifyTask(task).evidence.some((e) => e.feature === 'cue:routine');
    // the quantifier pattern ("each push", "any commit") and the cadence phrases ("on every") alike
    expect(routine('Terraform plan checker. Run it for each push to main.')).toBe(true);
    expect(routine('Terraform plan checker. There is no need to run it for each push to main.')).toBe(false);
    expect(routine('lint the Helm charts on any commit')).toBe(true);
    expect(routine('lint the Helm charts, but not for any commit that only touches docs')).toBe(false);
    expect(routine('Spell checker for the docs site, meant to run on every change.')).toBe(true);
    expect(routine('Spell checker for the docs site; you do not have to run it on every change.')).toBe(false);
  });

  it('negated review does not count as a code review', () => {
    const negated = classifyTask('fix the typo in the footer, no need to review the code');
    expect(negated.evidence.some((e) => e.feature === 'vo:review-code')).toBe(false);
    expect(negated.tier).not.toBe('opus');
  });

  it('empty and whitespace input → sonnet, general, low confidence', () => {
    for (const text of ['', '   ', '\n\t ']) {
      const c = classifyTask(text);
      expect(c.tier).toBe('sonnet');
      expect(c.family).toBe('general');
      expect(c.confidence).toBeLessThan(0.5);
      expect(c.evidence).toEqual([]);
    }
  });
});

describe('result shape', () => {
  const samples = [
    'look over this pull request for security issues',
    'turn the TOML settings into YAML',
    'add pagination to the users endpoint',
    'Expert SEO writer. Generates meta titles and descriptions. Use PROACTIVELY for page metadata.',
  ];

  it('scores are probabilities that sum to 1, and tier is the best score', () => {
    for (const s of samples) {
      const c = classifyTask(s);
      const sum = c.scores.haiku + c.scores.sonnet + c.scores.opus;
      expect(sum).toBeCloseTo(1, 9);
      for (const t of TIERS) expect(c.scores[t]).toBeGreaterThanOrEqual(0);
      expect(Math.max(c.scores.haiku, c.scores.sonnet, c.scores.opus)).toBe(c.scores[c.tier]);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.runnerUp.tier).not.toBe(c.tier);
      expect(c.runnerUp.margin).toBeCloseTo(c.scores[c.tier] - c.scores[c.runnerUp.tier], 3);
      expect(TASK_FAMILIES).toContain(c.family);
      // The confidence is the winning score, or that score times the stated scale: nothing hidden.
      expect(c.confidence).toBeCloseTo(c.scores[c.tier] * (c.confidenceScale ?? 1), 3);
    }
  });

  it('an agent description says by how much its confidence was scaled below its score', () => {
    const agent = classifyTask(
      'Use this agent when you need to write Terraform modules for AWS networking and deploy them.',
    );
    expect(agent.confidenceScale).toBeGreaterThan(0);
    expect(agent.confidenceScale).toBeLessThan(1);
    expect(agent.confidence).toBeLessThan(agent.scores[agent.tier]);
    expect(classifyTask('add pagination to the users endpoint').confidenceScale).toBeUndefined();
  });

  it('a later sentence that opens like an agent description scales the confidence, not the tier', () => {
    // First sentence an imperative (no style:* feature fires), second a third-person verb.
    const role = classifyTask(
      'Set up release tooling for a monorepo. Bumps versions, writes the changelog and tags every package.',
    );
    expect(role.roleSentence).toBe('Bumps');
    expect(role.confidenceScale).toBe(0.75);
    expect(role.confidence).toBeCloseTo(role.scores[role.tier] * 0.75, 3);
    expect(role.confidence).toBeLessThan(0.8);
    // The tier and scores are the model's: the same as without the second sentence's scaling.
    expect(role.evidence.some((e) => e.feature.startsWith('style:'))).toBe(false);
    // A plural noun opening a sentence, a lower-case word or one sentence: a task, not scaled.
    for (const task of [
      'Fix the flaky login test. Tests must pass on CI before merging.',
      'add a cache to the lookup. returns stay the same',
      'Rename the config loader and update its callers',
    ]) {
      const c = classifyTask(task);
      expect(c.roleSentence, task).toBeUndefined();
      expect(c.confidenceScale, task).toBeUndefined();
    }
    // Agent-style already: scaled once, by the feature, with no second reason.
    const agent = classifyTask(
      'Expert SEO writer. Generates meta titles and descriptions. Use PROACTIVELY for page metadata.',
    );
    expect(agent.confidenceScale).toBe(0.75);
    expect(agent.roleSentence).toBeUndefined();
  });

  it('evidence names the matched text, strongest first', () => {
    const c = classifyTask('please review the pull request that adds retries');
    const review = c.evidence.find((e) => e.feature === 'vo:review-code');
    expect(review).toBeDefined();
    expect(review!.tier).toBe('opus');
    expect(review!.match?.toLowerCase()).toContain('review');
    for (let i = 1; i < c.evidence.length; i++)
      expect(c.evidence[i - 1]!.weight).toBeGreaterThanOrEqual(c.evidence[i]!.weight);
    const words = classifyTask('convert the CSV export to JSON').evidence;
    expect(words.some((e) => e.match !== undefined && /csv|json|convert/i.test(e.match))).toBe(true);
  });

  it('families are meaningful for formulaic work', () => {
    expect(classifyTask('turn orders.csv into JSON').family).toBe('format-conversion');
    expect(classifyTask('pull every phone number out of leads.txt').family).toBe('extraction');
    expect(classifyTask('classify these support tickets as billing, bug or account').family).toBe('classification');
    expect(classifyTask('write an SEO meta description for the careers page').family).toBe('metadata');
    expect(classifyTask('write a commit message for what is staged').family).toBe('commit-message');
    expect(classifyTask('what does the -l flag of ls do?').family).toBe('simple-question');
    expect(classifyTask('give the invoicing module a code review').family).toBe('review');
    expect(classifyTask('audit the api for SQL injection and SSRF').family).toBe('security-audit');
  });

  it('familyTier maps families to the guide tiers', () => {
    expect(familyTier('review')).toBe('opus');
    expect(familyTier('tests')).toBe('sonnet');
    expect(familyTier('metadata')).toBe('haiku');
    expect(familyTier('no-such-family')).toBeUndefined();
    for (const f of TASK_FAMILIES) expect(TIERS).toContain(familyTier(f));
  });

  it('is deterministic', () => {
    for (const s of samples) expect(classifyTask(s)).toEqual(classifyTask(s));
  });

  it('returns for 1 MB of text (and pathological input)', () => {
    const big = 'refactor the session store across services and review the changes. '.repeat(16_000);
    expect(big.length).toBeGreaterThan(1_000_000);
    const c = classifyTask(big);
    expect(TIERS).toContain(c.tier);
    const blob = 'a'.repeat(1_000_000);
    expect(TIERS).toContain(classifyTask(blob).tier);
    const punct = '?!.,;:'.repeat(200_000);
    expect(TIERS).toContain(classifyTask(punct).tier);
  });
});

describe('Sonnet by default', () => {
  it('refactor auth: the example from the README routes to sonnet, without strong confidence', () => {
    const c = classifyTask('refactor auth');
    expect(c.tier).toBe('sonnet');
    expect(c.confidence).toBeLessThan(0.8);
  });

  it('a short task or question whose words point nowhere stays on sonnet, whatever its shape', () => {
    for (const task of ['debug login', 'refactor', 'thoughts?', 'ok so what now?', 'do the thing']) {
      const c = classifyTask(task);
      expect(c.tier, task).toBe('sonnet');
      expect(c.confidence, task).toBeLessThan(0.8);
      // When the scores leaned elsewhere, nothing but shape pulled there.
      if (c.defaultedFrom)
        expect(
          c.evidence.filter(
            (e) => e.tier === c.defaultedFrom && !/^(len|size|q:question|q:short|q:open)/.test(e.feature),
          ),
          task,
        ).toEqual([]);
    }
  });

  it('the shape features never count as the words that move a pick', () => {
    // len:*, q:question, q:short-question, q:open carry no matched words.
    const c = classifyTask('hmm?');
    for (const e of c.evidence)
      if (/^(len:|q:question|q:short-question|q:open)/.test(e.feature)) expect(e.match).toBeUndefined();
    expect(c.tier).toBe('sonnet');
  });

  it.each([
    ['sort these imports', 'haiku'],
    ['convert to yaml', 'haiku'],
    ['summarize this', 'haiku'],
    ['review this pull request', 'opus'],
  ])('%s: its words point to %s, so it goes there', (task, tier) => {
    const c = classifyTask(task);
    expect(c.tier).toBe(tier);
    expect(c.defaultedFrom).toBeUndefined();
  });
});
