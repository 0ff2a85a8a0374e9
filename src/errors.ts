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

/**
 * A file system error code in words, for one-line messages about a file cr could not read or write
 * (the config, the history): undefined for a code not listed.
 */
export function fsErrorWords(code: string | undefined): string | undefined {
  return code === undefined ? undefined : FS_ERROR_WORDS[code];
}

const FS_ERROR_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};
