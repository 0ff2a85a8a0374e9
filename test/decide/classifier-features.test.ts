import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../src/decide/classifier/compile-lexicon.js';
import { createExtractor } from '../../src/decide/classifier/features.js';
import { stem } from '../../src/decide/classifier/text.js';

const extract = createExtractor(compileLexicon());
const fired = (task: string, feature: string): boolean => extract(task).features.some((f) => f.name === feature);

describe('stemmer: words kept apart from unrelated lexicon words', () => {
  it.each([
    ['conversation', 'conversion'], ['conversational', 'convert'], ['mine', 'minor'], ['mining', 'minor'],
    ['portal', 'port'], ['portals', 'port'], ['posture', 'post'], ['capture', 'caption'],
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
