import { lstatSync } from "node:fs";
import path from "node:path";
import { FileError } from "../errors.js";
import { displayPath } from "./journal.js";
import { userPathOf } from "./leftovers.js";

/** What smallwins was doing when a file-system call failed, to say it in the user's terms. */
export interface FileErrorContext {
  /** The start of the message: what could not be done, e.g. "could not write the site to site". */
  readonly failed: string;
  /** What else the user may do, ending every hint that has room for it, e.g. "choose another --out folder". */
  readonly otherwise: string;
  /** The file or folder being written or read (absolute), named when the error names none (a failed `write` has no path). */
  readonly writing: string;
  /** Paths are shown relative to this folder. */
  readonly cwd: string;
  /** A folder reached through a symlink: paths under `real` are shown under `given`, as the user named them. */
  readonly link?: { readonly real: string; readonly given: string };
  /** True when smallwins was only reading: a permission error then means something cannot be read. */
  readonly reading?: boolean;
  /** Said after the message when the folder at fault is `folder`: why smallwins writes there at all. */
  readonly beside?: { readonly folder: string; readonly note: string };
}

/** A file-system error as Node gives it. */
type ErrnoError = Error & { code?: string; syscall?: string; path?: string; dest?: string };

/** Calls that only read: a permission error there means something cannot be read, not written. */
const READS = new Set(["scandir", "opendir", "readdir", "lstat", "stat", "readlink", "access", "read", "copyfile", "realpath"]);

/** The longest name most file systems take, in bytes. */
const NAME_MAX = 255;

/**
 * Says what is wrong and what to do about a failed file-system call: which
 * folder is read-only or not writable, that a disk is full, that a name is too
 * long, with the paths the user knows (never a temporary name). Codes it has
 * no words for keep Node's message, with temporary names replaced.
 */
export function explainFileError(error: unknown, context: FileErrorContext): FileError {
  const e = (error instanceof Error ? error : new Error(String(error))) as ErrnoError;
  const known = (file: string): string => {
    const user = userPathOf(file);
    const link = context.link;
    if (!link || (user !== link.real && !user.startsWith(link.real + path.sep))) return user;
    return link.given + user.slice(link.real.length);
  };
  const shown = (file: string): string => displayPath(known(file), context.cwd);
  const target = e.path ?? e.dest ?? context.writing;
  const subject = shown(target);
  // A call that makes, renames or removes an entry needs to write the folder it is in.
  const folder = shown(path.dirname(target));
  const note = context.beside && path.dirname(userPathOf(target)) === context.beside.folder ? ` (${context.beside.note})` : "";
  // A full or failing disk is said of what the user asked to write.
  const disk = `the disk holding ${shown(context.writing)}`;
  const fail = (what: string, hint?: string): FileError => new FileError(`${context.failed}: ${what}`, known(target), { cause: error, ...(hint ? { hint } : {}) });
  const otherwise = context.otherwise;
  const concurrent = (): FileError =>
    fail(`${subject} was made by another program while smallwins wrote it (another build at the same time?)`, "let only one build at a time write to the same folder, and run it again");
  switch (e.code) {
    case "EROFS":
      return fail(`${folder} is on a read-only file system${note}`, `mount that disk read-write, or ${otherwise}`);
    case "EACCES":
    case "EPERM":
      if (context.reading || (e.syscall && READS.has(e.syscall))) return fail(`this user may not read ${subject}`, `make it readable for this user (chmod u+r, or chown), or ${otherwise}`);
      return fail(`${folder} is read-only, or not writable by this user${note}`, `make ${folder} writable for this user (chmod u+w, or chown), or ${otherwise}`);
    case "ENOSPC":
      return fail(`${disk} is full`, `free some space on it, or ${otherwise}`);
    case "EDQUOT":
      return fail(`your disk quota on ${disk} is used up`, `free some space or ask for a larger quota, or ${otherwise}`);
    case "ENAMETOOLONG":
      return fail(...tooLong(target, shown, otherwise));
    case "EMFILE":
    case "ENFILE":
      return fail(
        `too many files are open at once (the limit ${e.code === "EMFILE" ? "of this process" : "of the whole system"} was reached)`,
        "close other programs, or raise the limit (e.g. `ulimit -n 4096`), and run it again",
      );
    case "ENOTDIR":
    case "EEXIST": {
      const file = fileInTheWay(target);
      if (file) return fail(`${shown(file)} is a file, where a folder is needed`, `move that file away, or ${otherwise}`);
      if (e.code === "EEXIST" && e.syscall === "rename") return concurrent();
      break;
    }
    case "ENOTEMPTY":
      if (e.syscall === "rename") return concurrent();
      break;
    case "EISDIR":
      return fail(`${subject} is a folder, where a file is needed`, `move that folder away, or ${otherwise}`);
    case "ENOENT":
      return fail(`${subject} disappeared while smallwins was using it (moved or deleted by another program?)`, "run it again; let only one build at a time write to the same folder");
    case "EBUSY":
    case "EXDEV":
      if (e.syscall === "rename") {
        return fail(`${subject} is a mount point (or in use), so it cannot be replaced by a new folder`, `use a folder inside it (e.g. --out ${subject}/public), or mount the folder above it instead`);
      }
      break;
    case "EIO":
      return fail(`${disk} reported an input/output error`, `check the disk (dmesg, fsck), or ${otherwise}`);
    case "ELOOP":
      return fail(`${subject} goes through a loop of symbolic links`, "fix or remove the link");
    case "EFBIG":
      return fail(`a file is too large for ${disk}`, otherwise);
    case "EMLINK":
      return fail(`${folder} holds as many entries as its file system allows`, otherwise);
  }
  return fail(replaceTemporaryPaths(e.message, e, shown));
}

/** The message and hint for ENAMETOOLONG: which name (or the whole path) is too long. */
function tooLong(target: string, shown: (file: string) => string, otherwise: string): [string, string] {
  const parts = target.split(path.sep);
  const long = parts.findIndex((part) => Buffer.byteLength(part) > NAME_MAX);
  if (long < 0) return [`the path ${shown(target)} is too long for the file system`, `use a folder with a shorter path, or ${otherwise}`];
  const user = userPathOf(parts.slice(0, long + 1).join(path.sep));
  const name = path.basename(user);
  if (Buffer.byteLength(name) <= NAME_MAX) {
    // Only the temporary name made from it is too long: the user's name leaves no room for it.
    const room = Buffer.byteLength(parts[long]!) - Buffer.byteLength(name);
    return [
      `the name ${name} is too long: smallwins writes beside it under a name ${room} bytes longer, and a name may have at most ${NAME_MAX} bytes`,
      `give the folder a shorter name (at most ${NAME_MAX - room} bytes), or ${otherwise}`,
    ];
  }
  return [`the name of ${shown(user)} is too long for the file system (${Buffer.byteLength(name)} bytes; at most ${NAME_MAX})`, "shorten the name it is made from"];
}

/** The first file (from the root down) on the way to `target` that is not a folder, or `target` itself when it is a file. */
function fileInTheWay(target: string): string | undefined {
  const parts = path.resolve(target).split(path.sep);
  for (let i = 2; i <= parts.length; i++) {
    const at = parts.slice(0, i).join(path.sep) || path.sep;
    const stats = lstatSync(at, { throwIfNoEntry: false });
    if (!stats) return undefined;
    if (!stats.isDirectory()) return at;
  }
  return undefined;
}

/** Node's message, with the temporary paths it names replaced by the paths the user knows. */
function replaceTemporaryPaths(message: string, e: ErrnoError, shown: (file: string) => string): string {
  let text = message;
  for (const file of [e.path, e.dest]) if (file) text = text.split(file).join(shown(file));
  return text;
}
