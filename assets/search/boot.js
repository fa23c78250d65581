/*
 * smallwins search, part 1 of 2, loaded by every page (a few hundred bytes).
 * Shows the search box, which is hidden for browsers without JavaScript, and
 * loads the search itself (search/search.js, which then loads the index)
 * only when the reader first searches: on the box's first focus, on "/", or
 * when typing. A classic script that adds classic scripts: no fetch, no
 * modules, so it works opened from file:// as well as from any web server.
 * See docs/site.md#search.
 */
(() => {
  "use strict";
  var script = document.currentScript;
  var places = document.querySelectorAll("[data-search]");
  if (!script || places.length === 0) return;
  // The site's root, wherever the site is and however deep this page: from this script's own address.
  var root = script.src.replace(/search\/boot\.js(?:[?#].*)?$/, "");
  var loading = false;

  function load() {
    if (loading) return;
    loading = true;
    var client = document.createElement("script");
    client.src = root + "search/search.js";
    document.head.appendChild(client);
  }

  for (var i = 0; i < places.length; i++) {
    places[i].hidden = false;
    var field = places[i].querySelector("input[type=search]");
    if (field) {
      field.addEventListener("focus", load);
      field.addEventListener("input", load);
    }
  }

  // "/" goes to the search field, as on GitHub and MDN, unless the reader is typing somewhere.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var field = document.querySelector("[data-search=page] input[type=search]") || document.querySelector("[data-search=box] input[type=search]");
    if (!field) return;
    event.preventDefault();
    field.focus();
  });

  // search.html opened with words to search for (the box's "All results" link) searches at once.
  if (document.querySelector("[data-search=page]") && /[?&]q=/.test(location.search)) load();
})();
