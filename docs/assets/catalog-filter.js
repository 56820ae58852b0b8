/* agentcat: the catalog's word search, filters and install set. Plain JavaScript, no dependencies.
 *
 * The catalog and category pages hold the list of every agent (<ol> in #agentcat-table), one
 * <li data-name data-category data-model data-caps data-tokens data-sha data-headings> each.
 * Without JavaScript that list shows whole and the checkboxes stay hidden.
 *
 * Search (catalog index only, where #agentcat-filter exists):
 * - words in any order, stemmed (migrations -> migration, reviewing -> review), expanded by
 *   the synonym groups of agents/synonyms.yml (the list's data-synonyms);
 * - ranked by how many words match, then by field: name > description > body headings >
 *   category and badges; all words but one must match (the ranking puts agents with all of
 *   them first); each result says which words matched where;
 * - an index from stems to agents is built once, so a keystroke looks up a few stems and
 *   never scans every row's text; the results go into a list of their own, at most
 *   RESULTS_SHOWN rows at a time, so a keystroke lays out a page of rows, not thousands;
 * - filters take several values (any of them matches) and live in the URL with the search:
 *   ?search=&category=a,b&capability=&model= (not `q`: Material's search dialog takes that).
 *
 * Install set (catalog and category pages): a checkbox per agent; the set lives in the URL
 * (?pick=a,b) and in localStorage, and a panel shows one plugin command per agent (or per
 * category when all of it is chosen), one shell command that installs them all after
 * checking each file's SHA-256, and the total token footprint.
 *
 * Material's instant navigation swaps pages without reloading scripts: `document$` emits for
 * every page shown, and everything is built again for the page that is shown.
 */
(function () {
  "use strict";

  var FILTERS = ["category", "capability", "model"];
  var CAPABILITIES = [
    ["read-only", "Read-only"], ["edits", "Edits files"], ["runs", "Runs commands"],
    ["web", "Uses the web"], ["mcp", "MCP servers"], ["agents", "Starts agents"]
  ];
  var OLD_CAPABILITIES = {"edits-files": "edits", "runs-commands": "runs", "uses-the-web": "web"};
  var FIELDS = [["name", 8], ["description", 4], ["headings", 2], ["category", 1]];
  var PREFIX_FACTOR = 0.9, SYNONYM_FACTOR = 0.7, COVER_BONUS = 2;
  var RESULTS_SHOWN = 120;  // a catalog of about a hundred shows whole; thousands stay fast
  var URL_DELAY_MS = 400; // typing rewrites the URL once it pauses, not on every key
  var SUGGEST_DELAY_MS = 120;
  var STORE_KEY = "agentcat.install-set";
  var NAME_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/, SHA_RE = /^[0-9a-f]{64}$/;
  var STOP = {};
  ("a an and any are as at be by for from how i in into is it me my of on or our some that the this " +
   "to use using want need with agent agents help helps can do").split(" ").forEach(function (w) { STOP[w] = true; });

  var current = null; // {filter, set} of the page shown now

  // --- small helpers ---------------------------------------------------------------------

  function element(tag, props, children) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") el.textContent = props[key];
      else el.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) {
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }

  function number(n) { return n.toLocaleString("en"); }

  function listParam(params, name) {
    var out = [];
    params.getAll(name).forEach(function (v) {
      v.split(",").forEach(function (x) { x = x.trim(); if (x && out.indexOf(x) < 0) out.push(x); });
    });
    return out;
  }

  // --- words -----------------------------------------------------------------------------

  function stem(w) {
    if (w.length <= 3) return w;
    var s = w;
    if (/ies$/.test(s) && s.length > 4) s = s.slice(0, -3) + "y";
    else if (/sses$/.test(s)) s = s.slice(0, -2);
    else if (/s$/.test(s) && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
    var cut = false;
    if (/ing$/.test(s) && s.length > 5) { s = s.slice(0, -3); cut = true; }
    else if (/ed$/.test(s) && s.length > 4) { s = s.slice(0, -2); cut = true; }
    else if (/er$/.test(s) && s.length >= 7) { s = s.slice(0, -2); cut = true; }
    if (cut && /([bdfgmnprt])\1$/.test(s)) s = s.slice(0, -1);
    if (!cut && /e$/.test(s) && s.length > 4) s = s.slice(0, -1);
    return s;
  }

  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9+#]+/).filter(Boolean);
  }

  function stems(text) { return words(text).map(stem); }

  // --- the list's agents -----------------------------------------------------------------

  function readItems(list) {
    return Array.prototype.map.call(list.querySelectorAll("li[data-name]"), function (row, i) {
      var tokens = (row.getAttribute("data-tokens") || "0 0").split(" ");
      var category = row.getAttribute("data-category") || "";
      return {
        index: i, row: row, clone: null,
        name: row.getAttribute("data-name"), category: category,
        model: row.getAttribute("data-model") || "",
        caps: (row.getAttribute("data-caps") || "").split(" ").filter(Boolean),
        sha: row.getAttribute("data-sha") || "",
        always: parseInt(tokens[0], 10) || 0, invoke: parseInt(tokens[1], 10) || 0,
        texts: {
          name: row.getAttribute("data-name").replace(/-/g, " "),
          description: (row.querySelector(".agentcat-row__desc") || {}).textContent || "",
          headings: row.getAttribute("data-headings") || "",
          category: category.replace(/-/g, " ") + " " + (row.getAttribute("data-caps") || "").replace(/-/g, " ")
        }
      };
    });
  }

  // --- search ----------------------------------------------------------------------------

  function Index(items, groups) {
    var vocab = new Map();
    items.forEach(function (it, i) {
      FIELDS.forEach(function (f, fi) {
        stems(it.texts[f[0]]).forEach(function (s) {
          var posting = vocab.get(s);
          if (!posting) { posting = new Map(); vocab.set(s, posting); }
          posting.set(i, (posting.get(i) || 0) | (1 << fi));
        });
      });
    });
    this.vocab = vocab;
    this.keys = Array.from(vocab.keys()).sort();
    this.synonyms = new Map(); // stem of a word -> the other words of its groups: {stems, label}
    var self = this;
    (groups || []).forEach(function (group) {
      if (!Array.isArray(group)) return;
      var members = group.filter(function (w) { return typeof w === "string"; })
        .map(function (w) { return {stems: stems(w), label: w}; });
      members.forEach(function (m) {
        if (m.stems.length !== 1) return;
        var key = m.stems[0], others = self.synonyms.get(key) || [];
        members.forEach(function (o) { if (o.stems.join(" ") !== key) others.push(o); });
        self.synonyms.set(key, others);
      });
    });
    this.memo = new Map();
  }

  // Agents that have a word starting with `s` (whole word for short ones): index -> [weight, field]
  Index.prototype.lookup = function (s) {
    var hit = this.memo.get(s);
    if (hit) return hit;
    hit = new Map();
    var keys = this.keys, vocab = this.vocab;
    var lo = 0, hi = keys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < s) lo = mid + 1; else hi = mid; }
    for (var k = lo; k < keys.length && keys[k].lastIndexOf(s, 0) === 0; k++) {
      if (keys[k] !== s && s.length < 3) break;
      var factor = keys[k] === s ? 1 : PREFIX_FACTOR;
      vocab.get(keys[k]).forEach(function (mask, i) {
        for (var fi = 0; fi < FIELDS.length; fi++) {
          if (mask & (1 << fi)) {
            var w = FIELDS[fi][1] * factor, old = hit.get(i);
            if (!old || old[0] < w) hit.set(i, [w, FIELDS[fi][0]]);
            break; // fields are in order of weight
          }
        }
      });
    }
    if (this.memo.size > 2000) this.memo.clear();
    this.memo.set(s, hit);
    return hit;
  };

  // A query word: its own stem, or any synonym (all words of a synonym that is a phrase)
  Index.prototype.word = function (word) {
    var s = stem(word), best = new Map(), self = this;
    function add(map, factor, via) {
      map.forEach(function (v, i) {
        var w = v[0] * factor, old = best.get(i);
        if (!old || old.weight < w) best.set(i, {weight: w, field: v[1], via: via});
      });
    }
    add(this.lookup(s), 1, "");
    (this.synonyms.get(s) || []).forEach(function (alt) {
      var hits = alt.stems.map(function (a) { return self.lookup(a); });
      var both = new Map();
      hits[0].forEach(function (v, i) {
        var w = v[0], field = v[1];
        for (var h = 1; h < hits.length; h++) {
          var o = hits[h].get(i);
          if (!o) return;
          if (o[0] < w) { w = o[0]; field = o[1]; }
        }
        both.set(i, [w, field]);
      });
      add(both, SYNONYM_FACTOR, alt.label);
    });
    return best;
  };

  Index.prototype.search = function (query) {
    var list = words(query), terms = list.filter(function (w) { return !STOP[w]; });
    if (!terms.length) terms = list;
    terms = terms.filter(function (w, i) { return terms.indexOf(w) === i; });
    var self = this, scores = new Map();
    terms.forEach(function (term) {
      self.word(term).forEach(function (m, i) {
        var s = scores.get(i);
        if (!s) { s = {index: i, covered: 0, score: 0, why: []}; scores.set(i, s); }
        s.covered++;
        s.score += m.weight;
        s.why.push(term + (m.via ? " as \u201c" + m.via + "\u201d" : "") + " in " + m.field);
      });
    });
    return {terms: terms, scores: scores};
  };

  // Nearest known words, for a search that matches nothing (letter pairs in common)
  Index.prototype.nearest = function (terms) {
    function pairs(w) { var out = {}; for (var i = 0; i < w.length - 1; i++) out[w.substr(i, 2)] = true; return out; }
    var self = this, found = new Map();
    terms.forEach(function (term) {
      var a = pairs(stem(term)), na = Object.keys(a).length;
      if (!na) return;
      self.keys.forEach(function (k) {
        if (Math.abs(k.length - term.length) > 4) return;
        var b = pairs(k), nb = 0, common = 0;
        for (var p in b) { nb++; if (a[p]) common++; }
        var dice = 2 * common / (na + nb);
        if (dice >= 0.5) {
          self.vocab.get(k).forEach(function (mask, i) {
            var w = dice * (mask & 1 ? 2 : 1);
            if ((found.get(i) || 0) < w) found.set(i, w);
          });
        }
      });
    });
    return Array.from(found.entries()).sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; })
      .slice(0, 3).map(function (e) { return e[0]; });
  };

  // --- the filter ------------------------------------------------------------------------

  function facet(name, label, options) {
    var boxes = options.map(function (o) {
      var id = "agentcat-filter-" + name + "-" + o[0];
      return element("li", {}, [
        element("input", {type: "checkbox", id: id, name: name, value: o[0]}),
        element("label", {"for": id, text: o[1]})
      ]);
    });
    var summary = element("summary", {"class": "agentcat-facet__summary"}, [
      element("span", {text: label}), element("span", {"class": "agentcat-facet__count"})
    ]);
    var el = element("details", {"class": "agentcat-facet", id: "agentcat-filter-" + name}, [
      summary,
      element("fieldset", {"class": "agentcat-facet__options"}, [
        element("legend", {"class": "md-visually-hidden", text: label + ": any of"}),
        element("ul", {}, boxes)
      ])
    ]);
    return el;
  }

  function Filter(mount, container, list, items, set) {
    this.items = items;
    this.list = list;
    this.set = set;
    var categories = [], models = [], seen = {};
    items.forEach(function (it) {
      if (!seen["c:" + it.category]) {
        seen["c:" + it.category] = true;
        var title = it.row.querySelector(".agentcat-row__category");
        categories.push([it.category, title ? title.textContent : it.category]);
      }
      if (!seen["m:" + it.model]) { seen["m:" + it.model] = true; models.push([it.model, it.model]); }
    });
    models.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    var groups = [];
    try { groups = JSON.parse(container.getAttribute("data-synonyms") || "[]"); } catch (e) { groups = []; }
    this.index = new Index(items, groups);

    this.search = element("input", {
      id: "agentcat-filter-search", type: "search", name: "search", autocomplete: "off",
      spellcheck: "false", placeholder: "What should it do? e.g. review SQL migrations", "aria-controls": "agentcat-results"
    });
    this.facets = {
      category: facet("category", "Category", categories),
      capability: facet("capability", "Capability", CAPABILITIES),
      model: facet("model", "Model", models)
    };
    this.count = element("p", {
      id: "agentcat-filter-count", "class": "agentcat-filter__count", role: "status", "aria-live": "polite"
    });
    var clear = element("button", {type: "reset", "class": "md-button agentcat-filter__clear", text: "Clear filters"});
    this.form = element("form", {"class": "agentcat-filter__form", role: "search", "aria-label": "Search the catalog"}, [
      element("div", {"class": "agentcat-filter__field agentcat-filter__search"}, [
        element("label", {"for": "agentcat-filter-search", text: "Search agents"}), this.search
      ]),
      element("div", {"class": "agentcat-filter__facets"}, [this.facets.category, this.facets.capability, this.facets.model, clear])
    ]);
    this.results = element("ol", {"class": "agentcat-rows agentcat-results", id: "agentcat-results", "aria-label": "Matching agents"});
    this.more = element("button", {type: "button", "class": "md-button agentcat-more", hidden: ""});
    this.empty = element("div", {"class": "agentcat-empty", hidden: ""});
    this.mount = mount;
    this.urlTimer = 0;
    this.suggestTimer = 0;
    this.typing = false; // the current history entry was pushed by typing: replace it
    this.limit = RESULTS_SHOWN;
    this.shownKey = null;

    var self = this;
    this.form.addEventListener("submit", function (ev) { ev.preventDefault(); self.writeUrl(); });
    this.form.addEventListener("reset", function (ev) { ev.preventDefault(); self.clear(); });
    this.search.addEventListener("input", function () {
      self.limit = RESULTS_SHOWN;
      self.apply();
      clearTimeout(self.urlTimer);
      self.urlTimer = setTimeout(function () { self.writeUrl(); }, URL_DELAY_MS);
    });
    this.form.addEventListener("change", function (ev) {
      if (ev.target.type !== "checkbox") return;
      self.limit = RESULTS_SHOWN;
      self.apply();
      self.writeUrl(true);
    });
    this.more.addEventListener("click", function () { self.limit = Infinity; self.apply(); });
    this.closeFacets = function (ev) {
      FILTERS.forEach(function (name) {
        var f = self.facets[name];
        if (f.open && (ev.type === "keydown" ? ev.key === "Escape" : !f.contains(ev.target))) {
          f.open = false;
          if (ev.type === "keydown" && f.contains(document.activeElement)) f.querySelector("summary").focus();
        }
      });
    };
    document.addEventListener("click", this.closeFacets);
    document.addEventListener("keydown", this.closeFacets);

    mount.appendChild(this.form);
    mount.appendChild(this.count);
    list.hidden = true;
    list.parentNode.insertBefore(this.results, list);
    list.parentNode.insertBefore(this.more, list);
    list.parentNode.insertBefore(this.empty, list);
    this.readUrl();
  }

  Filter.prototype.destroy = function () {
    document.removeEventListener("click", this.closeFacets);
    document.removeEventListener("keydown", this.closeFacets);
  };

  Filter.prototype.state = function () {
    var s = {search: this.search.value}, facets = this.facets;
    FILTERS.forEach(function (name) {
      s[name] = Array.prototype.filter.call(facets[name].querySelectorAll("input"), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    });
    return s;
  };

  Filter.prototype.setState = function (s) {
    this.search.value = s.search || "";
    var facets = this.facets;
    FILTERS.forEach(function (name) {
      var values = s[name] || [];
      Array.prototype.forEach.call(facets[name].querySelectorAll("input"), function (i) {
        i.checked = values.indexOf(i.value) >= 0; // values the list does not offer (an old link) are left out
      });
    });
  };

  Filter.prototype.clear = function () {
    this.setState({});
    this.limit = RESULTS_SHOWN;
    this.apply();
    this.writeUrl(true);
    this.search.focus();
  };

  Filter.prototype.readUrl = function () {
    var params = new URLSearchParams(location.search), s = {search: params.get("search") || ""};
    FILTERS.forEach(function (name) { s[name] = listParam(params, name); });
    s.capability = s.capability.map(function (c) { return OLD_CAPABILITIES[c] || c; });
    clearTimeout(this.urlTimer);
    this.typing = false;
    this.setState(s);
    this.apply();
  };

  // push: a new history entry (a filter changed); otherwise typing keeps one entry up to date
  Filter.prototype.writeUrl = function (push) {
    clearTimeout(this.urlTimer);
    var url = new URL(location.href), s = this.state();
    if (s.search.trim()) url.searchParams.set("search", s.search.trim());
    else url.searchParams.delete("search");
    FILTERS.forEach(function (name) {
      if (s[name].length) url.searchParams.set(name, s[name].join(","));
      else url.searchParams.delete(name);
    });
    if (url.href === location.href) return;
    // keep Material's history state (the scroll position) on the entry
    if (!push && this.typing) history.replaceState(history.state, "", url.href);
    else history.pushState(null, "", url.href);
    this.typing = !push;
  };

  Filter.prototype.rowFor = function (it, why) {
    if (!it.clone) {
      it.clone = it.row.cloneNode(true);
      it.why = element("p", {"class": "agentcat-row__why"});
      it.clone.appendChild(it.why);
      it.box = it.clone.querySelector("input.agentcat-pick");
    }
    if (it.box) it.box.checked = this.set.has(it.name);
    it.why.textContent = why ? "Matches: " + why : "";
    it.why.hidden = !why;
    return it.clone;
  };

  Filter.prototype.apply = function () {
    var s = this.state(), items = this.items, self = this;
    var searching = words(s.search).length > 0;
    var found = searching ? this.index.search(s.search) : null;
    var need = 0, partial = false;
    if (found) {
      var n = found.terms.length;
      need = Math.max(1, n - 1); // one word may miss: the ranking puts agents that have all of them first
      var any = false;
      found.scores.forEach(function (v) { if (v.covered >= need) any = true; });
      if (!any && need > 1) { need = 1; partial = true; }
    }
    var facets = {};
    FILTERS.forEach(function (name) {
      facets[name] = s[name].length ? s[name] : null;
      self.facets[name].querySelector(".agentcat-facet__count").textContent = s[name].length ? " (" + s[name].length + ")" : "";
    });
    var matches = [];
    for (var i = 0; i < items.length; i++) {
      var it = items[i], hit = null;
      if (facets.category && facets.category.indexOf(it.category) < 0) continue;
      if (facets.model && facets.model.indexOf(it.model) < 0) continue;
      if (facets.capability && !facets.capability.some(function (c) { return it.caps.indexOf(c) >= 0; })) continue;
      if (found) {
        hit = found.scores.get(i);
        if (!hit || hit.covered < need) continue;
      }
      matches.push(hit || {index: i, covered: 0, score: 0, why: []});
    }
    if (found) {
      // field weights first, with a bonus for each word matched (a name match outranks a word more)
      matches.sort(function (a, b) {
        return (b.score + COVER_BONUS * b.covered) - (a.score + COVER_BONUS * a.covered) || a.index - b.index;
      });
    }
    var shown = matches.slice(0, this.limit);
    var key = shown.map(function (m) { return m.index + ":" + m.why.join(";"); }).join("|") + "|" + this.set.version;
    if (key !== this.shownKey) {
      this.shownKey = key;
      var frag = document.createDocumentFragment();
      shown.forEach(function (m) { frag.appendChild(self.rowFor(items[m.index], m.why.join(" \u00b7 "))); });
      this.results.replaceChildren(frag);
    }
    var total = items.length, count = matches.length;
    this.more.hidden = count <= shown.length;
    if (!this.more.hidden) this.more.textContent = "Show all " + number(count) + " matching agents";
    var filtered = searching || FILTERS.some(function (name) { return s[name].length; });
    this.count.textContent = !filtered
      ? (count > shown.length ? "Showing " + number(shown.length) + " of all " + number(total) + " agents"
                              : "Showing all " + number(total) + " agents")
      : count === 0
        ? "No agent matches these filters (of " + number(total) + ")"
        : (partial ? "No agent matches every word; showing " : "Showing ") + number(count) + " of " + number(total) +
          " agents" + (searching ? ", best match first" : "");
    clearTimeout(this.suggestTimer);
    if (count === 0) {
      this.suggestTimer = setTimeout(function () { self.suggest(found ? found.terms : []); }, SUGGEST_DELAY_MS);
    } else {
      this.empty.hidden = true;
    }
  };

  Filter.prototype.suggest = function (terms) {
    var self = this, nearest = terms.length ? this.index.nearest(terms) : [];
    var children = [element("p", {text: "No agent matches these filters."})];
    if (nearest.length) {
      var links = [];
      nearest.forEach(function (i, k) {
        var a = self.items[i].row.querySelector("a.agentcat-row__name");
        if (k) links.push(", ");
        links.push(element("a", {href: a.getAttribute("href"), text: self.items[i].name}));
      });
      children.push(element("p", {}, ["Nearest agents: "].concat(links).concat(["."])));
    }
    var clear = element("button", {type: "button", "class": "md-button agentcat-empty__clear", text: "Clear the search and filters"});
    clear.addEventListener("click", function () { self.clear(); });
    children.push(element("p", {}, [clear]));
    this.empty.replaceChildren.apply(this.empty, children);
    this.empty.hidden = false;
  };

  // --- the install set -------------------------------------------------------------------

  function InstallSet(container, items) {
    this.container = container;
    this.panel = container.querySelector("#agentcat-set");
    this.site = container.getAttribute("data-site") || "";
    this.marketplace = container.getAttribute("data-marketplace") || "";
    this.suffix = container.getAttribute("data-plugin-suffix") || "";
    try { this.sizes = JSON.parse(container.getAttribute("data-category-sizes") || "{}"); } catch (e) { this.sizes = {}; }
    this.byName = {};
    var self = this;
    items.forEach(function (it) { self.byName[it.name] = it; });
    this.picked = new Map(); // name -> {c, s, d, b}
    this.version = 0;
    this.load();
    container.addEventListener("change", function (ev) {
      var box = ev.target;
      if (!box.classList || !box.classList.contains("agentcat-pick")) return;
      self.toggle(box.value, box.checked);
    });
    this.render();
  }

  InstallSet.prototype.has = function (name) { return this.picked.has(name); };

  function valid(name, v) {
    return NAME_RE.test(name) && v && NAME_RE.test(v.c || "") && SHA_RE.test(v.s || "") &&
      typeof v.d === "number" && typeof v.b === "number";
  }

  InstallSet.prototype.load = function () {
    var stored = {};
    try { stored = JSON.parse(localStorage.getItem(STORE_KEY) || "{}") || {}; } catch (e) { stored = {}; }
    var params = new URLSearchParams(location.search), self = this;
    var names = params.has("pick") ? listParam(params, "pick") : Object.keys(stored);
    names.forEach(function (name) {
      var it = self.byName[name];
      var v = it ? {c: it.category, s: it.sha, d: it.always, b: it.invoke} : stored[name];
      if (valid(name, v)) self.picked.set(name, v);
    });
    if (params.has("pick")) this.save();
  };

  InstallSet.prototype.save = function () {
    var data = {};
    this.picked.forEach(function (v, k) { data[k] = v; });
    try { localStorage.setItem(STORE_KEY, JSON.stringify(data)); } catch (e) { /* private mode: the URL keeps it */ }
    var url = new URL(location.href);
    if (this.picked.size) url.searchParams.set("pick", Array.from(this.picked.keys()).join(","));
    else url.searchParams.delete("pick");
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  };

  InstallSet.prototype.toggle = function (name, on) {
    var it = this.byName[name];
    if (on && it) this.picked.set(name, {c: it.category, s: it.sha, d: it.always, b: it.invoke});
    else this.picked.delete(name);
    this.version++;
    Array.prototype.forEach.call(this.container.querySelectorAll("input.agentcat-pick"), function (box) {
      if (box.value === name) box.checked = on;
    });
    this.save();
    this.render();
  };

  InstallSet.prototype.clear = function () {
    var self = this;
    Array.from(this.picked.keys()).forEach(function (name) { self.picked.delete(name); });
    this.version++;
    Array.prototype.forEach.call(this.container.querySelectorAll("input.agentcat-pick"), function (box) { box.checked = false; });
    this.save();
    this.render();
  };

  InstallSet.prototype.commands = function () {
    var names = Array.from(this.picked.keys()).sort(), self = this;
    var perCategory = {};
    names.forEach(function (n) { var c = self.picked.get(n).c; (perCategory[c] = perCategory[c] || []).push(n); });
    var plugins = [];
    Object.keys(perCategory).sort().forEach(function (c) {
      if (self.sizes[c] && perCategory[c].length === self.sizes[c] && self.sizes[c] > 1) plugins.push(c);
      else plugins = plugins.concat(perCategory[c]);
    });
    var plugin = plugins.map(function (p) { return "/plugin install " + p + " --marketplace " + self.marketplace; }).join("\n");
    var lines = ['d=~/.claude/agents t=$(mktemp -d) &&'];
    names.forEach(function (n) { lines.push('curl -fsSL ' + self.site + 'raw/' + n + '.md -o "$t/' + n + '.md" &&'); });
    lines.push("printf '%s  %s\\n' " + names.map(function (n) { return self.picked.get(n).s + " " + n + ".md"; }).join(" ") +
               ' | (cd "$t" && sha256sum -c - >/dev/null) &&');
    lines.push('mkdir -p "$d" && mv "$t"/*.md "$d"/ && rmdir "$t" ||');
    lines.push('{ rm -rf "$t"; echo "nothing installed: a download failed or a SHA-256 does not match" >&2; false; }');
    var always = 0, invoke = 0;
    names.forEach(function (n) { always += self.picked.get(n).d; invoke += self.picked.get(n).b; });
    return {names: names, plugins: plugins, plugin: plugin, shell: lines.join("\n"), always: always, invoke: invoke};
  };

  function codeBlock(text, label) {
    var button = element("button", {
      "class": "md-code__button agentcat-copy", type: "button", title: label, "aria-label": label,
      "data-clipboard-text": text, "data-md-type": "copy"
    });
    return element("div", {"class": "highlight no-copy agentcat-set__code"}, [
      element("pre", {}, [element("nav", {"class": "md-code__nav"}, [button]), element("code", {text: text})])
    ]);
  }

  InstallSet.prototype.render = function () {
    var panel = this.panel, self = this;
    if (!panel) return;
    if (!this.bar) {
      this.bar = element("a", {"class": "agentcat-set-bar", href: "#agentcat-set", hidden: ""});
      this.container.appendChild(this.bar);
    }
    if (!this.picked.size) { panel.hidden = true; panel.replaceChildren(); this.bar.hidden = true; return; }
    var c = this.commands(), open = panel.querySelector("details");
    var n = c.names.length;
    this.bar.textContent = "Install set: " + n + " agent" + (n === 1 ? "" : "s") + ", ~" + number(c.always) +
      " tokens always on \u2191";
    this.bar.hidden = false;
    var details = element("details", {"class": "agentcat-set__details"}, [
      element("summary", {}, [
        element("strong", {text: "Install set: " + n + " agent" + (n === 1 ? "" : "s")}),
        " · ~" + number(c.always) + " tokens always on, ~" + number(c.invoke) + " on invoke"
      ]),
      element("p", {text: "Chosen: " + c.names.join(", ") + "."}),
      element("p", {text: "In Claude Code, one command per plugin" +
        (c.plugins.length < n ? " (a whole category is one plugin)" : "") + ":"}),
      codeBlock(c.plugin, "Copy the plugin commands"),
      element("p", {text: "Or in a shell: downloads every file, checks each SHA-256, and only then moves them into ~/.claude/agents/ (for one project, change d= to .claude/agents). On macOS without sha256sum, write shasum -a 256 -c - instead."}),
      codeBlock(c.shell, "Copy the shell command"),
      element("p", {text: "Token footprint: ~" + number(c.always) + " tokens in every session (names and descriptions), ~" +
        number(c.invoke) + " more when all of them run (their prompts); estimated as characters ÷ 4."}),
      element("button", {type: "button", "class": "md-button agentcat-set__clear", text: "Empty the install set"})
    ]);
    // open at first on a wide screen; on a phone the summary line alone, so the list stays in view
    details.open = open ? open.open : window.matchMedia("(min-width: 60em)").matches;
    details.querySelector(".agentcat-set__clear").addEventListener("click", function () { self.clear(); });
    panel.replaceChildren(details);
    panel.hidden = false;
  };

  // --- wiring ----------------------------------------------------------------------------

  function init() {
    var container = document.getElementById("agentcat-table");
    if (container && container.hasAttribute("data-agentcat-ready")) return; // built for this page already
    if (current && current.filter) current.filter.destroy();
    current = null;
    if (!container) return;
    container.setAttribute("data-agentcat-ready", "");
    document.documentElement.classList.add("agentcat-js");
    var list = container.querySelector("ol.agentcat-rows");
    var items = readItems(list);
    var set = new InstallSet(container, items);
    var mount = document.getElementById("agentcat-filter");
    var filter = mount && !mount.firstChild ? new Filter(mount, container, list, items, set) : null;
    if (filter) {
      var render = set.render.bind(set);
      set.render = function () { render(); filter.apply(); };
    }
    current = {filter: filter, set: set};
  }

  // Back and forward between states of the same page: Material fetches nothing when only
  // the query changes, so the filter follows the URL itself.
  window.addEventListener("popstate", function () {
    if (current && current.filter && document.body.contains(current.filter.mount)) current.filter.readUrl();
  });

  // loaded by assets/agentcat.js once a page with the list shows: build it for that page now,
  // then for every page Material's instant navigation shows (init skips a list already built)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
