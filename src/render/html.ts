import { Eta, type TemplateFunction } from "eta";
import type { Page } from "./routes.js";

/** Template sources by name (`layout`, `day`, `partials/heatmap`), without the `.eta` extension. */
export type TemplateSources = ReadonlyMap<string, string>;

/** A template that failed to compile or render, with the template's name. */
export class TemplateError extends Error {
  override readonly name = "TemplateError";
  readonly template: string;
  constructor(template: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.template = template;
  }
}

/** Renders pages to HTML with templates compiled once. */
export interface HtmlRenderer {
  render(page: Page): string;
}

/**
 * Eta merges a template's data with spreads: `{...it, ...data}` for an include,
 * `{...it, body: …}` for a layout. On Node 20's V8 a spread copy that then gets
 * more keys takes a new hidden class on every call, and that kept every page's
 * HTML alive through the young-generation collections: rendering the 11,671
 * pages of the 10,000-entry benchmark allocated 855 MB, 228 MB of it promoted.
 * Object.assign copies the same own enumerable keys in the same order with one
 * shape: 412 MB allocated, 21 MB promoted, and rendering took half the time
 * (measured). The one difference, a source's own `__proto__` key, which
 * Object.assign would take as a prototype, never occurs in page data, and a
 * template's object literal cannot make one (`__proto__:` there sets the prototype).
 */
export const ETA_MERGES: readonly (readonly [spread: string, assign: string])[] = [
  ["{...it, ...(__eta_d ?? {})}", "Object.assign({}, it, __eta_d)"],
  [
    "{...it, body: __eta.res, ...__eta.layoutData, __blocks: __eta.blocks}",
    "Object.assign({}, it, { body: __eta.res }, __eta.layoutData, { __blocks: __eta.blocks })",
  ],
];

/** Rewrites Eta's generated merges (ETA_MERGES) in a compiled template's source; a source without them is left as it is. */
export function assignMerges(fnString: string): string {
  return ETA_MERGES.reduce((source, [spread, assign]) => source.replaceAll(spread, assign), fnString);
}

/** How a renderer is made. */
export interface RendererOptions {
  /**
   * Keep the HTML of every `keep(partial, row, root)` call per row object, and
   * give it again for the same row, partial and root (a watch: an unchanged
   * day's row is the same object from edit to edit, so a tag page of
   * thousands of days is joined from kept rows instead of rendered whole).
   * Without it, `keep` only renders, and the HTML is the same.
   */
  readonly keep?: boolean;
}

/**
 * What a template's `keep(partial, row, root)` calls: `partial` rendered with
 * the row's keys and `root` only (not the page's data, as `include` would), so
 * that its HTML depends on the row and the root alone and may be kept.
 */
const KEEP_HEADER = "const keep = (__eta_t, __eta_r, __eta_root) => this.smallwinsKeep(__eta_t, __eta_r, __eta_root, options);";

/**
 * Compiles every template once. Eta's autoEscape stays on: every value a
 * template prints is escaped unless it writes `<%~`, which the built-in
 * templates use only for the sanitized Markdown body and for included partials.
 */
export function createRenderer(sources: TemplateSources, options: RendererOptions = {}): HtmlRenderer {
  const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false, cache: true, functionHeader: KEEP_HEADER, plugins: [{ processFnString: assignMerges }] });
  const kept = options.keep ? new WeakMap<object, Map<string, string>>() : undefined;
  Object.assign(eta, {
    smallwinsKeep(template: string, row: object, root: string, renderOptions: { filepath: string }): string {
      const key = `${template}\0${root}`;
      const known = kept?.get(row)?.get(key);
      if (known !== undefined) return known;
      const html = eta.render(template, Object.assign({}, row, { root }), renderOptions);
      // Only an object can be a WeakMap key: a theme's keep() of a string or a number is rendered every time.
      if (kept && typeof row === "object" && row !== null) {
        let byKey = kept.get(row);
        if (!byKey) kept.set(row, (byKey = new Map()));
        byKey.set(key, html);
      }
      return html;
    },
  });
  // Which template an error was thrown in: a partial or the layout fails inside
  // the page that includes it, and the user must be told the partial's name.
  const thrownIn = new WeakMap<object, string>();
  for (const [name, source] of sources) {
    let compiled: TemplateFunction;
    try {
      compiled = eta.compile(source);
    } catch (error) {
      throw new TemplateError(name, error instanceof Error ? error.message : String(error), { cause: error });
    }
    const wrapped: TemplateFunction = function (data, options) {
      try {
        return compiled.call(this, data, options);
      } catch (error) {
        const thrown = typeof error === "object" && error !== null ? error : new Error(String(error));
        if (!thrownIn.has(thrown)) thrownIn.set(thrown, name);
        throw thrown;
      }
    };
    eta.loadTemplate(`@${name}`, wrapped);
  }
  return {
    render(page) {
      if (!sources.has(page.template)) throw new TemplateError(page.template, `no template named "${page.template}"`);
      try {
        return eta.render(`@${page.template}`, page.data);
      } catch (error) {
        const template = (typeof error === "object" && error !== null && thrownIn.get(error)) || page.template;
        throw new TemplateError(template, `rendering ${page.path} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
  };
}
