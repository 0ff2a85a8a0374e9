import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAgent, withModel } from '../../src/agents/frontmatter.js';

const agent = (front: string, body = 'You review code.\n') => `---\n${front}---\n${body}`;

describe('parseAgent', () => {
  it('reads name, description, model and the body', () => {
    const parsed = parseAgent(agent('name: reviewer\ndescription: Reviews code\nmodel: opus\ntools: Read\n'));
    expect(parsed).toMatchObject({
      ok: true,
      agent: { name: 'reviewer', description: 'Reviews code', model: 'opus', body: 'You review code.\n' },
    });
  });

  it('reads CRLF files, a byte order mark, block and quoted values', () => {
    const crlf =
      '\uFEFF---\r\nname: a\r\ndescription: |\r\n  line one\r\n  line two\r\nmodel: "haiku"\r\n---\r\nbody\r\n';
    expect(parseAgent(crlf)).toMatchObject({
      ok: true,
      agent: { name: 'a', description: 'line one\nline two', model: 'haiku' },
    });
  });

  it('reads what Claude Code reads although YAML rejects it: an unquoted "Use when: …", a leading "["', () => {
    expect(parseAgent(agent('name: a\ndescription: Helps. Use when: tests fail: often\n'))).toMatchObject({
      ok: true,
      agent: { description: 'Helps. Use when: tests fail: often' },
    });
    expect(parseAgent(agent('name: b\ndescription: [draft] writes docs\n'))).toMatchObject({
      ok: true,
      agent: { description: '[draft] writes docs' },
    });
  });

  it('says why a file is not a definition', () => {
    const problem = (text: string) => {
      const parsed = parseAgent(text);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem('name: a\ndescription: b\n')).toMatch(/no frontmatter/);
    expect(problem('---\nname: a\ndescription: b\n')).toMatch(/no closing ---/);
    expect(problem(agent('description: b\n'))).toBe('no name: in the frontmatter');
    expect(problem(agent('name: a\n'))).toBe('no description: in the frontmatter');
    expect(problem(agent('name: a\ndescription: b\nmodel: 4\n'))).toBe('model: is not a model name');
    expect(problem(agent('name: a\n  description: b\n - c\n'))).toMatch(/not valid YAML/);
    expect(problem(agent('- a\n- b\n'))).toMatch(/not a list of key: value settings/);
  });
});

describe('withModel', () => {
  it('rewrites only the model: line, keeping its quotes and comment', () => {
    const source = agent('name: r\nmodel: "haiku" # cheap\ndescription: Reviews code\n');
    expect(withModel(source, 'opus')).toEqual({
      text: agent('name: r\nmodel: "opus" # cheap\ndescription: Reviews code\n'),
    });
    expect(withModel(agent('name: r\ndescription: d\nmodel:\n'), 'sonnet')).toEqual({
      text: agent('name: r\ndescription: d\nmodel: sonnet\n'),
    });
  });

  it('adds one line before the closing --- when there is none, with the file’s line ends', () => {
    expect(withModel(agent('name: r\ndescription: d\n'), 'haiku')).toEqual({
      text: agent('name: r\ndescription: d\nmodel: haiku\n'),
    });
    const crlf = '---\r\nname: r\r\ndescription: d\r\n---\r\nbody\r\n';
    expect(withModel(crlf, 'haiku')).toEqual({
      text: '---\r\nname: r\r\ndescription: d\r\nmodel: haiku\r\n---\r\nbody\r\n',
    });
  });

  it('refuses what it cannot change on one line: a model over two lines, a malformed file', () => {
    expect(withModel(agent('name: r\ndescription: d\nmodel: >\n  opus\n'), 'haiku')).toHaveProperty('problem');
    expect(withModel('no frontmatter here', 'haiku')).toEqual({
      problem: 'no frontmatter (the file must start with a --- line)',
    });
  });

  it('any definition: exactly one line changes or is added, and it reads back with only the model changed', () => {
    const value = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.()-]{0,30}$/).map((s) => s.trim() || 'x');
    const key = fc.constantFrom('tools', 'color', 'permissionMode', 'maxTurns', 'skills');
    fc.assert(
      fc.property(
        fc.record({
          eol: fc.constantFrom('\n', '\r\n'),
          extra: fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 4 }),
          model: fc.option(fc.constantFrom('opus', 'sonnet', 'inherit', "'haiku'", 'claude-opus-4-7 # pinned')),
          modelAt: fc.nat(5),
          body: fc.array(value, { maxLength: 5 }),
          target: fc.constantFrom('opus', 'sonnet', 'haiku'),
        }),
        ({ eol, extra, model, modelAt, body, target }) => {
          const lines = [
            'name: generated',
            'description: Does generated things',
            ...extra.map(([k, v]) => `${k}: ${v}`),
          ];
          if (model !== null) lines.splice(Math.min(modelAt, lines.length), 0, `model: ${model}`);
          const source = ['---', ...lines, '---', ...body, ''].join(eol);
          const result = withModel(source, target);
          if (!('text' in result)) throw new Error(result.problem);
          const before = source.split(eol);
          const after = result.text.split(eol);
          const changed = after.filter((line, i) => line !== before[i]).length;
          const again = parseAgent(result.text);
          const first = parseAgent(source);
          if (model === null) {
            expect(after).toHaveLength(before.length + 1);
            expect(after.filter((line) => !before.includes(line))).toEqual([`model: ${target}`]);
          } else {
            expect(after).toHaveLength(before.length);
            expect(changed).toBe(first.ok && first.agent.model === target ? 0 : 1);
          }
          expect(again.ok && again.agent.model).toBe(target);
          if (again.ok && first.ok) {
            expect(again.agent.body).toBe(first.agent.body);
            expect({ ...again.agent.fields, model: 0 }).toEqual({ ...first.agent.fields, model: 0 });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
