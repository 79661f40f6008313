/* SRM study components. The server renders working forms with the answer key in a
 * <details>; this script adds checking, feedback, scores, dragging, flashcard decks and
 * saved progress on top of that HTML. It only builds nodes with createElement and
 * textContent: feedback is cloned from the key's own nodes. */
(function () {
  "use strict";

  var KEY = "srm-progress-v1"; /* one key: {item id: state}; bump the version to change shapes */
  var HERE = document.currentScript?.src;
  /* Every key is scoped to the site, as the theme scopes its own ("/srm/.__palette"), so
   * that two sites on one origin (a fork at /srm-fork/, say) keep their progress apart.
   * This file is published at <site>/assets/srm/. */
  var SCOPE = new URL("../../", HERE || location.href).pathname + ".";
  var ITEMS = "[data-srm-component=choice],[data-srm-component=sort],[data-srm-component=flashcards]";

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

  /* Storage may be missing, disabled (access throws), full (writes throw) or hold anything:
   * every access is caught and every value read is checked before use. */
  function load(key) {
    var all = Object.create(null);
    try {
      var stored = JSON.parse(window.localStorage.getItem(SCOPE + (key || KEY)));
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
      window.localStorage.setItem(SCOPE + (key || KEY), JSON.stringify(all));
    } catch (e) { /* full or disabled: progress lasts as long as the page */ }
  }

  /* ---- Review queue: Leitner boxes 1-5. A wrong answer puts an item in box 1, due today;
   * a right one moves it up a box, due DAYS[box - 1] days later, past box 5 out of the
   * queue; but only when it was due and not answered wrong today (`wrong`, a day), so
   * that retrying an answer cannot empty the queue. ---- */

  var QUEUE = "srm-review-v1";
  var DAYS = [1, 3, 7, 14];

  function today() {
    return Math.floor(Date.now() / 864e5);
  }

  function isInt(v) {
    return typeof v === "number" && v % 1 === 0;
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
      miss = (e ? e.miss : []).concat(miss).filter(function (m, i, all) { return all.indexOf(m) === i; });
      e = { box: 1, due: t, miss, wrong: t };
    } else if (e && e.due <= t && e.wrong !== t) {
      e = e.box > DAYS.length ? null : { box: e.box + 1, due: t + DAYS[e.box - 1], miss: e.miss };
    } else return;
    save({ [id]: e }, QUEUE);
  }

  /* The misconceptions behind the wrong options picked in a checked form. */
  function misses(form) {
    return $$(form, ".srm-options input:checked").map(function (input) {
      var entry = form.querySelector('.srm-key-options [data-srm-option="' + input.value + '"]');
      return entry && entry.getAttribute("data-srm-correct") !== "true" &&
        entry.getAttribute("data-srm-misconception");
    }).filter(Boolean);
  }

  function idOf(node) {
    return node.getAttribute("data-srm-id");
  }

  function announce(root, text) {
    var status = root.querySelector("[role=status]");
    if (status) status.textContent = text;
  }

  /* Feedback node for an option or item: its verdict in words, then the key's text. */
  function feedback(verdict, source, good) {
    var box = make("div", "srm-feedback " + (good ? "srm-right" : "srm-wrong"));
    box.appendChild(make("strong", "", verdict));
    if (source) box.appendChild(source.cloneNode(true));
    return box;
  }

  function unlock(form) {
    $$(form, ".srm-feedback").forEach(function (node) { node.remove(); });
    $$(form, ".srm-right, .srm-wrong").forEach(function (node) {
      node.classList.remove("srm-right", "srm-wrong");
    });
    $$(form, "input, select").forEach(function (input) { input.disabled = false; });
    $$(form, "[type=submit]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
    form.removeAttribute("data-srm-result");
  }

  function lock(form, correct) {
    $$(form, "input, select").forEach(function (input) { input.disabled = true; });
    /* aria-disabled, not disabled: the button keeps focus, and says it does nothing now. */
    $$(form, "[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    form.setAttribute("data-srm-result", correct ? "right" : "wrong");
  }

  /* ---- Single, multiple, true/false and scenarios ---- */

  function checkChoice(form) {
    var chosen = $$(form, ".srm-options input:checked").map(function (i) { return i.value; });
    if (!chosen.length) return "Choose an option, then check.";
    var allOk = true;
    var shown = [];
    $$(form, ".srm-key-options [data-srm-option]").forEach(function (entry) {
      var id = entry.getAttribute("data-srm-option");
      var correct = entry.getAttribute("data-srm-correct") === "true";
      var picked = chosen.indexOf(id) !== -1;
      if (picked !== correct) allOk = false;
      if (!picked && !correct) return;
      var option = form.querySelector('.srm-option[data-srm-option="' + id + '"]');
      if (!option) return;
      var text = entry.querySelector(".srm-feedback-text");
      /* True/false and scenarios give every option the same explanation: show it once. */
      if (text && shown.indexOf(text.textContent) !== -1) text = null;
      else if (text) shown.push(text.textContent);
      var good = picked && correct;
      option.classList.add(good ? "srm-right" : "srm-wrong");
      option.appendChild(feedback(
        picked ? (correct ? "Correct." : "Incorrect.") : "Missed: this one is correct.", text, good));
    });
    lock(form, allOk);
    return allOk ? "Correct." : "Not quite. The feedback under each option says why.";
  }

  var choice = {
    check: checkChoice,
    state: function (form) {
      return { picked: $$(form, ".srm-options input:checked").map(function (i) { return i.value; }) };
    },
    restore: function (form, state) {
      var inputs = $$(form, ".srm-options input");
      var values = inputs.map(function (i) { return i.value; });
      var picked = state.picked;
      if (!strings(picked) || !picked.length ||
          (inputs[0].type === "radio" && picked.length > 1) ||
          !picked.every(function (v) { return values.indexOf(v) !== -1; })) return false;
      inputs.forEach(function (i) { i.checked = picked.indexOf(i.value) !== -1; });
      return true;
    },
    mount: function () {}
  };

  /* ---- Forms: Check answers, Try again clears, progress is saved per question ---- */

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

  /* Options of a form marked data-srm-shuffle, put in `order` (option ids) when it is a
   * whole and unrepeated list of them, else in a new random order. The order shown, or
   * null for a form that keeps its written order. */
  function arrange(form, order) {
    var list = form.querySelector(".srm-options");
    if (!list || !form.hasAttribute("data-srm-shuffle")) return null;
    var options = $$(list, ".srm-option");
    var ids = options.map(function (li) { return li.getAttribute("data-srm-option"); });
    if (!strings(order) || order.length !== ids.length ||
        !ids.every(function (id) { return order.indexOf(id) !== -1; })) order = shuffled(ids);
    order.forEach(function (id) { list.appendChild(options[ids.indexOf(id)]); });
    return order.slice();
  }

  var later = {}; /* states to store once every component of the page is mounted */

  function flush() {
    if (Object.keys(later).length) save(later);
    later = {};
  }

  /* `fresh` forms (copies in the exam and review) neither restore nor keep progress. */
  function mountForm(form, kind, fresh) {
    var id = idOf(form);
    var seen; /* the stored state this form shows, as JSON */
    function clear() {
      unlock(form);
      form.reset();
      kind.layout?.(form);
      announce(form, "");
    }
    /* What to store: the answer once checked, and the order of the options shown. */
    function current() {
      var state = form.hasAttribute("data-srm-result") ? kind.state(form) : {};
      if (form.srmOrder) state.order = form.srmOrder;
      return Object.keys(state).length ? state : null;
    }
    function keep() {
      var state = current();
      if (!fresh) save({ [id]: state });
      seen = JSON.stringify(state);
    }
    /* Shows the stored state quietly (shown, not announced), unless it is shown already;
     * what cannot be used is dropped, and a new order is stored. */
    function sync() {
      var state = fresh ? null : load()[id] || null;
      if (JSON.stringify(state) === seen) return;
      if (state || form.hasAttribute("data-srm-result")) clear(); /* keeps unchecked picks */
      form.srmOrder = arrange(form, state && state.order);
      if (state && kind.restore(form, state)) {
        kind.layout?.(form);
        kind.check(form);
      }
      if (!form.hasAttribute("data-srm-result")) clear();
      seen = JSON.stringify(current());
      if (!fresh && seen !== JSON.stringify(state)) later[id] = current();
    }
    form.srmReset = function () {
      clear();
      seen = JSON.stringify(current());
      return current(); /* the order stays until the reader tries again */
    };
    form.srmSync = sync;
    kind.mount(form);
    /* Enter in an option would submit the form implicitly: only Check answers. */
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.hasAttribute("data-srm-result")) return;
      announce(form, kind.check(form));
      var result = form.getAttribute("data-srm-result");
      if (result) review(id, result === "right", misses(form));
      if (result) keep();
      refresh();
    });
    var retry = form.querySelector("[data-srm-action=retry]");
    if (retry) retry.addEventListener("click", function () {
      clear();
      form.srmOrder = arrange(form, null);
      keep();
      refresh();
      var first = form.querySelector("input, select");
      if (first) first.focus();
    });
    sync();
  }

  /* ---- Flashcards: one card at a time; cards marked "again" come back at the end ---- */

  function mountDeck(deck) {
    var id = idOf(deck);
    var cards = $$(deck, ".srm-card");
    var count = deck.querySelector(".srm-deck-count");
    var controls = deck.querySelector(".srm-deck-controls");
    if (!cards.length || !count || !controls) return;
    var known = [];
    var queue = [];
    var at = 0;
    function cardId(card) {
      return card.getAttribute("data-srm-card");
    }
    function start(list) {
      known = list;
      queue = cards.filter(function (card) { return known.indexOf(cardId(card)) === -1; });
      at = 0;
    }
    function show(said) {
      var card = queue[at];
      cards.forEach(function (other) { other.hidden = other !== card; });
      if (card) card.querySelector("details").open = false;
      if (queue.length) deck.removeAttribute("data-srm-done");
      else deck.setAttribute("data-srm-done", "");
      count.textContent = card
        ? "Card " + (at + 1) + " of " + queue.length + " left; " + known.length + " of " +
          cards.length + " known."
        : "All " + cards.length + " cards known.";
      buttons();
      if (said !== undefined) {
        announce(deck, (said ? said + " " : "") + count.textContent +
                 (card ? " Now: " + card.querySelector("summary").textContent + "." : ""));
      }
      refresh();
    }
    var seen; /* the stored state shown, as JSON */
    /* Grading belongs after the answer: "I knew it" shows once the card is turned. */
    function buttons() {
      var card = queue[at];
      $$(controls, "button").forEach(function (button) {
        var action = button.getAttribute("data-srm-action");
        button.hidden = action === "restart" ? !!card
          : !card || /known|again/.test(action) && !card.querySelector("details").open;
      });
    }
    deck.addEventListener("toggle", buttons, true);
    /* `merge` keeps the cards another tab marked known meanwhile (its storage event may
     * not have come yet), as save() does answers, and shows them known here too. */
    function keep(merge) {
      var stored = merge && load()[id];
      var all = known.concat(stored && strings(stored.known) ? stored.known : []);
      var card = queue[at];
      known = cards.map(cardId).filter(function (c) { return all.indexOf(c) !== -1; });
      queue = queue.filter(function (c) { return known.indexOf(cardId(c)) === -1; });
      at = Math.max(0, queue.indexOf(card));
      var state = known.length ? { known } : null;
      save({ [id]: state });
      seen = JSON.stringify(state);
    }
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      var action = button && button.getAttribute("data-srm-action");
      var said = "";
      if (!action) return;
      if (action === "restart") {
        start([]);
        keep();
        said = "Starting over.";
      } else if (!queue.length) {
        return;
      } else if (action === "next" || action === "prev") {
        at = (at + (action === "next" ? 1 : queue.length - 1)) % queue.length;
      } else {
        var card = queue.splice(at, 1)[0];
        review(cardId(card), action === "known", []);
        if (action === "known") {
          known.push(cardId(card));
          keep(true);
          said = "Marked known.";
        } else {
          queue.push(card);
          said = "This card comes back later.";
        }
        if (at >= queue.length) at = 0;
      }
      show(said);
      /* A hidden button loses focus: keep the reader inside the deck. */
      if (button.hidden) (queue.length ? queue[at].querySelector("summary")
                                       : controls.querySelector("[data-srm-action=restart]")).focus();
    });
    deck.srmReset = function () {
      start([]);
      show();
      announce(deck, "");
    };
    /* Shows what is stored, unless it is shown already. */
    deck.srmSync = function () {
      var state = load()[id] || null;
      if (JSON.stringify(state) === seen) return;
      seen = JSON.stringify(state);
      var saved = state && strings(state.known) ? state.known : [];
      start(cards.map(cardId).filter(function (c) { return saved.indexOf(c) !== -1; }));
      if (state && !known.length) keep(); /* drop what was unusable */
      show();
    };
    deck.srmSync();
  }

  /* ---- Scores, page progress and Reset ---- */

  /* How far the reader has got in each chapter, from what this browser has stored. */
  function mountChapters(box) {
    box.srmSync = function () {
      var all = load();
      $$(box, "[data-srm-items]").forEach(function (li) {
        var ids = li.getAttribute("data-srm-items").split(" ");
        var done = ids.filter(function (entry) {
          var part = entry.split(":");
          var state = all[part[0]];
          return state && (part[1] ? strings(state.known) && state.known.length >= +part[1]
                                   : strings(state.picked) || isMap(state.placed));
        });
        li.querySelector(".srm-chapter-done").textContent = done.length + " of " + ids.length + " done";
      });
    };
  }

  function refresh() {
    $$(document, "[data-srm-component=chapters]").forEach(function (box) {
      box.srmSync?.();
    });
    $$(document, "[data-srm-component=quiz]").forEach(function (quiz) {
      var score = quiz.querySelector(".srm-score");
      var forms = $$(quiz, "[data-srm-component=choice], [data-srm-component=sort]");
      if (!score || !forms.length) return;
      var answered = forms.filter(function (f) { return f.hasAttribute("data-srm-result"); });
      var right = answered.filter(function (f) {
        return f.getAttribute("data-srm-result") === "right";
      });
      score.textContent = "Score: " + right.length + " of " + forms.length + " correct, " +
        answered.length + " answered.";
      score.hidden = false;
      /* Once every question is checked: the score where the reader is, and the way on. */
      var end = quiz.querySelector(".srm-quiz-end");
      if (!end) return;
      end.hidden = answered.length < forms.length;
      end.textContent = "Quiz finished: " + right.length + " of " + forms.length + " correct.";
      var next = document.querySelector("link[rel=next]");
      var title = document.querySelector(".md-footer__link--next .md-ellipsis");
      if (next) {
        end.append(" Next: ");
        end.appendChild(make("a", "", title ? title.textContent.trim() : "the next page")).href = next.href;
      }
    });
    var text = document.querySelector(".srm-progress-text");
    if (!text) return;
    var items = $$(document, ITEMS);
    var done = items.filter(function (item) {
      return item.hasAttribute("data-srm-result") || item.hasAttribute("data-srm-done");
    });
    text.textContent = "Progress on this page: " + done.length + " of " + items.length +
      (items.length === 1 ? " question" : " questions") + " done.";
  }

  function resetPage() {
    var changes = {};
    $$(document, ITEMS).forEach(function (item) {
      changes[idOf(item)] = item.srmReset?.() || null;
    });
    save(changes);
    refresh();
    announce(document.querySelector(".srm-progress"), "Progress on this page cleared.");
  }

  /* The page's progress line and Reset, rendered with the page under its title. Reset asks
   * first in its dialog, which says what is cleared; only "Clear this page" clears. */
  function mountProgress(bar) {
    var dialog = bar.querySelector("dialog");
    bar.hidden = false;
    bar.querySelector("[data-srm-action=reset]").addEventListener("click", function () {
      dialog.returnValue = "";
      dialog.showModal();
    });
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "reset") resetPage();
    });
  }

  /* ---- Glossary tips: a linked term's short definition shows under it on hover and on
   * focus, as the link's description (its name stays the term). One tip per page, kept
   * inside the viewport; the pointer may move onto it; Esc dismisses it (WCAG 1.4.13). ---- */
  var tip, tipped;

  function hideTip() {
    if (tipped) tipped.removeAttribute("aria-describedby");
    if (tip) tip.hidden = true;
    tipped = null;
  }

  function showTip(link) {
    if (link === tipped) return;
    hideTip();
    if (!tip) {
      tip = make("div", "srm srm-tip");
      tip.id = "srm-tip";
      tip.setAttribute("role", "tooltip");
    }
    if (!tip.isConnected) document.body.appendChild(tip);
    tip.textContent = link.getAttribute("data-srm-tip");
    tip.style.left = "0";
    tip.hidden = false;
    tipped = link;
    link.setAttribute("aria-describedby", tip.id);
    var box = link.getBoundingClientRect();
    var room = document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = Math.max(8, Math.min(box.left, room)) + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + "px";
  }

  function tipEvent(event) {
    var link = event.target.closest?.(".srm-glossary-link[data-srm-tip]");
    if (event.type === "keydown") {
      if (event.key === "Escape") hideTip();
    } else if (event.type === "focusout") hideTip();
    else if (link) showTip(link);
    else if (!tip || !tip.contains(event.target)) hideTip();
  }

  /* Sorting lives in srm-sort.js, the exam and the review in srm-study.js, the explorer
   * in srm-explorer.js, each fetched only by pages that have one: other pages do not pay
   * for them. */
  var waiting = {}; /* file -> the components waiting for it */

  /* Mounts with `global[kind]` (or the function `global`) from `file`; returns false, as
   * the component is ready only once the file has come and mounted it. */
  function part(file, global, kind) {
    function run(el) {
      return kind ? window[global][kind](el) : window[global](el);
    }
    return function (el) {
      if (window[global]) return run(el);
      var queue = waiting[file];
      if (!queue) {
        if (!HERE) return false;
        queue = waiting[file] = [];
        var script = document.createElement("script");
        script.src = HERE.replace(/srm\.js(\?.*)?$/, file);
        script.onload = script.onerror = function () {
          delete waiting[file];
          queue.forEach(function (w) { /* [run, element]: one file serves several kinds */
            if (!window[global]) return announce(w[1], "This part of the page could not be loaded. Reload to try again.");
            w[0](w[1]);
            ready(w[1]);
          });
          flush();
          refresh();
        };
        document.head.appendChild(script);
      }
      queue.push([run, el]);
      return false;
    };
  }

  var MOUNT = {
    choice: function (el) { mountForm(el, choice); },
    sort: part("srm-sort.js", "srmSort", "sort"),
    flashcards: mountDeck,
    explorer: part("srm-explorer.js", "srmExplorer"),
    chapters: mountChapters,
    exam: part("srm-study.js", "srmStudy", "exam"),
    review: part("srm-study.js", "srmStudy", "review"),
    progress: mountProgress,
    quiz: function () {} /* its score is kept by refresh() */
  };

  /* `data-srm-ready` says a component answers its controls: tests wait for it, and the
   * controls that need the script stay hidden until then. */
  function ready(el) {
    el.setAttribute("data-srm-ready", "");
  }

  /* Safe to call on every page swap: a component is mounted once. */
  function mountAll() {
    $$(document, "[data-srm-component]").forEach(function (el) {
      var mount = MOUNT[el.getAttribute("data-srm-component")];
      if (!mount || el.hasAttribute("data-srm-mounted")) return;
      el.setAttribute("data-srm-mounted", "");
      $$(el, "[data-srm-js]").forEach(function (node) { node.hidden = false; });
      if (mount(el) !== false) ready(el);
    });
    flush();
    refresh();
    hideTip();
  }

  /* What srm-study.js builds on. */
  window.srmCore = {
    $$, make, load, save, isMap, feedback, isInt, today, readQueue, review, misses, mountForm,
    arrange, shuffled, choice, lock, announce, idOf, strings,
    /* a fresh copy of a sort question (the review's), once srm-sort.js has come */
    mountSort: part("srm-sort.js", "srmSort", "fresh")
  };

  /* What is shown is what is stored: a page back from the back/forward cache, or told that
   * another tab changed this site's storage, shows the stored answers again. */
  function syncAll() {
    $$(document, "[data-srm-ready]").forEach(function (el) {
      el.srmSync?.();
    });
    flush();
    refresh();
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) syncAll();
  });
  window.addEventListener("storage", function (event) {
    if (!event.key || !event.key.indexOf(SCOPE)) syncAll();
  });

  ["mouseover", "focusin", "focusout", "keydown"].forEach(function (type) {
    document.addEventListener(type, tipEvent);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
  /* mkdocs-material's instant navigation swaps pages without loading this script again. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  }
})();
