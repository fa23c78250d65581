/** The data of the list of tags (templates/tags.eta): every published tag with its count of days, nested tags under their parent. */
import type { TagSummary } from "../../model/site.js";
import type { TagKey } from "../../model/tags.js";
import { base, type Page, type PageContext } from "./page.js";

/** A tag in the list, with the tags nested in it. */
export interface TagListItem {
  /** Its own segment of the name: `Sleep` under `Health`. */
  readonly label: string;
  readonly name: string;
  readonly path: string;
  readonly count: number;
  readonly children: TagListItem[];
}

/** The list of tags. */
export function tagsPage(ctx: PageContext): Page {
  const path = "tags/index.html";
  return {
    path,
    template: "tags",
    data: { ...base(ctx, path, "Tags", "tags"), tags: tagTree(ctx.model.tags), publish: ctx.config.publish },
  };
}

/** The tags as a tree: the model lists each nested tag after its parent, so one pass with the items by key builds it. */
export function tagTree(tags: readonly TagSummary[]): TagListItem[] {
  const top: TagListItem[] = [];
  const items = new Map<TagKey, TagListItem>();
  for (const tag of tags) {
    const item: TagListItem = { label: tag.name.slice(tag.name.lastIndexOf("/") + 1), name: tag.name, path: tag.path, count: tag.count, children: [] };
    items.set(tag.key, item);
    const parent = tag.parent ? items.get(tag.parent.key) : undefined;
    (parent ? parent.children : top).push(item);
  }
  return top;
}
