import { describe, expect, it } from 'vitest';
import { STDIN_TASK_BYTES, taskFromStdin } from '../../src/launch/measure-input.js';

describe('taskFromStdin', () => {
  it('is the piped text, trimmed', () => {
    expect(taskFromStdin(Buffer.from('  sort these imports\n'))).toBe('sort these imports');
  });
  it('is empty for no input, and for data with a NUL byte', () => {
    expect(taskFromStdin(undefined)).toBe('');
    expect(taskFromStdin(Buffer.alloc(0))).toBe('');
    expect(taskFromStdin(Buffer.from('PK\u0003\u0004\u0000\u0000binary'))).toBe('');
  });
  it('keeps the first STDIN_TASK_BYTES and drops a character cut in two at the end', () => {
    const text = `${'a'.repeat(STDIN_TASK_BYTES - 1)}日本`;
    const task = taskFromStdin(Buffer.from(text));
    expect(task).toBe('a'.repeat(STDIN_TASK_BYTES - 1));
  });
});
