/* SRM client core. The server renders working forms with the answer key in a <details>;
 * the components (one file each, srm-<name>.js beside this one) add checking, feedback,
 * scores, dragging, flashcard decks and saved progress on top of that HTML. This core holds
 * only what they share: storage scoped to the site and never trusted, the review queue by
 * item id, shuffling, announcing to screen readers, and the registry that mounts each
 * component on the elements its data attribute names, again on every page swap of the
 * theme's instant navigation (`document$`).
 *
 * Its one global, `window.srm`, is the registry the component files find it by: they are
 * classic scripts, not modules, because module scripts do not load from file://. Each
 * component keeps its state in its own closures; the core keeps one Map from element to
 * mounted instance, never properties on DOM nodes. Nodes are built with createElement and
 * textContent only.
 *
 * Question components. Every question is a <form class="srm-question"
 * data-srm-component="<name>" data-srm-id="<id>"> whose answer key is a <details
 * class="srm-key">. Its file (srm-<name>.js, which needs srm-choice.js) registers its
 * question kind, an object, with `srm.define(name, kind)`; the shared form code of
 * srm-choice.js (`srm.form.mountForm`) mounts every such form with it, and the quiz score, the page's progress, the practice exam, the review
 * queue and the misconception tags answer every question through the kind alone:
 *   check(form, final?)  grades the answer given: marks right and wrong parts, calls
 *                        srm.form.lock(form, right), and returns what to announce (shown
 *                        again, not announced, when a stored answer is put back); or
 *                        returns a hint without locking when the answer is not whole. The
 *                        exam's marking then calls it `final`: a kind that can grades the
 *                        parts given, the others wrong; the exam marks it wrong either way
 *                        and opens its key ("Partly answered");
 *   answer(form)         the answer given, as JSON data: a list of strings (choices, [] for
 *                        none), or an object ({item id: owner}, "" for none);
 *   restore(form, data)  puts an answer back (whole or part), from data never trusted:
 *                        false when it is not an answer the form can take (the caller
 *                        then clears the form);
 *   mount(form)?         enhances the controls (drag, move buttons); the answer changes
 *                        with a `change` event on the form, as native controls give;
 *   layout(form)?        redraws after the controls' values were set by code;
 *   misses(form)?        the misconception ids the wrong parts of a checked answer tag
 *                        (a question tagged as a whole, data-srm-misconception on its form,
 *                        is handled by the shared code);
 *   answered(answer)?    how much of the question `answer` (as `answer` gives it, or as
 *                        stored, never trusted) answers: 0 none, 1 all, a share between
 *                        for a part. The practice exam counts and marks by it (answered:
 *                        more than 0; partly answered: below 1 too), and the home page's
 *                        chapters count a stored answer done at 1. Without it, the core's
 *                        judgement does (`srm.answered`):
 *                        the share of the answer's parts (its list's entries, its map's
 *                        values) that are given, a text of only spaces not;
 *   field?               the key its stored progress keeps the answer under ("picked"
 *                        unless the kind says otherwise);
 *   arrange(form, order)? for a form marked data-srm-shuffle, shows its parts in `order`
 *                        (as it returned it before) or, when that is not a whole order of
 *                        them, in a new random one; returns the order shown (stored with
 *                        the answer until Try again). Without it, the options are shuffled.
 * No question form submits natively once srm-choice.js runs (Enter in a text box would load
 * the page anew): the shared form code checks instead, and the exam's copies do nothing.
 * A unit names its component (`component`) and its files (`client`, beside the unit or in
 * srm_build/assets); the build derives this core's table of components from them. */
(function () {
  "use strict";

  var KEY = "srm-progress-v1"; /* one key: {item id: state}; bump the version to change shapes */
  var HERE = document.currentScript?.src;
  /* Every key is scoped to the site, as the theme scopes its own ("/srm/.__palette"), so
   * that two sites on one origin (a fork at /srm-fork/, say) keep their progress apart.
   * This file is published at <site>/assets/srm/. */
  var SCOPE = new URL("../../", HERE || location.href).pathname + ".";
  /* Component name -> [selector (1: [data-srm-component=<name>]; 0: a module that
   * components share), the names of those it needs...]: written by the build (srm_build/assets.py, COMPONENTS) in place
   * of the empty table. */
  var FILES = /*SRM_COMPONENTS*/{};

  function $$(root, selector) {
    return Array.from(root.querySelectorAll(selector));
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function isMap(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function strings(value) {
    return Array.isArray(value) && value.every(function (v) { return typeof v === "string"; });
  }

  var isInt = Number.isInteger;

  /* Storage may be missing, disabled (access throws), full (writes throw) or hold anything:
   * every access is caught and every value read is checked before use. */
  function load(key) {
    var all = Object.create(null);
    try {
      var stored = JSON.parse(localStorage.getItem(SCOPE + (key || KEY)));
      if (isMap(stored)) {
        Object.keys(stored).forEach(function (id) {
          if (isMap(stored[id])) all[id] = stored[id];
        });
      }
    } catch (e) { /* nothing usable is stored */ }
    return all;
  }

  /* Re-read before each write and change only the given ids, so answers another tab
   * saved meanwhile are kept: the last write for each question wins. */
  function save(changes, key) {
    var all = load(key);
    Object.keys(changes).forEach(function (id) {
      if (changes[id]) all[id] = changes[id];
      else delete all[id];
    });
    try {
      localStorage.setItem(SCOPE + (key || KEY), JSON.stringify(all));
    } catch (e) { /* full or disabled: progress lasts as long as the page */ }
  }

  /* ---- Review queue: Leitner boxes 1-5. A wrong answer puts an item in box 1, due today;
   * a right one moves it up a box, due DAYS[box - 1] days later, past box 5 out of the
   * queue; but only when it was due and not answered wrong today (`wrong`, a day), so
   * that retrying an answer cannot empty the queue. ---- */

  var QUEUE = "srm-review-v1";
  var DAYS = [1, 3, 7, 14];

  /* The reader's own calendar day, as a day number: a review "day" ends at local
   * midnight, not at UTC's (in Sydney that is 11:00 in the morning). */
  function today() {
    var now = new Date();
    return Math.floor((now - now.getTimezoneOffset() * 6e4) / 864e5);
  }

  function readQueue() {
    var all = load(QUEUE);
    Object.keys(all).forEach(function (id) {
      var e = all[id];
      if (!isInt(e.box) || e.box < 1 || e.box > 5 || !isInt(e.due) || !strings(e.miss)) delete all[id];
    });
    return all;
  }

  function review(id, right, miss) {
    var e = readQueue()[id];
    var t = today();
    if (!right) {
      miss = [...new Set((e?.miss || []).concat(miss))];
      e = { box: 1, due: t, miss, wrong: t };
    } else if (e && e.due <= t && e.wrong !== t) {
      e = e.box > DAYS.length ? null : { box: e.box + 1, due: t + DAYS[e.box - 1], miss: e.miss };
    } else return;
    save({ [id]: e }, QUEUE);
  }

  /* How much of its question `answer` answers, 0 to 1, as the core judges it for a kind
   * without its own `answered`: the share of the parts of a list or a map that are given,
   * a part being a text that holds more than spaces (no kind accepts a blank part).
   * Anything else, as storage may hold, answers nothing. */
  function answered(answer) {
    var parts = Object.values(isMap(answer) || strings(answer) ? answer : {});
    return parts.filter(function (part) { return part.trim?.(); }).length / (parts.length || 1);
  }

  /* A copy of `list` in a random order (Fisher-Yates). */
  function shuffled(list) {
    list = list.slice();
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }

  /* Says `text` in the component's live region (its role=status element); `quiet`: shows
   * it there without saying it (a result put back on load), the region switched off until
   * the next announcement. */
  function announce(root, text, quiet) {
    var status = root?.querySelector("[role=status]");
    /* polite: role=status's own */
    if (status) status.ariaLive = quiet ? "off" : "polite", status.textContent = text;
  }


  /* ---- The registry ---- */

  var defined = new Map(); /* component name -> mount(element) -> instance, or a
                              * question kind (see above) */
  var mounted = new Map(); /* element -> its instance: {id, sync, keys, reset, done, update,
                              * unmount}; `keys`: the storage keys it shows (see syncAll) */
  var files = new Map(); /* component name -> the promise of its file's loading */
  var later = {}; /* states to store once every component of the page is mounted */

  /* Loads component `name`'s file, srm-<name>.js beside this one, after those it needs;
   * each file once, and none whose component the page's bundle defined already. */
  function need(name) {
    if (defined.has(name)) return Promise.resolve();
    if (!files.has(name)) {
      files.set(name, Promise.all((FILES[name] || []).slice(1).map(need)).then(function () {
        return new Promise(function (resolve, reject) {
          var script = make("script");
          script.src = HERE.replace(/srm\.js(\?.*)?$/, "srm-" + name + ".js$1");
          script.onload = function () {
            defined.has(name) ? resolve() : script.onerror();
          };
          script.onerror = function () {
            files.delete(name);
            reject();
          };
          document.head.appendChild(script);
        });
      }));
    }
    return files.get(name);
  }

  function mountOne(el, name) {
    if (!el.isConnected) return;
    $$(el, "[data-srm-js]").forEach(function (node) { node.hidden = false; });
    var mount = defined.get(name);
    var instance = (mount.call ? mount(el) : srm.form.mountForm(el, mount)) || {};
    mounted.set(el, instance);
    /* `data-srm-ready` says a component answers its controls: tests wait for it, and the
     * controls that need the script stay hidden until then. */
    if (!instance.waits) el.setAttribute("data-srm-ready", "");
  }

  /* Tells every mounted component that `el` (null: anything) changed, so that scores and
   * progress lines update from their own lists, without a scan of the page. */
  function changed(el) {
    mounted.forEach(function (instance) { instance.update?.(el || null); });
  }

  function flush() {
    if (Object.keys(later).length) save(later);
    later = {};
  }

  /* Says in `el` that its component's file could not be loaded. */
  function unloaded(el) {
    announce(el, "This part of the page could not be loaded. Reload to try again.");
  }

  /* Safe to call on every page swap: a component is mounted once per element, and the
   * instances of elements the swap removed are unmounted (their timers and listeners end). */
  function mountAll() {
    /* The theme's document$ emits at once; the page's component files come after this one. */
    if (document.readyState === "loading") return;
    mounted.forEach(function (instance, el) {
      if (el.isConnected) return;
      instance.unmount?.();
      mounted.delete(el);
    });
    var waiting = [];
    Object.keys(FILES).forEach(function (name) {
      var selector = FILES[name][0];
      if (!selector) return;
      var found = $$(document, selector === 1 ? "[data-srm-component=" + name + "]" : selector).filter(function (el) {
        return !el.hasAttribute("data-srm-mounted");
      });
      if (!found.length) return;
      found.forEach(function (el) { el.setAttribute("data-srm-mounted", ""); });
      if (defined.has(name)) return found.forEach(function (el) { mountOne(el, name); });
      waiting.push(need(name).then(function () {
        found.forEach(function (el) { mountOne(el, name); });
      }, function () {
        found.forEach(unloaded);
      }));
    });
    flush();
    changed(null);
    if (waiting.length) Promise.all(waiting).then(function () { flush(); changed(null); });
  }

  /* What is shown is what is stored: a page back from the back/forward cache, or told that
   * another tab changed this site's storage, shows the stored answers again. A storage
   * event names the key that changed (`name`, unscoped; none when storage was cleared):
   * only the instances that show that key refresh, those whose `keys` list it (progress,
   * KEY, when an instance names none). A timed exam in another tab stores its attempt
   * every second; a review or a quiz here must not be redrawn under the reader for it. */
  function syncAll(name) {
    mounted.forEach(function (instance, el) {
      if (el.isConnected && (!name || (instance.keys || [KEY]).includes(name))) instance.sync?.(name);
    });
    flush();
    changed(null);
  }
  addEventListener("pageshow", function (event) {
    if (event.persisted) syncAll();
  });
  addEventListener("storage", function (event) {
    if (!event.key) syncAll();
    else if (!event.key.indexOf(SCOPE)) syncAll(event.key.slice(SCOPE.length));
  });

  window.srm = {
    /* Registers the component `name`: `mount(element)` returns its instance (or nothing),
     * or `mount` is a question kind. An instance with `waits` sets data-srm-ready itself.
     * A shared module defines its name with no mount. */
    define: function (name, mount) {
      defined.set(name, mount);
    },
    /* `defined.get(name)`: what component `name` was defined with, once its file has run
     * (a question component's kind). */
    need, changed, mounted, defined,
    keepLater: function (id, state) { later[id] = state; },
    QUEUE, $$, make, load, save, isMap, isInt, strings, answered, today, readQueue, review, shuffled, announce, unloaded,
    idOf: function (node) { return node.getAttribute("data-srm-id"); }
  };

  /* While the page loads, mountAll waits (it returns at once) for DOMContentLoaded. */
  document.addEventListener("DOMContentLoaded", mountAll);
  mountAll();
  /* mkdocs-material's instant navigation swaps pages without loading this script again. */
  window.document$?.subscribe?.(mountAll);
})();
