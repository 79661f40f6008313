/* SRM review queue (data-srm-component="review"): what is due today from the study bank. */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, make = srm.make, today = srm.today, readQueue = srm.readQueue,
    review = srm.review, announce = srm.announce;
  var mountForm = srm.form.mountForm;
  var copy = srm.study.copy, formOf = srm.study.formOf, questions = srm.study.questions,
    shown = srm.study.shown;

  /* ---- Review: what is due today, and mistakes grouped by misconception ---- */

  /* A fresh copy of a question, answered by the kind of component `name` (srm.js), once
   * that component's file has come (loaded only when a question of its kind is due; at
   * once, in a microtask, when it has). */
  function mountCopy(form, name) {
    srm.need(name).then(function () {
      mountForm(form, srm.defined.get(name), true);
      form.setAttribute("data-srm-ready", "");
    }, function () { srm.unloaded(form); });
  }

  /* Shown anew when another tab changes the queue, and back from the back/forward cache,
   * without redrawing what the reader is working on: an item stays as it is (its picks, its
   * focus) while its stored entry is the one it was shown or last answered with here; only
   * items whose entry changed elsewhere go (or come back fresh, when due), and items newly
   * due are added in the queue's order. */
  function mountReview(box) {
    var run = box.querySelector(".srm-review-run");
    var parts = box.querySelector("template").content;
    var counter = parts.querySelector(".srm-review-count").cloneNode(true);
    var list = make("ol", "srm-questions");
    var cards = make("ol", "srm-cards");
    var heading = parts.querySelector(".srm-title").cloneNode(true);
    var beliefs = make("ul", "srm-review-beliefs");
    var shownNow = new Map(); /* item or card id -> {node, entry: its stored entry, as JSON} */
    var bank, told; /* told: the mistakes list shown, as text */
    run.textContent = "";
    run.append(counter, list, cards, heading, beliefs);
    function entry(id) {
      return JSON.stringify(readQueue()[id] || null);
    }
    /* What this tab stored for `id` is what it shows. */
    function answered(id) {
      var s = shownNow.get(id);
      if (s) s.entry = entry(id);
      count();
    }
    run.addEventListener("submit", function (event) { answered(srm.idOf(event.target)); });
    /* The count follows the reader's answers. */
    function count() {
      var now = readQueue();
      var ids = Object.keys(now).filter(function (id) { return bank.items[id] || bank.cards[id]; });
      var due = ids.filter(function (id) { return now[id].due <= today(); }).length;
      var later = ids.length - due;
      counter.textContent = due ? due + " due today, " + later + " later."
        : "Nothing is due today." + (later ? " " + later + " later." : "");
    }
    function build(id) {
      var item = bank.items[id];
      var node = copy(bank, (item || bank.cards[id])[1], "srm-review-");
      var topic = item && bank.topics[item[0]];
      var reread = make("p", "srm-reread");
      reread.appendChild(make("a", "", "Reread " + (item ? topic.title : node.querySelector("summary").textContent)))
        .href = item ? topic.href : new URL(bank.cards[id][0], bank.page).href;
      if (item) {
        var slot = make("li", "srm-question-slot");
        slot.append(node, reread);
        mountCopy(formOf(node), item[2]);
        return slot;
      }
      var card = node.querySelector("details");
      var answer = parts.querySelector(".srm-deck-controls").cloneNode(true);
      /* Graded once the answer has been seen. */
      card.addEventListener("toggle", function () {
        if (answer.firstChild.tagName) answer.hidden = !card.open;
      });
      $$(answer, "button").forEach(function (button, i) {
        button.onclick = function () {
          review(id, !i, []);
          answered(id);
          answer.textContent = i ? "It stays in box 1, due today." : "Moved on.";
          /* The pressed button is gone: on to the next card, or back to the count. */
          var next = node.nextElementSibling;
          next = next ? next.querySelector("summary") : counter;
          next.focus();
          announce(box, answer.textContent + " Now: " + next.textContent);
        };
      });
      node.append(answer, reread);
      return node;
    }
    function show(loaded) {
      bank = loaded;
      var all = readQueue();
      var ids = Object.keys(all).filter(function (id) { return bank.items[id] || bank.cards[id]; });
      var lost; /* whether the item that had the reader's focus goes */
      shownNow.forEach(function (s, id) {
        if (s.entry === JSON.stringify(all[id] || null)) return;
        lost = lost || s.node.contains(document.activeElement);
        s.node.remove();
        shownNow.delete(id);
      });
      /* Newly due items go after the item before them in the queue; none already shown moves
       * (a moved node would lose the reader's focus). */
      var after = new Map();
      ids.forEach(function (id) {
        var s = shownNow.get(id);
        if (!s && all[id].due <= today()) {
          s = { node: build(id), entry: JSON.stringify(all[id]) };
          shownNow.set(id, s);
          var parent = bank.items[id] ? list : cards;
          var prev = after.get(parent);
          if (prev) prev.after(s.node);
          else parent.prepend(s.node);
        }
        if (s) after.set(s.node.parentNode, s.node);
      });
      list.hidden = !list.firstChild;
      cards.hidden = !cards.firstChild;
      count();
      /* Another tab answered the item the reader was on, and it went: focus goes to the
       * review's count, never to the page, and the review's live region says why. */
      if (lost) counter.focus(), announce(box, "Answered in another tab.");
      var groups = bank.beliefs.map(function (b) {
        var n = ids.filter(function (id) { return all[id].miss.includes(b[0]); }).length;
        return n && [b, n];
      }).filter(Boolean);
      if (JSON.stringify(groups) === told) return;
      told = JSON.stringify(groups);
      heading.hidden = beliefs.hidden = !groups.length;
      beliefs.textContent = "";
      groups.forEach(function (g) {
        var li = beliefs.appendChild(make("li"));
        li.appendChild(make("a", "", g[0][2])).href = new URL(g[0][1], bank.page).href;
        li.append(": " + questions(g[1]) + " in your queue");
      });
    }
    return shown(box, show, { keys: [srm.QUEUE] });
  }

  srm.define("review", mountReview);
})(window.srm);
