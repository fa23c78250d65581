/**
 * Obsidian's wikilinks and embeds as Markdown syntax: `[[target]]`,
 * `[[target|alias]]`, `[[target#heading]]`, `![[file]]`, `![[file|alt]]`.
 * A micromark syntax extension (the tokens) and an mdast-util-from-markdown
 * extension (a `wikiLink` node with its exact position). No maintained plugin
 * fitted (see docs/journal.md, "Decisions"): positions, embeds and unresolved
 * links as text were each wrong in one or another.
 *
 * The rules, as Obsidian reads them: no line ending inside; a single `]` does
 * not close (`[[Sq]uare]]` names `Sq]uare`); a `[` inside gives up (so
 * `[[a [[b]] c]]` links only `b`); an empty target is no link; the first `|`
 * starts the alias (`\|` too, as written inside a table cell). Code spans and
 * blocks and an escaped `\[[` are left alone, as for any text construct. The
 * text between the brackets is capped, so an unclosed `[[` on a long line is
 * not scanned to its end again and again.
 *
 * Resolution is not done here: the parse stays a function of one file.
 */
import type { Literal } from "mdast";
import type { CompileContext, Extension as FromMarkdownExtension, Token } from "mdast-util-from-markdown";
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from "micromark-util-types";

/** A wikilink or an embed in a Markdown body, before it is resolved. */
export interface WikiLink extends Literal {
  readonly type: "wikiLink";
  /** `![[…]]`: an embed (a picture or a file), not a link. */
  embed: boolean;
  /** What is linked, as written, without the heading part: `2026-11-20`, `photos/run.jpg`. */
  target: string;
  /** The part after `#`, when there is one. */
  heading?: string;
  /** The part after `|`, when there is one. */
  alias?: string;
  /** The text it shows: the alias, else the target (and heading). An embed without an alias shows none. */
  value: string;
}

declare module "mdast" {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
  }
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    wikiLink: "wikiLink";
    wikiLinkMarker: "wikiLinkMarker";
    wikiLinkTarget: "wikiLinkTarget";
    wikiLinkAliasMarker: "wikiLinkAliasMarker";
    wikiLinkAlias: "wikiLinkAlias";
  }
}

const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;
const EXCLAMATION = 33;
const PIPE = 124;
const BACKSLASH = 92;
const SPACE = 32;
/** micromark's codes for a tab (-2) and the virtual spaces after one (-1); below them, line endings. */
const TAB = -2;
const VIRTUAL_SPACE = -1;

/** The most characters between the brackets: far more than a name needs, and a bound on how far an unclosed `[[` is scanned. */
export const MAX_WIKILINK_LENGTH = 512;

const closing: Construct = { tokenize: tokenizeClosing, partial: true };
const escapedPipe: Construct = { tokenize: tokenizeEscapedPipe, partial: true };

function tokenizeClosing(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;
  function start(code: Code): State | undefined {
    if (code !== RIGHT_BRACKET) return nok(code);
    effects.enter("wikiLinkMarker");
    effects.consume(code);
    return second;
  }
  function second(code: Code): State | undefined {
    if (code !== RIGHT_BRACKET) return nok(code);
    effects.consume(code);
    effects.exit("wikiLinkMarker");
    return ok;
  }
}

function tokenizeEscapedPipe(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;
  function start(code: Code): State | undefined {
    if (code !== BACKSLASH) return nok(code);
    effects.enter("wikiLinkAliasMarker");
    effects.consume(code);
    return pipe;
  }
  function pipe(code: Code): State | undefined {
    if (code !== PIPE) return nok(code);
    effects.consume(code);
    effects.exit("wikiLinkAliasMarker");
    return ok;
  }
}

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  let part: "wikiLinkTarget" | "wikiLinkAlias" = "wikiLinkTarget";
  /** Whether the current part's token is open: it is entered at its first character, so that no token is empty. */
  let partOpen = false;
  /** Whether the current part holds more than white space. */
  let sawContent = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter("wikiLink");
    effects.enter("wikiLinkMarker");
    if (code === EXCLAMATION) {
      effects.consume(code);
      return firstBracket;
    }
    return firstBracket(code);
  }
  function firstBracket(code: Code): State | undefined {
    if (code !== LEFT_BRACKET) return nok(code);
    effects.consume(code);
    return secondBracket;
  }
  function secondBracket(code: Code): State | undefined {
    if (code !== LEFT_BRACKET) return nok(code);
    effects.consume(code);
    effects.exit("wikiLinkMarker");
    return inside;
  }
  function inside(code: Code): State | undefined {
    // The end of the text, a line ending or a `[`: no wikilink here.
    if (code === null || code < TAB || code === LEFT_BRACKET) return nok(code);
    if (code === RIGHT_BRACKET) return effects.check(closing, close, literal)(code);
    if (code === PIPE && part === "wikiLinkTarget") {
      if (!sawContent) return nok(code);
      endPart();
      effects.enter("wikiLinkAliasMarker");
      effects.consume(code);
      effects.exit("wikiLinkAliasMarker");
      return aliasStart;
    }
    if (code === BACKSLASH && part === "wikiLinkTarget" && sawContent) return effects.check(escapedPipe, escaped, literal)(code);
    return literal(code);
  }
  function literal(code: Code): State | undefined {
    if (++size > MAX_WIKILINK_LENGTH) return nok(code);
    if (!partOpen) {
      effects.enter(part);
      partOpen = true;
    }
    if (code !== SPACE && code !== TAB && code !== VIRTUAL_SPACE) sawContent = true;
    effects.consume(code);
    return inside;
  }
  function endPart(): void {
    if (partOpen) effects.exit(part);
    partOpen = false;
  }
  function escaped(code: Code): State | undefined {
    endPart();
    return effects.attempt(escapedPipe, aliasStart, nok)(code);
  }
  function aliasStart(code: Code): State | undefined {
    part = "wikiLinkAlias";
    sawContent = false;
    return inside(code);
  }
  function close(code: Code): State | undefined {
    if (!sawContent && part === "wikiLinkTarget") return nok(code);
    endPart();
    return effects.attempt(closing, done, nok)(code);
  }
  function done(code: Code): State | undefined {
    effects.exit("wikiLink");
    return ok(code);
  }
}

const wikiLinkConstruct: Construct = { name: "wikiLink", tokenize: tokenizeWikiLink };

/** The micromark syntax extension: `[[…]]` and `![[…]]` in text. */
export function wikiLinkSyntax(): Extension {
  return { text: { [LEFT_BRACKET]: wikiLinkConstruct, [EXCLAMATION]: wikiLinkConstruct } };
}

/** The node on top of the compiler's stack: the wikilink being read. */
function current(context: CompileContext): WikiLink {
  return context.stack[context.stack.length - 1] as unknown as WikiLink;
}

/** The mdast-util-from-markdown extension: a `wikiLink` node for each `[[…]]`, positioned from its `!` or first `[` to its last `]`. */
export function wikiLinkFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      wikiLink(this: CompileContext, token: Token): undefined {
        const node: WikiLink = { type: "wikiLink", embed: false, target: "", value: "" };
        this.enter(node, token);
      },
    },
    exit: {
      wikiLinkMarker(this: CompileContext, token: Token): undefined {
        if (this.sliceSerialize(token).startsWith("!")) current(this).embed = true;
      },
      wikiLinkTarget(this: CompileContext, token: Token): undefined {
        const node = current(this);
        const raw = this.sliceSerialize(token);
        const hash = raw.indexOf("#");
        node.target = (hash < 0 ? raw : raw.slice(0, hash)).trim();
        if (hash >= 0) {
          const heading = raw.slice(hash + 1).trim();
          if (heading !== "") node.heading = heading;
        }
      },
      wikiLinkAlias(this: CompileContext, token: Token): undefined {
        const alias = this.sliceSerialize(token).trim();
        if (alias !== "") current(this).alias = alias;
      },
      wikiLink(this: CompileContext, token: Token): undefined {
        const node = current(this);
        node.value = node.alias ?? (node.embed ? "" : node.heading ? (node.target ? `${node.target} > ${node.heading}` : node.heading) : node.target);
        this.exit(token);
      },
    },
  };
}
