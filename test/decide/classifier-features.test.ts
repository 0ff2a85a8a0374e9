import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../src/decide/classifier/compile-lexicon.js';
import { createExtractor, findRoleSentence } from '../../src/decide/classifier/features.js';
import { tokenise } from '../../src/decide/classifier/text.js';
import { stem } from '../../src/decide/classifier/text.js';
import { classifyTask } from '../../src/decide/classify-task.js';

const extract = createExtractor(compileLexicon());
const fired = (task: string, feature: string): boolean => extract(task).features.some((f) => f.name === feature);

describe('stemmer: words kept apart from unrelated lexicon words', () => {
  it.each([
    ['conversation', 'conversion'],
    ['conversational', 'convert'],
    ['mine', 'minor'],
    ['mining', 'minor'],
    ['portal', 'port'],
    ['portals', 'port'],
    ['posture', 'post'],
    ['capture', 'caption'],
  ])('%s is not %s', (a, b) => {
    expect(stem(a)).not.toBe(stem(b));
  });

  it('the words they used to collide with still match their own families', () => {
    expect(fired('convert the conversion table to YAML', 'vo:convert-format')).toBe(true);
    expect(fired('a minor wording fix in the footer', 'cue:quick')).toBe(true);
    expect(fired('Helpdesk bot that keeps conversations friendly and on topic', 'vo:convert-format')).toBe(false);
    expect(fired('Use when you need to mine build logs for recurring warnings', 'cue:quick')).toBe(false);
  });
});

describe('verb–object patterns skip verbs that only say when', () => {
  it('"before committing" is a time, not a commit task', () => {
    expect(fired('Style checker for Ruby files. Run it before committing changes.', 'vo:git-commit')).toBe(false);
    expect(fired('commit the staged changes with a short message', 'vo:git-commit')).toBe(true);
  });

  it('"after reviewing the diff" is a step before the task, not a code review', () => {
    expect(fired('after reviewing the diff, write the release announcement', 'vo:review-code')).toBe(false);
    expect(fired('reviewing the diff of the queue worker is the task', 'vo:review-code')).toBe(true);
  });
});

describe('design-and-build: an agent that designs among hands-on verbs', () => {
  it('fires on a list of activities in one inflection, in agent descriptions', () => {
    expect(
      fired(
        'Use this agent when designing, building and maintaining Rust CLI tools for the release team.',
        'cue:design-and-build',
      ),
    ).toBe(true);
    expect(
      fired(
        'Data platform developer who designs and implements event ingestion services and their tests.',
        'cue:design-and-build',
      ),
    ).toBe(true);
    expect(
      fired('Use when writing Svelte components, architecting stores and deploying previews.', 'cue:design-and-build'),
    ).toBe(true);
  });

  it('does not fire on nouns, across sentences, on other inflections, or on a single task', () => {
    // "architecture" is a noun; "designer" a role
    expect(
      fired('Use when building apps with a clean architecture and a designer on the team.', 'cue:design-and-build'),
    ).toBe(false);
    // a design and a build verb in different sentences, or in different forms
    expect(
      fired('Reviews designs for new services. Writes short reports for the team lead.', 'cue:design-and-build'),
    ).toBe(false);
    expect(fired('Use when designing the payment flow that other teams build.', 'cue:design-and-build')).toBe(false);
    // a task, not an agent: designing and implementing a platform-wide system is still design work
    expect(fired('design and implement a sharded job queue for the whole platform', 'cue:design-and-build')).toBe(
      false,
    );
  });

  it('moves a design-and-build agent to sonnet, while a design-only agent and a design task stay opus', () => {
    expect(
      classifyTask(
        'Use this agent when designing, building and maintaining webhook delivery services with retries and signing.',
      ).tier,
    ).toBe('sonnet');
    expect(
      classifyTask(
        'Architect who designs event-driven architectures and weighs consistency trade-offs between services.',
      ).tier,
    ).toBe('opus');
    expect(classifyTask('design and implement a sharded job queue for the whole platform').tier).toBe('opus');
  });
});

describe('preserve-behaviour: a pattern, not a list of literal phrases', () => {
  it('fires on a keep verb or a negated change verb followed by a behaviour noun', () => {
    expect(fired('move the helpers into a new file, keeping the existing behaviour', 'cue:preserve-behaviour')).toBe(
      true,
    );
    expect(fired('inline the wrapper class while retaining backward compatibility', 'cue:preserve-behaviour')).toBe(
      true,
    );
    expect(fired('swap the HTTP client without altering any observable behavior', 'cue:preserve-behaviour')).toBe(true);
    expect(fired("split the module but don't break existing functionality", 'cue:preserve-behaviour')).toBe(true);
  });

  it('does not fire on a change that is asked for, on "function", or across a clause', () => {
    expect(fired('change the retry behaviour so it gives up after three attempts', 'cue:preserve-behaviour')).toBe(
      false,
    );
    expect(fired('keep the function short and add a docstring', 'cue:preserve-behaviour')).toBe(false);
    expect(fired('keep it small. Behaviour of the parser is wrong on empty input', 'cue:preserve-behaviour')).toBe(
      false,
    );
  });
});

describe('lookups and status reports: handing back what already exists', () => {
  it('vo:lookup fires on a find/fetch verb with a thing that exists, not on a negated verb or a lone noun', () => {
    expect(fired('Use this agent to fetch the build logs of a failed job and paste the tail.', 'vo:lookup')).toBe(true);
    expect(fired('look up the definition of the retry limit constant', 'vo:lookup')).toBe(true);
    expect(fired('Helper that locates the config files a service reads at start-up', 'vo:lookup')).toBe(true);
    expect(fired("don't search the docs; rewrite the upload handler so it streams", 'vo:lookup')).toBe(false);
    expect(fired('fix the path handling in the uploader', 'vo:lookup')).toBe(false);
  });

  it('cue:report-only fires on a report of the current state or a read-only pass, not when it is waved off', () => {
    expect(fired('post a progress update on the migration for the team channel', 'cue:report-only')).toBe(true);
    expect(fired('Agent that writes a recap of yesterday’s merged work every morning', 'cue:report-only')).toBe(true);
    expect(fired('no status report needed, just make the flaky test pass', 'cue:report-only')).toBe(false);
    // A pass that says it changes nothing is report-only too.
    expect(fired('Read-only helper that answers questions about the deploy scripts', 'cue:report-only')).toBe(true);
  });
});

describe('findRoleSentence: a later sentence that opens with a third-person verb', () => {
  const role = (text: string): string | undefined => {
    const t = findRoleSentence(tokenise(text, 1000).tokens, text);
    return t && text.slice(t.start, t.end);
  };
  it.each([
    ['Package the CLI for release. Produces the tarball, checksums and a signed manifest.', 'Produces'],
    ['Audit the logging setup; Checks every handler for leaked tokens.', 'Checks'],
    ['Migrate the jobs to the new queue.\nHandles retries and dead letters.', 'Handles'],
  ])('%s -> %s', (text, word) => {
    expect(role(text)).toBe(word);
  });
  it.each([
    'Produces a report of the open issues', // the first sentence is style:third-person's business
    'Fix the parser. Tests must pass afterwards.', // a plural subject before an auxiliary
    'Fix the parser, handles the edge cases too', // a comma is no sentence end
    'Fix the parser. handles are leaking too', // no capital: not a sentence opening
    'Fix the parser. Make sure it handles comments.', // an imperative second sentence
  ])('%s -> none', (text) => {
    expect(role(text)).toBeUndefined();
  });
  it('is not a feature: it leaves the model input alone', () => {
    const r = extract('Package the CLI for release. Produces the tarball, checksums and a signed manifest.');
    expect(r.roleSentence).toBe('Produces');
    expect(r.features.some((f) => f.name.startsWith('style:') || f.name.startsWith('role'))).toBe(false);
  });
});
