/* SRM study module: what the practice exam and the review share (`srm.study`): the study
 * bank they draw from, and copies of its items for the page. Its own file, linked before a
 * page's bundle, so that both pages use one cached copy. */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, make = srm.make, announce = srm.announce;

  /* ---- The study bank: a script the build writes for the tools page (SitePages.compact_bank
   * in the package), loaded once per address with a <script> element rather than fetched,
   * so that it loads from file:// too. Its links are relative to the tools page. ---- */

  var banks = {};

  function loadBank(box) {
    var src = new URL(box.getAttribute("data-srm-bank-script"), location.href).href;
    var page = new URL(box.getAttribute("data-srm-bank"), location.href).href;
    banks[src] = banks[src] || new Promise(function (resolve, reject) {
      var script = make("script");
      script.src = src;
      script.onload = script.onerror = function () {
        var bank = window.srmBanks?.[src];
        if (!bank) return reject();
        bank.page = page;
        /* Ids come from storage too: no inherited keys such as "constructor". */
        ["items", "cards"].forEach(function (k) { bank[k] = Object.assign(Object.create(null), bank[k]); });
        bank.topics.forEach(function (t) { t.href = new URL(t.href, page).href; });
        /* Loaded with the components of what the exam draws, so that their kinds answer
         * its questions (the review loads those of the rest as they come due). */
        kinds(bank, bank.topics.flatMap(function (t) { return t.ids; })).then(function () {
          resolve(bank);
        }, reject);
      };
      document.head.appendChild(script);
    });
    banks[src].catch(function () { delete banks[src]; });
    return banks[src];
  }

  /* A bank item as nodes for this page, its ids and names prefixed so that copies keep apart
   * from the page's own, its links and images made absolute. It keeps its component marker,
   * so that what is keyed on it (its kind's `arrange`, its styles) holds for the copy too;
   * it is mounted by its owner, and marked mounted so that mountAll leaves it alone. The
   * bank has no report links or hidden script controls (bank_html). */
  function copy(bank, html, prefix) {
    var t = make("template");
    t.innerHTML = html;
    var clone = t.content.firstElementChild; /* adopted by the page when placed */
    [clone, ...$$(clone, "*")].forEach(function (el) {
      ["id", "for", "name"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, prefix + v);
      });
      /* Addresses in the bank are relative to the tools page; the copy may stand on a page
       * at another depth. Images included: Markdown writes `src` only (attribute lists
       * cannot add a `srcset`: the check allows only ids and classes). */
      ["href", "src"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v !== null) el.setAttribute(attr, new URL(v, bank.page).href);
      });
      if (el.hasAttribute("data-srm-component")) el.setAttribute("data-srm-mounted", "");
    });
    return clone;
  }

  function formOf(node) {
    return node.querySelector("form") || node; /* forms do not nest */
  }

  /* What a box does when its bank cannot be loaded. */
  function failed(box) {
    return function () {
      announce(box, "The questions could not be loaded. Reload the page to try again.");
    };
  }

  /* The question kind (see srm.js) that answers bank item `id`, once its file has run. */
  function kindOf(bank, id) {
    return srm.defined.get(bank.items[id][2]);
  }

  /* Loads the components whose kinds answer the bank items `ids`, each once. */
  function kinds(bank, ids) {
    return Promise.all([...new Set(ids.map(function (id) { return bank.items[id][2]; }))].map(srm.need));
  }

  /* Shows the box from its bank once loaded, and again whenever the core calls the sync
   * of `instance` (other tabs' storage events, a page back from the back/forward cache).
   * Returns `instance`, the box's. */
  function shown(box, show, instance) {
    loadBank(box).then(function (bank) {
      (instance.sync = function () { return show(bank); })();
    }, failed(box));
    return instance;
  }

  function questions(n) {
    return n + (n === 1 ? " question" : " questions");
  }

  srm.study = { load: loadBank, copy, formOf, failed, questions, shown, kindOf, kinds };
  srm.define("study");
})(window.srm);
