/** A mistake in how a command was called (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** How to call it correctly. */
  readonly hint: string | undefined;
  constructor(message: string, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.hint = hint;
  }
}

/** A file or folder smallwins could not read or write (exit code 1). */
export class FileError extends Error {
  override readonly name = "FileError";
  readonly path: string;
  /** What to do about it, when there is something to say. */
  readonly hint: string | undefined;
  constructor(message: string, path: string, options?: ErrorOptions & { hint?: string }) {
    super(message, options);
    this.path = path;
    this.hint = options?.hint;
  }
}
