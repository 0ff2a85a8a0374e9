import { describe, expect, it } from 'vitest';
import {
  NO_EVIDENCE,
  answersAsRouted,
  routedVsAnswered,
  sessionRoutings,
  substitutionCause,
  unroutedModels,
  type SessionRouting,
} from '../../src/report/substitution.js';
import { emptyTotals, type UsageTotals } from '../../src/usage/usage-index.js';

const M = 1_000_000;
function turns(messages: number, output = 0): UsageTotals {
  return { ...emptyTotals(), output, messages };
}
const DECIDED = Date.parse('2026-11-20T10:00:00Z');
function routing(models: (string | null)[], over: Partial<SessionRouting> = {}): SessionRouting {
  return { models, resumed: false, firstDecisionMs: DECIDED, ...over };
}

describe('answersAsRouted', () => {
  it('an alias and the full id it reaches the API as are the same model', () => {
    expect(answersAsRouted('opus', 'claude-opus-4-5-20251101')).toBe(true);
    expect(answersAsRouted('sonnet', 'claude-sonnet-5-5')).toBe(true);
    expect(answersAsRouted('claude-haiku-4-5', 'claude-haiku-4-5-20251001')).toBe(true);
    expect(answersAsRouted('glm-4.6', 'glm-4.6')).toBe(true);
  });

  it('another family, or another id of no family, is not', () => {
    expect(answersAsRouted('sonnet', 'claude-opus-4-5')).toBe(false);
    expect(answersAsRouted('claude-haiku-5-5', 'claude-sonnet-5-5')).toBe(false);
    expect(answersAsRouted('glm-4.6', 'claude-sonnet-5-5')).toBe(false);
  });

  it('opusplan answers as Opus or Sonnet; default and best may mean any model', () => {
    expect(answersAsRouted('opusplan', 'claude-sonnet-5-5')).toBe(true);
    expect(answersAsRouted('opusplan', 'claude-opus-5-5')).toBe(true);
    expect(answersAsRouted('opusplan', 'claude-haiku-5-5')).toBe(false);
    expect(answersAsRouted('default', 'claude-opus-5-5')).toBeUndefined();
    expect(answersAsRouted('best', 'claude-haiku-5-5')).toBeUndefined();
  });
});

describe('unroutedModels', () => {
  it('names the models no decision asked for', () => {
    const byModel = { 'claude-sonnet-5-5': turns(3), 'claude-opus-4-5': turns(12) };
    expect(unroutedModels(['sonnet'], byModel)).toEqual(['claude-opus-4-5']);
    expect(unroutedModels(['opus'], byModel)).toEqual(['claude-sonnet-5-5']);
  });

  it('an escalated session (sonnet, then opus) ran on what it was routed to', () => {
    const byModel = { 'claude-sonnet-5-5': turns(3), 'claude-opus-4-5': turns(12) };
    expect(unroutedModels(['sonnet', 'opus'], byModel)).toEqual([]);
  });

  it('cannot judge a session without a routed model, or routed to an open alias', () => {
    const byModel = { 'claude-opus-4-5': turns(1) };
    expect(unroutedModels([null], byModel)).toBeUndefined();
    expect(unroutedModels([], byModel)).toBeUndefined();
    expect(unroutedModels(['default'], byModel)).toBeUndefined();
  });

  it('messages of no recorded model are never a substitution', () => {
    expect(unroutedModels(['haiku'], { unknown: turns(2), 'claude-haiku-5-5': turns(1) })).toEqual([]);
  });
});

describe('substitutionCause', () => {
  const first = DECIDED + 60_000;
  it('fallback only when a model_fallback line names a model that answered unrouted', () => {
    const evidence = { fallbackModels: ['claude-sonnet-5-5'], modelCommands: 0 };
    expect(substitutionCause(['claude-sonnet-5-5'], evidence, routing(['haiku']), first)).toBe('fallback');
    // The fallback was to sonnet, but opus answered: the line does not explain it.
    expect(substitutionCause(['claude-opus-5-5'], evidence, routing(['haiku']), first)).toBe('unknown');
  });

  it('/model when the user ran it in the session', () => {
    const evidence = { fallbackModels: [], modelCommands: 1 };
    expect(substitutionCause(['claude-opus-5-5'], evidence, routing(['haiku']), first)).toBe('model-command');
  });

  it('resumed when a decision resumed it or the transcript starts before the first decision', () => {
    expect(substitutionCause(['claude-opus-5-5'], NO_EVIDENCE, routing(['haiku'], { resumed: true }), first)).toBe(
      'resumed',
    );
    expect(substitutionCause(['claude-opus-5-5'], NO_EVIDENCE, routing(['haiku']), DECIDED - 3_600_000)).toBe(
      'resumed',
    );
  });

  it('unknown when the transcript shows none of these', () => {
    expect(substitutionCause(['claude-opus-5-5'], NO_EVIDENCE, routing(['haiku']), first)).toBe('unknown');
  });
});

describe('routedVsAnswered', () => {
  it('lists every model that answered, and the unrouted ones with their turns, tokens and cost', () => {
    const byModel = { 'claude-sonnet-5-5': turns(3, M), 'claude-opus-4-5': turns(12, 2 * M) };
    const joined = routedVsAnswered(routing(['sonnet']), byModel, DECIDED + 1, NO_EVIDENCE, {});
    expect(joined?.answered.map((a) => [a.model, a.turns, a.tokens])).toEqual([
      ['claude-opus-4-5', 12, 2 * M],
      ['claude-sonnet-5-5', 3, M],
    ]);
    expect(joined?.substitution).toEqual({
      cause: 'unknown',
      models: [{ model: 'claude-opus-4-5', turns: 12, tokens: 2 * M, cost: 50 }],
      turns: 12,
      tokens: 2 * M,
      cost: 50,
    });
  });

  it('no substitution when everything answered as routed', () => {
    const joined = routedVsAnswered(
      routing(['opus']),
      { 'claude-opus-4-5-20251101': turns(4) },
      DECIDED,
      NO_EVIDENCE,
      {},
    );
    expect(joined).toMatchObject({ substitution: null, answered: [{ model: 'claude-opus-4-5-20251101', turns: 4 }] });
  });

  it('a model of no price counts its tokens but no dollars', () => {
    const joined = routedVsAnswered(routing(['haiku']), { 'glm-4.6': turns(2, 10) }, DECIDED, NO_EVIDENCE, {});
    expect(joined?.substitution).toMatchObject({ tokens: 10, cost: 0, models: [{ model: 'glm-4.6', cost: null }] });
  });
});

describe('sessionRoutings', () => {
  it('gathers the distinct models, a resume and the earliest decision per session', () => {
    const r = sessionRoutings([
      { sessionId: 's1', model: 'sonnet', kind: 'route', time: '2026-11-20T10:00:00Z' },
      { sessionId: 's2', model: 'haiku', kind: 'route', time: '2026-11-20T11:00:00Z' },
      { sessionId: 's1', model: 'opus', kind: 'escalation', time: '2026-11-20T12:00:00Z' },
      { sessionId: 's1', model: null, kind: 'resume', time: '2026-11-20T13:00:00Z' },
      { model: 'opus', kind: 'route', time: '2026-11-20T13:00:00Z' },
    ]);
    expect([...r.keys()]).toEqual(['s1', 's2']);
    expect(r.get('s1')).toEqual({ models: ['sonnet', 'opus', null], resumed: true, firstDecisionMs: DECIDED });
    expect(r.get('s2')?.resumed).toBe(false);
  });
});
