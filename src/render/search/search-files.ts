/**
 * The site's search files: the client's two scripts and the index of what
 * the pages publish. With `publish: stats` no text is published, so there is
 * nothing to search and no search file.
 */
import type { SiteModel } from "../../model/site.js";
import { indexOf, searchRecords, validSearchMemo, type SearchMemo } from "../../memo/search-memo.js";
import type { OutputFile } from "../site.js";

export { createSearchMemo, type SearchMemo } from "../../memo/search-memo.js";

/** Whether the site has search: it has unless `publish: stats` leaves no text to search. */
export function hasSearch(model: SiteModel): boolean {
  return model.config.publish !== "stats";
}

/**
 * The search files: `scripts` (the client, by site path) and the index files.
 * With a memo (a watch keeps one), only the index files an edit touched are made again.
 */
export function searchFiles(model: SiteModel, scripts: ReadonlyMap<string, string>, memo?: SearchMemo): OutputFile[] {
  if (!hasSearch(model)) return [];
  const valid = validSearchMemo(memo, model.config);
  const index = indexOf(searchRecords(model, valid), valid);
  return [...[...scripts].map(([path, contents]) => ({ path, contents })), ...index.files()];
}
