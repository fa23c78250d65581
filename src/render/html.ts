import { Eta } from "eta";
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
 * Compiles every template once. Eta's autoEscape stays on: every value a
 * template prints is escaped unless it writes `<%~`, which the built-in
 * templates use only for the sanitized Markdown body and for included partials.
 */
export function createRenderer(sources: TemplateSources): HtmlRenderer {
  const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false, cache: true });
  for (const [name, source] of sources) {
    try {
      eta.loadTemplate(`@${name}`, source);
    } catch (error) {
      throw new TemplateError(name, error instanceof Error ? error.message : String(error), { cause: error });
    }
  }
  return {
    render(page) {
      if (!sources.has(page.template)) throw new TemplateError(page.template, `no template named "${page.template}"`);
      try {
        return eta.render(`@${page.template}`, page.data);
      } catch (error) {
        throw new TemplateError(page.template, `rendering ${page.path} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
  };
}
