// The one place cr prompts. `prompts` is loaded only when a question is really asked, and
// nothing is ever asked when stdin or stdout is not a terminal or under CI.
import type { Answers, PromptObject } from 'prompts';
import { CrError, EXIT } from '../errors.js';
import { colorEnabled } from './color-choice.js';
import { visible } from './format.js';

/** What deciding whether to prompt needs from the context. */
export interface PromptContext {
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

/** CI systems set CI (to "true", "1", a name…); "0" and "false" mean not CI. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  if (value === undefined || value === '') return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}

/** Why cr will not prompt here, or undefined when it may. */
export function whyNoPrompt(ctx: PromptContext): string | undefined {
  if (!ctx.stdinIsTTY) return 'stdin is not a terminal';
  if (!ctx.stdoutIsTTY) return 'stdout is not a terminal';
  if (isCI(ctx.env)) return 'CI is set';
  return undefined;
}

export function canPrompt(ctx: PromptContext): boolean {
  return whyNoPrompt(ctx) === undefined;
}

/**
 * prompts colours with kleur 3, which reads NODE_DISABLE_COLORS (not NO_COLOR) once, as it loads:
 * without colour it loads with that set, and the variable is put back at once (claude, started
 * later with this environment, must not inherit it).
 */
async function loadPrompts(color: boolean): Promise<typeof import('prompts')> {
  const before = process.env.NODE_DISABLE_COLORS;
  if (!color) process.env.NODE_DISABLE_COLORS = '1';
  try {
    const mod = (await import('prompts')) as unknown as {
      default?: typeof import('prompts');
    } & typeof import('prompts');
    return (mod.default ?? mod) as typeof import('prompts');
  } finally {
    if (before === undefined) delete process.env.NODE_DISABLE_COLORS;
    else process.env.NODE_DISABLE_COLORS = before;
  }
}

/**
 * Asks the questions; Ctrl-C (or Esc) stops everything with exit 130.
 * Callers check canPrompt first; asking where cr may not prompt is a usage error.
 */
export async function ask<T extends string>(
  ctx: PromptContext,
  questions: PromptObject<T> | PromptObject<T>[],
): Promise<Answers<T>> {
  const why = whyNoPrompt(ctx);
  if (why) throw new CrError(`cannot ask: ${why}`, EXIT.usage);
  const prompts = await loadPrompts(colorEnabled(ctx.env, ctx.stdoutIsTTY));
  let cancelled = false;
  // prompts writes to the terminal itself, past the output boundary (createContext): its texts are
  // made safe here.
  const safe = (q: PromptObject<T>): PromptObject<T> => ({
    ...q,
    ...(typeof q.message === 'string' ? { message: visible(q.message) } : {}),
    ...(Array.isArray(q.choices)
      ? {
          choices: q.choices.map((c) => ({
            ...c,
            title: visible(c.title),
            ...(c.description ? { description: visible(c.description) } : {}),
          })),
        }
      : {}),
  });
  const answers = await prompts(Array.isArray(questions) ? questions.map(safe) : safe(questions), {
    onCancel: () => {
      cancelled = true;
      return false;
    },
  });
  if (cancelled) throw new CrError('cancelled', EXIT.interrupted);
  return answers;
}

export interface Choice<V extends string> {
  title: string;
  value: V;
  description?: string;
}

/** One choice from a list, the `initial` one preselected. */
export async function select<V extends string>(
  ctx: PromptContext,
  message: string,
  choices: readonly Choice<V>[],
  initial?: V,
): Promise<V> {
  const index = Math.max(
    0,
    choices.findIndex((c) => c.value === initial),
  );
  const answers = await ask(ctx, {
    type: 'select',
    name: 'value',
    message,
    choices: [...choices],
    initial: index,
    hint: '↑/↓ then Enter',
  });
  return answers.value as V;
}

export async function confirm(ctx: PromptContext, message: string, initial = false): Promise<boolean> {
  const answers = await ask(ctx, { type: 'confirm', name: 'value', message, initial });
  return Boolean(answers.value);
}

/** Free text; `validate` returns true or the message to show. */
export async function text(
  ctx: PromptContext,
  message: string,
  initial: string,
  validate?: (value: string) => true | string,
): Promise<string> {
  const answers = await ask(ctx, {
    type: 'text',
    name: 'value',
    message,
    initial,
    ...(validate ? { validate: (v: string) => validate(String(v ?? '').trim()) } : {}),
  });
  return String(answers.value ?? '').trim();
}
