/* agentcat: the catalog filter. Plain JavaScript, no dependencies.
 *
 * The catalog index holds an empty <div id="agentcat-filter"> above the table; this script
 * fills it with a search box and three filters, then shows or hides table rows. Without
 * JavaScript the div stays empty and the whole table shows.
 *
 * - The state lives in the URL query (?search=&category=&capability=&model=): a link
 *   reproduces it, and the back button steps through it. Not `q`: Material's search
 *   dialog opens itself for a `q` parameter.
 * - Loaded only by the catalog page (the hook adds the script to its content). Material's
 *   instant navigation runs the scripts of the content it swaps in again, so the script can
 *   run more than once in one document: the first run sets everything up (and follows
 *   `document$`, which emits for every page shown), a later run only builds the filter of
 *   the page now shown. Building twice for the same page is a no-op.
 * - Fast for thousands of rows: each row's lowercase text is computed once, a keystroke
 *   only compares strings and flips `hidden` on the rows that change.
 */
(function () {
  "use strict";

  if (typeof window.agentcatFilterInit === "function") { // run before in this document
    window.agentcatFilterInit();
    return;
  }

  var PARAMS = ["search", "category", "capability", "model"];
  var CAPABILITIES = [
    ["read-only", "Read-only"],
    ["edits-files", "Edits files"],
    ["runs-commands", "Runs commands"],
    ["uses-the-web", "Uses the web"]
  ];
  var URL_DELAY_MS = 400; // typing rewrites the URL once it pauses, not on every key

  var current = null; // the filter of the page shown now, or null

  function element(tag, props, children) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") el.textContent = props[key];
      else el.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { el.appendChild(child); });
    return el;
  }

  function cellText(row, selector) {
    var cell = row.querySelector(selector);
    return cell ? cell.textContent : "";
  }

  function field(id, label, control) {
    return element("div", {"class": "agentcat-filter__field"}, [
      element("label", {"for": id, text: label}), control
    ]);
  }

  function select(id, name, options) {
    var el = element("select", {id: id, name: name});
    options.forEach(function (o) { el.appendChild(element("option", {value: o[0], text: o[1]})); });
    return el;
  }

  function Filter(mount, wrapper) {
    var rows = Array.prototype.slice.call(wrapper.querySelectorAll("tbody tr[data-name]"));
    var categories = [], models = [], seen = {};
    this.items = rows.map(function (row) {
      var category = row.getAttribute("data-category") || "";
      var model = row.getAttribute("data-model") || "";
      if (!seen["c:" + category]) {
        seen["c:" + category] = true;
        categories.push([category, cellText(row, ".agentcat-col-category").trim() || category]);
      }
      if (!seen["m:" + model]) { seen["m:" + model] = true; models.push([model, model]); }
      return {
        row: row,
        shown: !row.hidden,
        text: [row.getAttribute("data-name"), cellText(row, ".agentcat-col-description"),
               cellText(row, ".agentcat-col-tools")].join(" ").toLowerCase(),
        category: category,
        model: model,
        caps: " " + (row.getAttribute("data-caps") || "") + " "
      };
    });
    models.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });

    this.controls = {
      search: element("input", {
        id: "agentcat-filter-search", type: "search", name: "search", autocomplete: "off",
        spellcheck: "false", placeholder: "Name, job or tool", "aria-controls": "agentcat-table"
      }),
      category: select("agentcat-filter-category", "category", [["", "All categories"]].concat(categories)),
      capability: select("agentcat-filter-capability", "capability", [["", "Any capability"]].concat(CAPABILITIES)),
      model: select("agentcat-filter-model", "model", [["", "Any model"]].concat(models))
    };
    this.count = element("p", {
      id: "agentcat-filter-count", "class": "agentcat-filter__count", role: "status", "aria-live": "polite"
    });
    var clear = element("button", {type: "reset", "class": "md-button agentcat-filter__clear", text: "Clear filters"});
    this.form = element("form", {"class": "agentcat-filter__form", role: "search", "aria-label": "Filter the catalog"}, [
      field("agentcat-filter-search", "Search agents", this.controls.search),
      field("agentcat-filter-category", "Category", this.controls.category),
      field("agentcat-filter-capability", "Capability", this.controls.capability),
      field("agentcat-filter-model", "Model", this.controls.model),
      clear
    ]);
    this.mount = mount;
    this.urlTimer = 0;
    this.typing = false; // the current history entry was pushed by typing: replace it

    var self = this;
    this.form.addEventListener("submit", function (ev) { ev.preventDefault(); self.writeUrl(); });
    this.form.addEventListener("reset", function (ev) {
      ev.preventDefault();
      self.setState({});
      self.apply();
      self.writeUrl(true);
      self.controls.search.focus();
    });
    this.controls.search.addEventListener("input", function () {
      self.apply();
      clearTimeout(self.urlTimer);
      self.urlTimer = setTimeout(function () { self.writeUrl(); }, URL_DELAY_MS);
    });
    ["category", "capability", "model"].forEach(function (name) {
      self.controls[name].addEventListener("change", function () { self.apply(); self.writeUrl(true); });
    });

    mount.appendChild(this.form);
    mount.appendChild(this.count);
    this.readUrl();
  }

  Filter.prototype.state = function () {
    var s = {}, c = this.controls;
    PARAMS.forEach(function (name) { s[name] = c[name].value; });
    return s;
  };

  Filter.prototype.setState = function (s) {
    var c = this.controls;
    PARAMS.forEach(function (name) {
      var value = s[name] || "";
      if (c[name].tagName === "SELECT") {
        // values the list does not offer (an old link) fall back to "all"
        var known = Array.prototype.some.call(c[name].options, function (o) { return o.value === value; });
        c[name].value = known ? value : "";
      } else {
        c[name].value = value;
      }
    });
  };

  Filter.prototype.readUrl = function () {
    var params = new URLSearchParams(location.search), s = {};
    PARAMS.forEach(function (name) { s[name] = params.get(name) || ""; });
    clearTimeout(this.urlTimer);
    this.typing = false;
    this.setState(s);
    this.apply();
  };

  // push: a new history entry (a filter changed); otherwise typing keeps one entry up to date
  Filter.prototype.writeUrl = function (push) {
    clearTimeout(this.urlTimer);
    var url = new URL(location.href), s = this.state();
    PARAMS.forEach(function (name) {
      if (s[name].trim()) url.searchParams.set(name, s[name].trim());
      else url.searchParams.delete(name);
    });
    if (url.href === location.href) return;
    // keep Material's history state (the scroll position) on the entry
    if (!push && this.typing) history.replaceState(history.state, "", url.href);
    else history.pushState(null, "", url.href);
    this.typing = !push;
  };

  Filter.prototype.apply = function () {
    var s = this.state();
    var terms = s.search.toLowerCase().split(/\s+/).filter(Boolean);
    var cap = s.capability ? " " + s.capability + " " : "";
    var items = this.items, shown = 0;
    for (var i = 0; i < items.length; i++) {
      var it = items[i], match = true;
      if (s.category && it.category !== s.category) match = false;
      else if (s.model && it.model !== s.model) match = false;
      else if (cap && it.caps.indexOf(cap) < 0) match = false;
      else {
        for (var t = 0; t < terms.length; t++) {
          if (it.text.indexOf(terms[t]) < 0) { match = false; break; }
        }
      }
      if (match !== it.shown) { it.row.hidden = !match; it.shown = match; }
      if (match) shown++;
    }
    var total = items.length;
    this.count.textContent = shown === total
      ? "Showing all " + total + " agents"
      : shown === 0
        ? "No agent matches these filters (of " + total + ")"
        : "Showing " + shown + " of " + total + " agents";
  };

  function init() {
    var mount = document.getElementById("agentcat-filter");
    var wrapper = document.getElementById("agentcat-table");
    if (current && current.mount === mount) return; // this page's filter is built already
    current = null;
    if (!mount || !wrapper || mount.firstChild) return;
    current = new Filter(mount, wrapper);
  }

  // Back and forward between states of the same page: Material fetches nothing when only
  // the query changes, so the filter follows the URL itself.
  window.addEventListener("popstate", function () {
    if (current && document.body.contains(current.mount)) current.readUrl();
  });

  window.agentcatFilterInit = init;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
