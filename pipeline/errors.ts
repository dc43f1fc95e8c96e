/**
 * The closed set of conditions that stop a stage. Anything doubtful but
 * survivable is a Diagnostic on the document instead (see document/types.ts).
 */
export type ErrorCode =
  | "input:missing"
  | "input:empty"
  | "input:binary"
  | "input:encoding"
  | "input:too-large"
  | "input:pdf-damaged"
  | "input:pdf-encrypted"
  | "input:pdf-no-text"
  | "config:invalid"
  | "config:syntax"
  | "memory:invalid"
  | "glossary:invalid"
  | "tool:missing"
  | "tool:too-old"
  | "tool:failed"
  | "render:failed"
  | "output:invalid"
  | "output:locked"
  | "usage";

/** An error that names the file (and line) it is about. */
export class TweeluikError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;

  constructor(code: ErrorCode, message: string, where?: { file?: string; line?: number; cause?: unknown }) {
    super(message, where?.cause === undefined ? undefined : { cause: where.cause });
    this.name = "TweeluikError";
    this.code = code;
    this.file = where?.file;
    this.line = where?.line;
  }

  /** "file:line: message [code]", the form the CLI prints. */
  format(): string {
    const loc = this.file ? `${this.file}${this.line ? `:${this.line}` : ""}: ` : "";
    return `${loc}${this.message} [${this.code}]`;
  }
}

/**
 * One line for any error: a TweeluikError as `file:line: message [code]`; a
 * system error (ENOENT, EACCES, ENOTDIR…) with the path it is about; anything
 * else by its message. The CLI prints this, never a stack trace (unless --debug).
 */
export function errorLine(err: unknown): string {
  if (err instanceof TweeluikError) return err.format();
  if (err instanceof Error) {
    const { path, code } = err as NodeJS.ErrnoException;
    const message = err.message.split("\n")[0]!;
    if (path && code) return `${path}: ${message.replace(/^[A-Z]+: /, "")}`;
    return message;
  }
  return String(err);
}
