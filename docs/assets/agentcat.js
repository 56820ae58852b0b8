/* agentcat: loads the catalog's search and install set (catalog-filter.js) on the pages that
 * have the catalog list, and only there, so agent pages do not download it. Material's
 * instant navigation keeps this script across pages: it looks again on every page shown. */
(function () {
  "use strict";
  var me = document.currentScript && document.currentScript.src;
  var loaded = false;
  function check() {
    if (loaded || !me || !document.getElementById("agentcat-table")) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = me.replace(/agentcat\.js(\?.*)?$/, "catalog-filter.js");
    document.head.appendChild(script);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(check);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
