/*
 * smallwins search, part 2 of 2: loaded by search/boot.js when the reader
 * first searches. It loads the index's directory (search/index.js), then for
 * each query the term shards its words need (search/terms/*.js), and for the
 * results shown the month files with their text (search/months/*.js). Every
 * file is a classic script that calls `smallwinsSearch` with its data, so
 * nothing needs fetch(), modules or WebAssembly, and all of it works opened
 * from file://. Nothing is loaded from outside the site.
 *
 * The rules that turn text into terms are those of src/render/search/terms.ts;
 * a test checks that both give the same terms. Journal text is only ever put
 * into the page as text (textContent), never as HTML. See docs/site.md#search.
 */
/* exported smallwinsSearch -- the global every file of the index calls */
var smallwinsSearch = (() => {
  "use strict";

  /** The index format this client reads (SEARCH_FORMAT in src/render/search/search-index.ts). */
  var FORMAT = 1;

  // ---- Terms: the same rules as src/render/search/terms.ts ----

  var FOLDS = { "\u00df": "ss", "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0111": "d", "\u00f0": "d", "\u0142": "l", "\u00fe": "th", "\u0131": "i" };
  var FOLDABLE = /[\u00df\u00e6\u0153\u00f8\u0111\u00f0\u0142\u00fe\u0131]/g;
  var MARKS = /\p{M}/gu;
  // eslint-disable-next-line no-control-regex
  var ASCII = /^[\u0000-\u007f]*$/;
  var TERM = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])\p{L})+|\p{N}+/gu;
  var ASCII_TERM = /[a-z]+|[0-9]+/g;
  var MAX_TERM_LENGTH = 32;
  /** A word of text as the reader sees it, for marking matches: letters with their accents, or digits. */
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;

  function foldText(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    return text.normalize("NFKD").replace(MARKS, "").toLowerCase().replace(FOLDABLE, (c) => FOLDS[c]);
  }

  function termsOf(text) {
    var folded = foldText(text);
    var found = folded.match(ASCII.test(folded) ? ASCII_TERM : TERM) || [];
    return found.map((term) => {
      return term.length > MAX_TERM_LENGTH ? Array.from(term).slice(0, MAX_TERM_LENGTH).join("") : term;
    });
  }

  function headOf(term, count) {
    return Array.from(term).slice(0, count).join("");
  }

  function shardName(prefix) {
    if (/^[a-z0-9]+$/.test(prefix)) return prefix;
    return "_" + Array.from(prefix, (c) => c.codePointAt(0).toString(16)).join("-");
  }

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < 64; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  /** Calls `each` with every number of a run of varints (see varint in terms.ts). */
  function eachVarint(text, each) {
    var value = 0;
    var scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit >= 32) {
        value += (digit - 32) * scale;
        scale *= 32;
      } else {
        each(value + digit * scale);
        value = 0;
        scale = 1;
      }
    }
  }

  // ---- The index, as the data files deliver it ----

  var state = { root: "", directory: null, failed: false, shards: {}, months: {}, scripts: new Map() };

  /** Loads one file of search/ as a classic script; each file is loaded once. Tests put their own loader here. */
  var api = {
    loadScript: (path) => {
      return new Promise((resolve, reject) => {
        var script = document.createElement("script");
        script.src = state.root + "search/" + path;
        script.onload = () => { resolve(); };
        script.onerror = () => { reject(new Error("search could not load search/" + path)); };
        document.head.appendChild(script);
      });
    },
  };

  function load(path) {
    if (!state.scripts.has(path)) {
      state.scripts.set(
        path,
        api.loadScript(path).catch((error) => {
          // A file that could not load is tried again by the next search.
          state.scripts.delete(path);
          throw error;
        }),
      );
    }
    return state.scripts.get(path);
  }

  /** search/index.js: the records, their months, the shards, and the filters' records. */
  api.directory = (data) => {
    if (data.format !== FORMAT) {
      state.failed = true;
      return;
    }
    var ids = [];
    var id = 0;
    eachVarint(data.records, (step) => { ids.push((id += step)); });
    var n = ids.length;
    // Each id's position, by a table over the ids' range (a journal's days: a few thousand entries).
    var first = n ? ids[0] : 0;
    var position = new Int32Array(n ? ids[n - 1] - first + 1 : 0).fill(-1);
    for (var i = 0; i < n; i++) position[ids[i] - first] = i;
    var months = [];
    var starts = [];
    for (var m = 0, at = 0; m < data.months.length; m += 2) {
      months.push(data.months[m]);
      starts.push(at);
      at += data.months[m + 1];
    }
    state.directory = {
      n: n,
      ids: ids,
      first: first,
      position: position,
      months: months,
      starts: starts,
      shards: new Set(data.shards),
      split: new Set(data.split),
      facets: { area: new Map(data.areas), tag: new Map(data.tags), year: new Map(data.years) },
      sets: {},
    };
  };

  /** search/terms/NAME.js: a shard's sorted terms and each one's postings. */
  api.shard = (name, terms, postings) => {
    state.shards[name] = { terms: terms ? terms.split(" ") : [], postings: postings ? postings.split(" ") : [] };
  };

  /** search/months/YYYY-MM.js: that month's records' text, one row each: id, key, label, wins, did-well, tags, notes. */
  api.month = (name, rows) => {
    var byId = new Map();
    rows.forEach((row) => { byId.set(row[0], row); });
    state.months[name] = byId;
  };

  // ---- Searching ----

  /** Field weights by the fields a term is in (bits: win 1, tag 2, did-well 4, note 8): the best field counts. */
  var WEIGHTS = [];
  for (var mask = 0; mask < 16; mask++) WEIGHTS.push(mask & 1 ? 3 : mask & 2 ? 2 : mask & 4 ? 1.5 : 1);

  /**
   * A query's words: every word must be in a record; the last one, while it
   * is being typed (no space after it) and has two characters or more, may
   * be the start of a longer word. Repeated words count once.
   */
  function parseQuery(text) {
    var words = [];
    termsOf(text).forEach((word) => {
      var at = words.indexOf(word);
      if (at >= 0) words.splice(at, 1);
      words.push(word);
    });
    var typing = words.length > 0 && !/\s$/.test(text) && Array.from(words[words.length - 1]).length >= 2;
    return { words: words, prefix: typing };
  }

  /** The shard a word's terms are in, or null when the index has none for it. */
  function shardOf(word) {
    var dir = state.directory;
    var first = shardName(headOf(word, 1));
    var name = dir.split.has(first) ? shardName(headOf(word, 2)) : first;
    return dir.shards.has(name) ? name : null;
  }

  /** Loads the directory (once). */
  function open() {
    return load("index.js").then(() => {
      if (state.failed || !state.directory) throw new Error("the search index is of another version: build the site again");
    });
  }

  /** Loads the shards a query needs. */
  function prepare(text) {
    return open().then(() => {
      return Promise.all(
        parseQuery(text).words.map((word) => {
          var name = shardOf(word);
          return name ? load("terms/" + name + ".js") : null;
        }),
      );
    });
  }

  /** The positions of the records of a filter's value (a set, as a byte per record), or null for an unknown value. */
  function facetSet(kind, value) {
    var dir = state.directory;
    var key = kind + "\n" + value;
    if (!(key in dir.sets)) {
      var text = dir.facets[kind].get(value);
      var set = null;
      if (text !== undefined) {
        set = new Uint8Array(dir.n);
        var at = -1;
        eachVarint(text, (step) => { set[(at += step + 1)] = 1; });
      }
      dir.sets[key] = set;
    }
    return dir.sets[key];
  }

  /**
   * The records that match a query and filters ({ area, tag, year, sort }),
   * as positions in the directory, newest first or (sort "relevance") the
   * best match first. Needs `prepare(text)` to have finished. No words and
   * no filter: nothing; no words with a filter: every record it lets through.
   */
  function match(text, filters) {
    filters = filters || {};
    var dir = state.directory;
    var query = parseQuery(text);
    var words = query.words;
    var n = dir.n;
    var sets = [];
    var kinds = ["area", "tag", "year"];
    for (var k = 0; k < kinds.length; k++) {
      var value = filters[kinds[k]];
      if (!value) continue;
      var set = facetSet(kinds[k], value);
      if (!set) return { query: query, positions: [] };
      sets.push(set);
    }
    if (words.length === 0 && sets.length === 0) return { query: query, positions: [] };
    var count = new Uint8Array(n);
    var score = new Float32Array(n);
    // A word's best field in each record: its terms (a word being typed has several) count once, the best one.
    var best = new Float32Array(n);
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      var name = shardOf(word);
      var shard = name && state.shards[name];
      if (!shard) return { query: query, positions: [] };
      var terms = shard.terms;
      var prefix = query.prefix && w === words.length - 1;
      var low = 0;
      var high = terms.length;
      while (low < high) {
        var mid = (low + high) >>> 1;
        if (terms[mid] < word) low = mid + 1;
        else high = mid;
      }
      var found = false;
      for (var t = low; t < terms.length && (prefix ? terms[t].startsWith(word) : terms[t] === word); t++) {
        found = true;
        var postings = shard.postings[t];
        // A longer word than the one typed counts less than the word itself.
        var weight = terms[t] === word ? 1 : 0.7;
        var id = 0;
        eachVarint(postings, (v) => {
          id += Math.floor(v / 16);
          var at = dir.position[id - dir.first];
          if (at < 0) return;
          var s = WEIGHTS[v % 16] * weight;
          if (count[at] === w) {
            count[at] = w + 1;
            best[at] = s;
          } else if (count[at] === w + 1 && s > best[at]) best[at] = s;
        });
      }
      if (!found) return { query: query, positions: [] };
      // Rarer words weigh more (inverse document frequency, over the records this word is in).
      var df = 0;
      for (var r = 0; r < n; r++) if (count[r] === w + 1) df++;
      var idf = Math.log(1 + n / df);
      for (r = 0; r < n; r++) if (count[r] === w + 1) score[r] += best[r] * idf;
    }
    var positions = [];
    for (var p = n - 1; p >= 0; p--) {
      if (count[p] !== words.length) continue;
      var kept = true;
      for (var s = 0; s < sets.length && kept; s++) kept = sets[s][p] === 1;
      if (kept) positions.push(p);
    }
    if (filters.sort === "relevance" && words.length > 0) positions.sort((a, b) => { return score[b] - score[a] || b - a; });
    return { query: query, positions: positions };
  }

  /** The month file of a record's position. */
  function monthOf(position) {
    var starts = state.directory.starts;
    var low = 0;
    var high = starts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >>> 1;
      if (starts[mid] <= position) low = mid;
      else high = mid - 1;
    }
    return state.directory.months[low];
  }

  /** The rows of these records (loading their months first): { href, label, texts } each. */
  function rows(positions) {
    var months = [];
    positions.forEach((p) => {
      var month = monthOf(p);
      if (months.indexOf(month) < 0) months.push(month);
    });
    return Promise.all(months.map((month) => load("months/" + month + ".js"))).then(() => {
      return positions.map((p) => {
        var row = state.months[monthOf(p)].get(state.directory.ids[p]);
        var key = row[1];
        return {
          href: state.root + (key.indexOf("-W") > 0 ? "weeks/" : "days/") + key + ".html",
          label: row[2],
          // Wins, did-well, notes, then the tags as one line: the order a snippet is looked for in.
          texts: row[3].concat(row[4], row[6], row[5].length ? [row[5].join(" ")] : []),
        };
      });
    });
  }

  /** Where the query's words are in a text: [start, end] of each word of the text that matches one. */
  function matchesIn(text, query) {
    var found = [];
    var words = query.words;
    var matched = {};
    WORD.lastIndex = 0;
    var run;
    while ((run = WORD.exec(text)) !== null) {
      var hit = termsOf(run[0]).some((term) => {
        for (var i = 0; i < words.length; i++) {
          var prefix = query.prefix && i === words.length - 1;
          if (term === words[i] || (prefix && term.startsWith(words[i]))) {
            matched[i] = true;
            return true;
          }
        }
        return false;
      });
      if (hit) found.push([run.index, run.index + run[0].length]);
    }
    return { spans: found, words: Object.keys(matched).length };
  }

  var SNIPPET = 180;

  /**
   * A snippet of a record: the text with the most of the query's words, cut
   * to about SNIPPET characters around the first match, as [text, marked]
   * pieces; "…" where it was cut.
   */
  function snippet(texts, query) {
    var best = null;
    texts.forEach((text) => {
      var m = matchesIn(text, query);
      if (best === null || m.words > best.words) best = { text: text, spans: m.spans, words: m.words };
    });
    if (best === null) return [];
    var text = best.text;
    var start = 0;
    var end = text.length;
    if (text.length > SNIPPET) {
      var first = best.spans.length ? best.spans[0][0] : 0;
      start = Math.max(0, first - 50);
      if (start > 0) {
        var space = text.indexOf(" ", start);
        start = space >= 0 && space < first ? space + 1 : start;
      }
      end = Math.min(text.length, start + SNIPPET);
      if (end < text.length) {
        var back = text.lastIndexOf(" ", end);
        if (back > Math.max(start, first)) end = back;
      }
    }
    var pieces = [];
    var at = start;
    best.spans.forEach((span) => {
      if (span[1] <= start || span[0] >= end) return;
      if (span[0] > at) pieces.push([text.slice(at, span[0]), false]);
      pieces.push([text.slice(Math.max(span[0], at), Math.min(span[1], end)), true]);
      at = Math.min(span[1], end);
    });
    if (at < end) pieces.push([text.slice(at, end), false]);
    if (start > 0) pieces.unshift(["\u2026", false]);
    if (end < text.length) pieces.push(["\u2026", false]);
    return pieces;
  }

  api.engine = { foldText: foldText, termsOf: termsOf, shardName: shardName, eachVarint: eachVarint, parseQuery: parseQuery, open: open, prepare: prepare, match: match, rows: rows, snippet: snippet, state: state };

  // ---- The page: the header's box and search.html ----

  /** A status message from the element's data attributes ({count} is replaced), so the words stay in the templates. */
  function say(status, key, count) {
    status.textContent = (status.getAttribute("data-" + key) || "").replace("{count}", String(count));
  }

  /** Puts the rows shown in the list (replacing what it held) and says in `status` how many results there are in all. */
  function showRows(list, status, result, shown) {
    list.textContent = "";
    shown.forEach((row) => { list.appendChild(resultItem(row, result.query)); });
    var total = result.positions.length;
    say(status, total === 0 ? "none" : total === 1 ? "one" : "many", total);
    return total;
  }

  /** A result as a list item: a link holding the record's date (or week) and the snippet, its matches marked. */
  function resultItem(row, query) {
    var item = document.createElement("li");
    item.className = "search-result";
    var link = document.createElement("a");
    link.href = row.href;
    var label = document.createElement("span");
    label.className = "search-label";
    label.textContent = row.label;
    var text = document.createElement("span");
    text.className = "search-snippet";
    snippet(row.texts, query).forEach((piece) => {
      if (piece[1]) {
        var mark = document.createElement("mark");
        mark.textContent = piece[0];
        text.appendChild(mark);
      } else text.appendChild(document.createTextNode(piece[0]));
    });
    link.appendChild(label);
    link.appendChild(document.createTextNode(" "));
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  /** Arrow keys move between the results' links and back to the field; Escape goes back to the field. */
  function keyboard(field, list, onEscape) {
    field.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    list.addEventListener("keydown", (event) => {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? links[at + 1] : at === 0 ? field : links[at - 1];
        if (next) next.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        field.focus();
        onEscape();
      }
    });
  }

  /** Runs searches one after another: only the last one asked for is shown. */
  function searcher(show) {
    var latest = 0;
    return (text, filters, limit) => {
      var mine = ++latest;
      return prepare(text)
        .then(() => {
          if (mine !== latest) return null;
          var result = match(text, filters);
          return rows(result.positions.slice(0, limit)).then((shown) => {
            if (mine === latest) show(result, shown);
          });
        })
        .catch((error) => {
          if (mine === latest) show(null, [], error);
        });
    };
  }

  var BOX_RESULTS = 8;

  /** The header's box: results drop down under it as the reader types. */
  function startBox(place) {
    var field = place.querySelector("input[type=search]");
    var status = place.querySelector(".search-status");
    var popup = place.querySelector(".search-popup");
    var list = place.querySelector(".search-results");
    var all = place.querySelector(".search-all");
    var allHref = all.getAttribute("href");
    var close = () => {
      popup.hidden = true;
      status.textContent = "";
    };
    var run = searcher((result, shown, error) => {
      popup.hidden = false;
      if (error) {
        list.textContent = "";
        say(status, "error", 0);
        return;
      }
      var total = showRows(list, status, result, shown);
      all.hidden = total <= shown.length;
      all.href = allHref + "?q=" + encodeURIComponent(field.value.trim());
    });
    var update = () => {
      if (field.value.trim() === "") close();
      else run(field.value, {}, BOX_RESULTS);
    };
    field.addEventListener("input", update);
    field.addEventListener("focus", () => {
      if (field.value.trim() !== "" && popup.hidden) update();
    });
    field.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !popup.hidden) {
        event.preventDefault();
        close();
      } else if (event.key === "Enter" && field.value.trim() !== "") {
        event.preventDefault();
        location.href = allHref + "?q=" + encodeURIComponent(field.value.trim());
      }
    });
    keyboard(field, list, close);
    // Leaving the box (a click elsewhere, Tab past the results) closes it.
    place.addEventListener("focusout", (event) => {
      if (!place.contains(event.relatedTarget)) close();
    });
    if (document.activeElement === field) update();
  }

  var PAGE_RESULTS = 20;

  /** search.html: the words, the filters and the order, with every result, 20 at a time. */
  function startPage(place) {
    var field = place.querySelector("input[type=search]");
    var status = place.querySelector(".search-status");
    var list = place.querySelector(".search-results");
    var more = place.querySelector(".search-more");
    var selects = {};
    ["area", "tag", "year", "sort"].forEach((name) => { selects[name] = place.querySelector("select[name=" + name + "]"); });
    var limit = PAGE_RESULTS;
    var focusFrom = -1;
    var filters = () => {
      var out = {};
      Object.keys(selects).forEach((name) => { if (selects[name]) out[name] = selects[name].value; });
      return out;
    };
    var run = searcher((result, shown, error) => {
      if (error) {
        list.textContent = "";
        say(status, "error", 0);
        more.hidden = true;
        return;
      }
      var total = showRows(list, status, result, shown);
      // Nothing asked yet (no words, no filter): no count to announce.
      var asked = result.query.words.length > 0 || Object.keys(filters()).some((k) => k !== "sort" && filters()[k]);
      if (!asked) status.textContent = "";
      more.hidden = total <= shown.length;
      if (focusFrom >= 0) {
        var links = list.querySelectorAll("a");
        if (links[focusFrom]) links[focusFrom].focus();
        focusFrom = -1;
      }
    });
    var update = () => {
      var params = new URLSearchParams();
      if (field.value.trim()) params.set("q", field.value.trim());
      var f = filters();
      Object.keys(f).forEach((k) => { if (f[k] && !(k === "sort" && f[k] === "newest")) params.set(k, f[k]); });
      try {
        history.replaceState(null, "", params.toString() ? "?" + params.toString() : location.pathname);
      } catch {
        // Some browsers refuse to change a file:// address; the search works all the same.
      }
      run(field.value, f, limit);
    };
    var params = new URLSearchParams(location.search);
    field.value = params.get("q") || "";
    Object.keys(selects).forEach((name) => {
      var value = params.get(name);
      var select = selects[name];
      if (select && value !== null && Array.prototype.some.call(select.options, (o) => o.value === value)) select.value = value;
    });
    field.addEventListener("input", () => {
      limit = PAGE_RESULTS;
      update();
    });
    Object.keys(selects).forEach((name) => {
      if (selects[name]) selects[name].addEventListener("change", () => {
        limit = PAGE_RESULTS;
        update();
      });
    });
    more.addEventListener("click", () => {
      focusFrom = limit;
      limit += PAGE_RESULTS;
      update();
    });
    keyboard(field, list, () => {});
    update();
  }

  if (typeof document !== "undefined" && document.currentScript) {
    state.root = document.currentScript.src.replace(/search\/search\.js(?:[?#].*)?$/, "");
    var box = document.querySelector("[data-search=box]");
    var page = document.querySelector("[data-search=page]");
    if (box) startBox(box);
    if (page) startPage(page);
  }

  return api;
})();
