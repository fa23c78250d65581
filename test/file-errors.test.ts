/**
 * File-system errors people can act on (src/io/file-errors.ts): for each
 * error a build can meet, the message says what is wrong and the hint what
 * to do, naming the folder the user gave (shown from where the command runs),
 * never a temporary name. First the mapping from each errno, with errors
 * shaped as Node gives them (code, syscall, a path through a temporary
 * name); then the real binary meeting real errors: a name too long, a file
 * where a folder must be, a read-only file system and a full disk (tmpfs
 * mounts in a mount namespace of their own, where the system allows one),
 * a folder this user may not write (as root: run as `nobody`), and codes no
 * test can cause for real (a disk quota, too many open files, an I/O error)
 * injected into the binary's `writeFileSync` by a Node `--import` hook.
 * Also watch's single-file writes and a cache that cannot be saved (a
 * warning, not a failed build).
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileError } from "../src/errors.js";
import { explainFileError, type FileErrorContext } from "../src/io/file-errors.js";
import { siteFolders, temporaryFileName } from "../src/io/leftovers.js";
import { CLI_PATH, runCli, runProcess, snapshotTree } from "./helpers/cli.js";
import { copyFixture, useSiteTempDirs } from "./helpers/site.js";

const tempDir = useSiteTempDirs();
const TODAY = ["--today", "2026-03-25"];

/** An error as Node's fs gives it. */
function nodeError(code: string, syscall: string, file?: string, dest?: string): NodeJS.ErrnoException {
  const where = file ? ` '${file}'${dest ? ` -> '${dest}'` : ""}` : "";
  return Object.assign(new Error(`${code}: something went wrong, ${syscall}${where}`), { code, syscall, errno: -1, ...(file ? { path: file } : {}), ...(dest ? { dest } : {}) });
}

const cwd = "/home/sam/wins";
const out = "/home/sam/wins/site";
const folders = siteFolders(out);
const inNew = (rel: string): string => path.join(folders.next, ...rel.split("/"));
const site: FileErrorContext = {
  failed: "could not write the site to site",
  otherwise: "choose another --out folder",
  writing: out,
  cwd,
  beside: { folder: cwd, note: "the new site is made beside site, then the two are swapped" },
};

/** No message or hint names a temporary file or folder. */
function expectNoTemporaryName(error: FileError): void {
  expect(`${error.message}\n${error.hint ?? ""}`).not.toMatch(/smallwins-(new|old|gone)|\.tmp\b/);
}

describe("explainFileError: each errno, with the path the user gave", () => {
  const long = "x".repeat(300);
  const deep = Array.from({ length: 20 }, () => "y".repeat(250)).join("/");
  it.each([
    ["EROFS", "mkdir", folders.next, undefined, "/home/sam/wins is on a read-only file system (the new site is made beside site, then the two are swapped)", "mount that disk read-write, or choose another --out folder"],
    ["EACCES", "mkdir", folders.next, undefined, "/home/sam/wins is read-only, or not writable by this user (the new site is made beside site, then the two are swapped)", "make /home/sam/wins writable for this user (chmod u+w, or chown), or choose another --out folder"],
    ["EPERM", "rename", out, folders.previous, "/home/sam/wins is read-only, or not writable by this user (the new site is made beside site, then the two are swapped)", "make /home/sam/wins writable"],
    ["EACCES", "open", inNew("days/2026-03-02.html"), undefined, "site/days is read-only, or not writable by this user", "make site/days writable for this user"],
    ["EACCES", "scandir", path.join(out, "img"), undefined, "this user may not read site/img", "make it readable for this user (chmod u+r, or chown), or choose another --out folder"],
    ["ENOSPC", "write", undefined, undefined, "the disk holding site is full", "free some space on it, or choose another --out folder"],
    ["ENOSPC", "open", inNew("days/2026-03-02.html"), undefined, "the disk holding site is full", "free some space on it"],
    ["EDQUOT", "write", undefined, undefined, "your disk quota on the disk holding site is used up", "free some space or ask for a larger quota, or choose another --out folder"],
    ["ENAMETOOLONG", "open", inNew(`days/${long}.html`), undefined, `the name of site/days/${long}.html is too long for the file system (305 bytes; at most 255)`, "shorten the name it is made from"],
    ["ENAMETOOLONG", "open", inNew(deep), undefined, `the path site/${deep} is too long for the file system`, "use a folder with a shorter path, or choose another --out folder"],
    ["EMFILE", "open", inNew("index.html"), undefined, "too many files are open at once (the limit of this process was reached)", "raise the limit (e.g. `ulimit -n 4096`)"],
    ["ENFILE", "open", inNew("index.html"), undefined, "too many files are open at once (the limit of the whole system was reached)", "close other programs"],
    ["EEXIST", "rename", folders.next, out, "site was made by another program while smallwins wrote it (another build at the same time?)", "let only one build at a time write to the same folder"],
    ["ENOTEMPTY", "rename", folders.next, out, "site was made by another program while smallwins wrote it (another build at the same time?)", "let only one build at a time"],
    ["EISDIR", "open", inNew("index.html"), undefined, "site/index.html is a folder, where a file is needed", "move that folder away, or choose another --out folder"],
    ["ENOENT", "rename", out, folders.previous, "site disappeared while smallwins was using it (moved or deleted by another program?)", "run it again; let only one build at a time write to the same folder"],
    ["EBUSY", "rename", out, folders.previous, "site is a mount point (or in use), so it cannot be replaced by a new folder", "use a folder inside it (e.g. --out site/public), or mount the folder above it instead"],
    ["EXDEV", "rename", out, folders.previous, "site is a mount point (or in use), so it cannot be replaced by a new folder", "--out site/public"],
    ["EIO", "write", undefined, undefined, "the disk holding site reported an input/output error", "check the disk (dmesg, fsck), or choose another --out folder"],
    ["ELOOP", "open", inNew("index.html"), undefined, "site/index.html goes through a loop of symbolic links", "fix or remove the link"],
    ["EFBIG", "write", undefined, undefined, "a file is too large for the disk holding site", "choose another --out folder"],
    ["EMLINK", "mkdir", inNew("days"), undefined, "site holds as many entries as its file system allows", "choose another --out folder"],
  ])("%s from %s", (code, syscall, file, dest, message, hint) => {
    const error = explainFileError(nodeError(code, syscall, file, dest), site);
    expect(error).toBeInstanceOf(FileError);
    expect(error.message).toBe(`could not write the site to site: ${message}`);
    expect(error.hint).toContain(hint);
    expect(error.cause).toBeInstanceOf(Error);
    expectNoTemporaryName(error);
  });

  it("an output folder name that leaves no room for the temporary name beside it", () => {
    const name = "s".repeat(230);
    const long = siteFolders(path.join(cwd, name));
    const error = explainFileError(nodeError("ENAMETOOLONG", "mkdir", long.next), { ...site, failed: `could not write the site to ${name}`, writing: path.join(cwd, name) });
    const extra = path.basename(long.next).length - name.length;
    expect(error.message).toBe(`could not write the site to ${name}: the name ${name} is too long: smallwins writes beside it under a name ${extra} bytes longer, and a name may have at most 255 bytes`);
    expect(error.hint).toBe(`give the folder a shorter name (at most ${255 - extra} bytes), or choose another --out folder`);
  });

  it("a code it has no words for keeps Node's message, with the user's paths in it", () => {
    const error = explainFileError(nodeError("ESTALE", "open", inNew("days/2026-03-02.html")), site);
    expect(error.message).toBe("could not write the site to site: ESTALE: something went wrong, open 'site/days/2026-03-02.html'");
    expect(error.hint).toBeUndefined();
    expectNoTemporaryName(error);
  });

  it("through a symlinked output folder, names the folder as the user gave it", () => {
    const real = "/srv/www/wins";
    const linked = siteFolders(real);
    const error = explainFileError(nodeError("EISDIR", "open", path.join(linked.next, "index.html")), { ...site, link: { real, given: out } });
    expect(error.message).toBe("could not write the site to site: site/index.html is a folder, where a file is needed");
  });

  it("a watch's single-file write names the page, not its temporary file", () => {
    const page = path.join(out, "days", "2026-03-02.html");
    const error = explainFileError(nodeError("EROFS", "open", temporaryFileName(page)), { ...site, failed: "could not write site/days/2026-03-02.html", writing: page });
    expect(error.message).toBe("could not write site/days/2026-03-02.html: site/days is on a read-only file system");
    expectNoTemporaryName(error);
  });

  it("reading the journal: a permission error means a file cannot be read", () => {
    const file = path.join(cwd, "journal", "2026", "03", "2026-03-02.md");
    const error = explainFileError(nodeError("EACCES", "open", file), {
      failed: "cannot read the journal folder journal",
      otherwise: "point --journal at another folder",
      writing: path.join(cwd, "journal"),
      cwd,
      reading: true,
    });
    expect(error.message).toBe("cannot read the journal folder journal: this user may not read journal/2026/03/2026-03-02.md");
    expect(error.hint).toBe("make it readable for this user (chmod u+r, or chown), or point --journal at another folder");
  });

  it("ENOTDIR and EEXIST name the file that stands where a folder must be", async () => {
    const dir = await tempDir("smallwins-errors-");
    await writeFile(path.join(dir, "notes.txt"), "mine\n");
    const context = { ...site, cwd: dir, writing: path.join(dir, "notes.txt", "site"), beside: { folder: path.join(dir, "notes.txt"), note: "" } };
    for (const [code, file] of [
      ["ENOTDIR", path.join(dir, "notes.txt", "site")],
      ["EEXIST", path.join(dir, "notes.txt")],
    ] as const) {
      const error = explainFileError(nodeError(code, "mkdir", file), context);
      expect(error.message).toBe("could not write the site to site: notes.txt is a file, where a folder is needed");
      expect(error.hint).toBe("move that file away, or choose another --out folder");
    }
  });
});

/** A built copy of site-gaps. */
async function project(): Promise<string> {
  const root = await tempDir("smallwins-errors-");
  await copyFixture("site-gaps", root);
  return root;
}

/** Names beside the folders of `root` that smallwins makes while it writes. */
async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => /\.smallwins-(new|old|gone)-/.test(name));
}

/** stderr of a failed build: exactly one error line and its hint, no temporary name. */
function expectOneError(stderr: string, message: string, hint: string): void {
  expect(stderr).toBe(`error: ${message}\n  hint: ${hint}\n`);
  expect(stderr).not.toMatch(/smallwins-(new|old|gone)|\.tmp\b/);
}

/** Whether this system lets a test mount a tmpfs in a mount namespace of its own (root, or user namespaces). */
const canMount = ((): boolean => {
  const probe = spawnSync("unshare", ["-r", "-m", "sh", "-c", 'd=$(mktemp -d) && mount -t tmpfs tmpfs "$d" && umount "$d"; r=$?; rmdir "$d"; exit $r'], { stdio: "ignore" });
  return probe.status === 0;
})();

/**
 * A copy of site-gaps with an empty folder `disk`, in which the shell script
 * `lines` ran in a mount namespace of its own (its mounts vanish with it);
 * `$NODE "$CLI"` runs the binary. Gives the project folder, to read what the script wrote.
 */
async function withMounts(lines: readonly string[]): Promise<string> {
  const root = await project();
  await mkdir(path.join(root, "disk"));
  const result = await runProcess("unshare", ["-r", "-m", "sh", "-ec", lines.join("\n")], { cwd: root, env: { CLI: CLI_PATH, NODE: process.execPath }, timeoutMs: 90_000 });
  expect(result.code, result.stderr).toBe(0);
  return root;
}

/** Runs the binary in `root` as a user that may not write what root made read-only: `nobody` when this is root (root may write anything), else this user. */
async function runAsAnotherUser(root: string, args: readonly string[]) {
  if (process.getuid?.() !== 0) return runProcess(process.execPath, [CLI_PATH, ...args], { cwd: root });
  await chmod(root, 0o755);
  return runProcess("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, CLI_PATH, ...args], { cwd: root });
}

describe.concurrent("the binary meets real file-system errors", { timeout: 90_000 }, () => {
  it("a name too long: says which and by how much, and leaves nothing behind", async ({ expect }) => {
    const root = await project();
    const name = "w".repeat(240);
    const result = await runCli(["build", ...TODAY, "--out", name], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^error: could not write the site to ${name}: the name ${name} is too long: smallwins writes beside it under a name \\d+ bytes longer, and a name may have at most 255 bytes\\n  hint: give the folder a shorter name \\(at most \\d+ bytes\\), or choose another --out folder\\n$`));
    expect(await leftovers(root)).toEqual([]);
  });

  it("a file where a folder of the output path must be", async ({ expect }) => {
    const root = await project();
    await writeFile(path.join(root, "notes.txt"), "mine\n");
    const result = await runCli(["build", ...TODAY, "--out", "notes.txt/site"], { cwd: root });
    expect(result.code).toBe(1);
    expectOneError(result.stderr, "could not read the output folder notes.txt/site: notes.txt is a file, where a folder is needed", "move that file away, or choose another --out folder");
    expect(await readFile(path.join(root, "notes.txt"), "utf8")).toBe("mine\n");
  });

  it("a folder this user may not write: names it, says why smallwins writes there, and how to fix it", async ({ expect }) => {
    const root = await project();
    await mkdir(path.join(root, "locked"));
    await chmod(path.join(root, "locked"), 0o555);
    const result = await runAsAnotherUser(root, ["build", ...TODAY, "--no-cache", "--out", "locked/site"]);
    expect(result.code, result.stderr).toBe(1);
    expectOneError(
      result.stderr,
      "could not write the site to locked/site: locked is read-only, or not writable by this user (the new site is made beside locked/site, then the two are swapped)",
      "make locked writable for this user (chmod u+w, or chown), or choose another --out folder",
    );
  });

  it("a journal file this user may not read: names it", async ({ expect }) => {
    const root = await project();
    const entry = path.join(root, "journal", "2026-03-02.md");
    await chmod(entry, 0o200);
    const result = await runAsAnotherUser(root, ["build", ...TODAY, "--no-cache"]);
    expect(result.code, result.stderr).toBe(1);
    expectOneError(
      result.stderr,
      "cannot read the journal folder journal: this user may not read journal/2026-03-02.md",
      "make it readable for this user (chmod u+r, or chown), or point --journal at another folder",
    );
  });

  it.skipIf(!canMount)("a read-only file system, for a first build and for a site already there", async ({ expect }) => {
    const root = await withMounts([
      "mount -t tmpfs -o ro tmpfs disk",
      '"$NODE" "$CLI" build --today 2026-03-25 --no-cache --out disk/site 2>first.txt || echo "exit $?" >>first.txt',
      "mount -o remount,rw disk",
      '"$NODE" "$CLI" build --today 2026-03-25 --no-cache --out disk/site >/dev/null',
      "mount -o remount,ro disk",
      '"$NODE" "$CLI" build --today 2026-03-25 --no-cache --out disk/site 2>again.txt || echo "exit $?" >>again.txt',
      "ls -A disk >beside.txt",
    ]);
    const expected =
      "error: could not write the site to disk/site: disk is on a read-only file system (the new site is made beside disk/site, then the two are swapped)\n  hint: mount that disk read-write, or choose another --out folder\nexit 1\n";
    expect(await readFile(path.join(root, "first.txt"), "utf8")).toBe(expected);
    expect(await readFile(path.join(root, "again.txt"), "utf8")).toBe(expected);
    expect(await readFile(path.join(root, "beside.txt"), "utf8")).toBe("site\n");
  });

  it.skipIf(!canMount)("a full disk: the previous site whole, nothing beside it", async ({ expect }) => {
    const root = await withMounts([
      // Room for one site (about 180 KB here), not for a second one beside it.
      "mount -t tmpfs -o size=256k tmpfs disk",
      '"$NODE" "$CLI" build --today 2026-03-25 --no-cache --out disk/site >/dev/null',
      "cp -r disk/site before",
      '"$NODE" "$CLI" build --today 2026-03-26 --no-cache --out disk/site 2>full.txt || echo "exit $?" >>full.txt',
      "diff -r before disk/site && echo same >>full.txt",
      "ls -A disk >beside.txt",
    ]);
    expect(await readFile(path.join(root, "full.txt"), "utf8")).toBe("error: could not write the site to disk/site: the disk holding disk/site is full\n  hint: free some space on it, or choose another --out folder\nexit 1\nsame\n");
    expect(await readFile(path.join(root, "beside.txt"), "utf8")).toBe("site\n");
  });

  it.skipIf(!canMount)("watch: a page it cannot write names the page, and watching goes on", async ({ expect }) => {
    const root = await withMounts([
      "mount -t tmpfs tmpfs disk",
      '"$NODE" "$CLI" watch --today 2026-03-25 --no-cache --out disk/site >out.txt 2>err.txt &',
      "pid=$!",
      "i=0; until grep -q watching out.txt; do i=$((i+1)); [ $i -lt 600 ] || exit 3; sleep 0.1; done",
      "mount -o remount,ro disk",
      'printf "\\nOne more line.\\n" >>journal/2026-03-02.md',
      "i=0; until grep -q hint err.txt; do i=$((i+1)); [ $i -lt 600 ] || exit 4; sleep 0.1; done",
      'kill -INT "$pid"; wait "$pid"',
    ]);
    // Said once, or again when a second look at the file renders once more.
    const said = "error: could not write disk/site/days/2026-03-02.html: disk/site/days is on a read-only file system\n  hint: mount that disk read-write, or choose another --out folder\n";
    const err = await readFile(path.join(root, "err.txt"), "utf8");
    expect(err).toContain(said);
    expect(err.split(said).join("")).toBe("");
    expect(await readFile(path.join(root, "out.txt"), "utf8")).toMatch(/stopped\n$/);
  });
});

/** Node flags that make the binary's writeFileSync fail with `code` for the site's pages (an injected fault, in the real binary). */
function failingPageWrites(code: string): string[] {
  const hook = [
    'import fs from "node:fs";',
    'import { syncBuiltinESMExports } from "node:module";',
    "const write = fs.writeFileSync;",
    "fs.writeFileSync = function (file, ...rest) {",
    '  if (String(file).includes(".smallwins-new-") && String(file).endsWith(".html")) {',
    `    throw Object.assign(new Error(${JSON.stringify(code)} + ": injected, write"), { code: ${JSON.stringify(code)}, syscall: "write", errno: -1 });`,
    "  }",
    "  return write.call(this, file, ...rest);",
    "};",
    "syncBuiltinESMExports();",
  ].join("\n");
  return ["--import", `data:text/javascript,${encodeURIComponent(hook)}`];
}

describe.concurrent("the binary with an injected failure", { timeout: 90_000 }, () => {
  it.for([
    ["EDQUOT", "your disk quota on the disk holding site is used up", "free some space or ask for a larger quota, or choose another --out folder"],
    ["EMFILE", "too many files are open at once (the limit of this process was reached)", "close other programs, or raise the limit (e.g. `ulimit -n 4096`), and run it again"],
    ["EIO", "the disk holding site reported an input/output error", "check the disk (dmesg, fsck), or choose another --out folder"],
  ])("%s: the message and hint, the previous site whole, nothing beside it", async ([code, message, hint], { expect }) => {
    const root = await project();
    expect((await runCli(["build", ...TODAY], { cwd: root })).code).toBe(0);
    const before = await snapshotTree(path.join(root, "site"));
    const result = await runProcess(process.execPath, [...failingPageWrites(code!), CLI_PATH, "build", ...TODAY, "--no-cache"], { cwd: root });
    expect(result.code).toBe(1);
    expectOneError(result.stderr, `could not write the site to site: ${message}`, hint!);
    expect(await snapshotTree(path.join(root, "site"))).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });
});

describe.concurrent("a cache that cannot be saved", { timeout: 90_000 }, () => {
  it("is a warning that says why and what to do; the build succeeds", async ({ expect }) => {
    const root = await project();
    // A file where the cache folder goes: it cannot be made.
    await writeFile(path.join(root, ".smallwins-cache"), "not a folder\n");
    const result = await runCli(["build", ...TODAY], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      ".smallwins-cache/parse-v4.json:1:1: warning: the cache was not saved, so the next build redoes the work it keeps: .smallwins-cache is a file, where a folder is needed (hint: move that file away, or build with --no-cache)\n",
    );
    // 14 pages: site-gaps with tags/index.html (always made, §6 tags) and search.html (§6 search).
    expect(result.stdout).toMatch(/^built site: 14 pages from 2 days of entries in \d+\.\d\d s \(0 errors, 1 warning\)\n$/);
    expect(await readFile(path.join(root, ".smallwins-cache"), "utf8")).toBe("not a folder\n");
  });
});
