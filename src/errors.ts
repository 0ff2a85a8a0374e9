/** Exit codes cr uses itself; claude's own codes pass through untouched. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 127,
  interrupted: 130,
} as const;

/** An error meant for the user: one clear line, and the exit code it carries. Only the entry point exits. */
export class CrError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    /** Extra lines printed after the message (e.g. every config problem). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CrError';
  }
}

export class UsageError extends CrError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.usage, details);
    this.name = 'UsageError';
  }
}
