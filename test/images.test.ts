/**
 * Photos wider than `images.maxWidth` (§6): published as resized copies with
 * a smaller one for phones (`srcset`), the original only with
 * `images.originals: true`; the copies are cached by content in
 * `.smallwins-cache/images/`, so a warm build and a watch edit encode
 * nothing; a corrupt JPEG is a located warning; a 40-megapixel photo works.
 * The photos are made by sharp in the test; none is committed.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { IncrementalBuilder } from "../src/incremental.js";
import { encodeCount } from "../src/io/images.js";
import { listFiles, runCli, useTempDirs, writeFiles } from "./helpers/cli.js";
import { parseHtml } from "./helpers/site.js";

const newDir = useTempDirs();

/** A JPEG of one colour, `width` × `height`, with EXIF naming its maker (as a camera's would, with a place). */
function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#3a7" } })
    .withExif({ IFD0: { Artist: "SECRET-ARTIST" } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** A project whose entry shows `photos/big.jpg` and links it. */
async function project(photo: Buffer, config = ""): Promise<string> {
  const root = await newDir("smallwins-images-");
  await writeFiles(root, {
    "smallwins.config.yaml": `title: Photos\n${config}`,
    "journal/2026/11/photos/big.jpg": photo,
    "journal/2026/11/2026-11-20.md": "---\ndate: 2026-11-20\nwins:\n  - Ran\n---\n![The lake](photos/big.jpg)\n\nThe [full photo](photos/big.jpg).\n",
  });
  return root;
}

const build = (root: string): ReturnType<typeof runCli> => runCli(["build", "--today", "2026-11-22"], { cwd: root });

/** The day page's picture and the link to the photo. */
async function dayPicture(root: string): Promise<{ img: Record<string, string>; href: string | undefined }> {
  const page = parseHtml(await readFile(path.join(root, "site", "days", "2026-11-20.html"), "utf8"));
  const link = page.querySelectorAll(".prose a").find((a) => a.textContent === "full photo");
  return { img: page.querySelector(".prose img")!.attributes, href: link?.getAttribute("href") };
}

/** Each file of the image cache with its modification time. */
async function cacheStamps(root: string): Promise<Record<string, number>> {
  const dir = path.join(root, ".smallwins-cache", "images");
  const out: Record<string, number> = {};
  for (const name of await readdir(dir)) out[name] = (await stat(path.join(dir, name))).mtimeMs;
  return out;
}

describe("photos wider than images.maxWidth", () => {
  it("are published as copies 1600 and 800 px wide, without the original; a warm build encodes nothing", async () => {
    const root = await project(await jpeg(3000, 2000));
    const cold = await build(root);
    expect(cold.code, cold.stderr).toBe(0);
    const files = (await listFiles(path.join(root, "site"))).filter((f) => f.startsWith("files/"));
    expect(files).toEqual([expect.stringMatching(/^files\/big-[0-9a-f]{10}-1600\.jpg$/), expect.stringMatching(/^files\/big-[0-9a-f]{10}-800\.jpg$/)]);
    const [large, small] = files as [string, string];
    expect((await sharp(path.join(root, "site", large)).metadata()).width).toBe(1600);
    // The copies keep no EXIF (a camera's GPS position would be there); the original had it.
    expect((await sharp(await readFile(path.join(root, "journal/2026/11/photos/big.jpg"))).metadata()).exif?.toString("latin1")).toContain("SECRET-ARTIST");
    for (const copy of files) expect((await sharp(path.join(root, "site", copy)).metadata()).exif, copy).toBeUndefined();
    expect((await sharp(path.join(root, "site", small)).metadata()).width).toBe(800);
    const { img, href } = await dayPicture(root);
    expect(img).toEqual({ src: `../${large}`, srcset: `../${small} 800w, ../${large} 1600w`, alt: "The lake", width: "1600", height: "1067", loading: "lazy", decoding: "async" });
    expect(href).toBe(`../${large}`);

    const cached = await cacheStamps(root);
    expect(Object.keys(cached)).toHaveLength(2);
    const site = await readFile(path.join(root, "site", large));
    const warm = await build(root);
    expect(warm.code, warm.stderr).toBe(0);
    // Not encoded again: the cached copies are the same files, untouched.
    expect(await cacheStamps(root)).toEqual(cached);
    expect(await readFile(path.join(root, "site", large))).toEqual(site);
  });

  it("publish the original too with images.originals: true, and a link to the photo leads to it", async () => {
    const photo = await jpeg(2000, 1000);
    const root = await project(photo, "images:\n  maxWidth: 1200\n  originals: true\n");
    expect((await build(root)).code).toBe(0);
    const files = (await listFiles(path.join(root, "site"))).filter((f) => f.startsWith("files/"));
    expect(files).toEqual([expect.stringMatching(/-1200\.jpg$/), expect.stringMatching(/-600\.jpg$/), expect.stringMatching(/^files\/big-[0-9a-f]{10}\.jpg$/)]);
    const original = files[2]!;
    expect(await readFile(path.join(root, "site", original))).toEqual(photo);
    const { img, href } = await dayPicture(root);
    expect(img.src).toBe(`../${files[0]}`);
    expect(img.width).toBe("1200");
    expect(href).toBe(`../${original}`);
  });

  it("a corrupt JPEG is a located warning and is published as it is; the rest builds", async () => {
    const whole = await jpeg(2400, 1600);
    const broken = whole.subarray(0, Math.floor(whole.length / 2));
    const root = await project(broken);
    const result = await build(root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/journal\/2026\/11\/2026-11-20\.md:6:1: warning: `2026\/11\/photos\/big\.jpg` could not be resized \(.+\); it is published as it is \(hint: /);
    const files = (await listFiles(path.join(root, "site"))).filter((f) => f.startsWith("files/"));
    expect(files).toEqual([expect.stringMatching(/^files\/big-[0-9a-f]{10}\.jpg$/)]);
    expect(await readFile(path.join(root, "site", files[0]!))).toEqual(broken);
  });

  it("resized side by side, each picture keeps its own copies and sizes, and each corrupt one its own warning", async () => {
    const root = await newDir("smallwins-images-");
    const files: Record<string, string | Buffer> = { "smallwins.config.yaml": "title: Photos\n" };
    const body: string[] = [];
    // Different shapes, so that a copy given to the wrong picture shows in its height.
    for (let i = 0; i < 8; i++) {
      const name = `p${i}.jpg`;
      files[`journal/2026/11/photos/${name}`] = i % 3 === 2 ? Buffer.from(`not a jpeg ${i}`) : await jpeg(2000 + 100 * i, 1000 + 150 * i);
      body.push(`![Photo ${i}](photos/${name})`);
    }
    files["journal/2026/11/2026-11-20.md"] = `---\ndate: 2026-11-20\nwins:\n  - Ran\n---\n${body.join("\n\n")}\n`;
    await writeFiles(root, files);
    const result = await build(root);
    expect(result.code, result.stderr).toBe(0);
    const warned = [...result.stderr.matchAll(/2026-11-20\.md:(\d+):1: warning: `2026\/11\/photos\/(p\d)\.jpg`/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(warned).toEqual(["10 p2", "16 p5"]);
    const page = parseHtml(await readFile(path.join(root, "site", "days", "2026-11-20.html"), "utf8"));
    const imgs = page.querySelectorAll(".prose img").map((img) => [img.getAttribute("alt"), img.getAttribute("width"), img.getAttribute("height")]);
    expect(imgs).toEqual(
      Array.from({ length: 8 }, (_, i) => (i % 3 === 2 ? [`Photo ${i}`, undefined, undefined] : [`Photo ${i}`, "1600", String(Math.round((1600 * (1000 + 150 * i)) / (2000 + 100 * i)))])),
    );
  }, 60_000);

  it("a 40-megapixel photo is resized", async () => {
    const root = await project(await jpeg(7300, 5480));
    const result = await build(root);
    expect(result.code, result.stderr).toBe(0);
    const { img } = await dayPicture(root);
    expect([img.width, img.height]).toEqual(["1600", "1201"]);
  }, 60_000);

  it("a watch edit of the entry encodes nothing; a changed photo is encoded once more", async () => {
    const root = await project(await jpeg(2000, 1500));
    const builder = new IncrementalBuilder({ cwd: root, today: "2026-11-22" });
    expect((await builder.initial()).ok).toBe(true);
    const afterFirst = encodeCount;
    const entry = path.join(root, "journal", "2026", "11", "2026-11-20.md");
    await writeFiles(root, { "journal/2026/11/2026-11-20.md": "---\ndate: 2026-11-20\nwins:\n  - Ran far\n---\n![The lake at dawn](photos/big.jpg)\n" });
    const edit = await builder.update({ files: new Set([entry]) });
    expect(edit.rendered).toContain("days/2026-11-20.html");
    expect(encodeCount).toBe(afterFirst);
    const photo = path.join(root, "journal", "2026", "11", "photos", "big.jpg");
    await writeFiles(root, { "journal/2026/11/photos/big.jpg": await sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#c52" } }).jpeg().toBuffer() });
    await builder.update({ files: new Set([photo]) });
    expect(encodeCount).toBe(afterFirst + 2);
  });
});
