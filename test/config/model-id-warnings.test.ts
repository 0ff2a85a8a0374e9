// Model ids cr warns about: typos of Claude models and models of no known family; Claude Code's aliases pass.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { formatModelIdWarning, modelIdWarnings } from '../../src/config/model-id-warnings.js';

const UNPRICED = 'is of no known family: cr stats shows its tokens unpriced (add a prices entry to price it)';

describe('modelIdWarnings', () => {
  it.each([
    ['claude-sonnet-4-5', undefined],
    ['claude-opus-4-7', undefined],
    ['claude-haiku-4-5-20251001', undefined],
    ['opus', undefined],
    ['sonnet', undefined],
    ['haiku', undefined],
    ['default', undefined],
    ['best', undefined],
    ['fable', undefined],
    ['opusplan', undefined],
    ['opus[1m]', undefined],
    ['sonnet[1m]', undefined],
    ['claude-sonnet-4-5[1m]', undefined],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', undefined],
    ['claude-sonnet-4-5@20250929', undefined],
    ['clade-sonet-4-5', 'looks like a typo of a claude-sonnet id'],
    ['claude-sonet-4-5', 'looks like a typo of a claude-sonnet id'],
    ['cluade-opus-4-7', 'looks like a typo of a claude-opus id'],
    ['claude-haiky-4-5', 'looks like a typo of a claude-haiku id'],
    ['clade-4', 'looks like a typo of a claude id'],
    ['sonet', 'looks like a typo of "sonnet"'],
    ['opsu', 'looks like a typo of "opus"'],
    ['opusplna', 'looks like a typo of "opusplan"'],
    ['defualt', 'looks like a typo of "default"'],
    ['sonet[1m]', 'looks like a typo of "sonnet"'],
    ['glm-4.6', UNPRICED],
    ['gpt-4o', UNPRICED],
    ['qwen3-coder-plus', UNPRICED],
    ['claude-instant-1', UNPRICED],
  ])('%s: %s', (id, expected) => {
    const warnings = modelIdWarnings({ tiers: { sonnet: { model: id } } });
    expect(warnings).toEqual(expected ? [{ path: 'tiers.sonnet.model', message: `"${id}" ${expected}` }] : []);
  });

  it('an id with its own price entry is not warned about', () => {
    expect(
      modelIdWarnings({ tiers: { opus: { model: 'glm-4.6' } }, prices: { 'glm-4.6': { input: 1, output: 2 } } }),
    ).toEqual([]);
  });

  it('walks every setting that holds a model id, with its key path', () => {
    const warnings = modelIdWarnings({
      tiers: { opus: { model: 'glm-4.6' }, haiku: { model: 'haiku' } },
      planModel: 'opusplna',
      fallbackModel: 'sonnet,clade-sonet-4-5',
      subagents: { model: 'kimi-k2' },
      rules: ['defaults', { id: 'docs', when: { pattern: 'docs' }, tier: 'haiku', model: 'glm-4.5-air' }],
      profiles: { zai: { models: { opus: 'glm-4.6', sonnet: 'claude-sonnet-4-5' } } },
    });
    expect(warnings.map(formatModelIdWarning)).toEqual([
      `tiers.opus.model "glm-4.6" ${UNPRICED}`,
      'planModel "opusplna" looks like a typo of "opusplan"',
      'fallbackModel "clade-sonet-4-5" looks like a typo of a claude-sonnet id',
      `subagents.model "kimi-k2" ${UNPRICED}`,
      `rules[1].model "glm-4.5-air" ${UNPRICED}`,
      `profiles.zai.models.opus "glm-4.6" ${UNPRICED}`,
    ]);
  });

  it('subagents.model "same", "one-below" and a tier are not model ids', () => {
    for (const model of ['same', 'one-below', 'haiku']) expect(modelIdWarnings({ subagents: { model } })).toEqual([]);
  });

  it('the defaults give no warning', () => {
    expect(modelIdWarnings(DEFAULT_CONFIG)).toEqual([]);
  });
});
