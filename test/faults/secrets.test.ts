// A credential typed into a task as NAME=value never reaches the history, nor --explain.
import { describe, expect, it } from 'vitest';
import { useWorld, type Sandbox } from '../support/world.js';

let w: Sandbox;
useWorld((s) => {
  w = s;
});

describe('NAME=value secrets in a task', () => {
  it('are redacted in history and in --explain; claude still gets the task as typed', async () => {
    const task = 'why does set ANTHROPIC_API_KEY=abc123xyz not work, and DB_PASSWORD=hunter2 neither';
    expect((await w.cr([task])).exitCode).toBe(0);
    expect((await w.fake.readCall(w.log)).argv.at(-1)).toBe(task);
    const recorded = w.history().find((r) => r.type === 'decision')?.task;
    expect(recorded).toBe('why does set ANTHROPIC_API_KEY=[redacted] not work, and DB_PASSWORD=[redacted] neither');
    const explained = await w.cr(['--explain', task]);
    expect(explained.stdout).not.toMatch(/abc123xyz|hunter2/);
  });
});
