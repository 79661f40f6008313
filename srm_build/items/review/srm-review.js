/* SRM review queue (data-srm-component="review"): what is due today from the study bank. */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, make = srm.make, today = srm.today, readQueue = srm.readQueue,
    review = srm.review, announce = srm.announce;
  var kit = srm.form, mountForm = kit.mountForm;
  var copy = srm.study.copy, formOf = srm.study.formOf, questions = srm.study.questions,
    shown = srm.study.shown;

  /* ---- Review: what is due today, and mistakes grouped by misconception ---- */

  /* A fresh copy of a question, answered by the kind of component `name` (srm.js), once
   * that component's file has come: only when a question of its kind is due. */
  function mountCopy(form, name) {
    function mount() {
      mountForm(form, srm.defined.get(name), true);
      form.setAttribute("data-srm-ready", "");
    }
    if (srm.defined.get(name)) return mount();
    srm.need(name).then(mount, function () {
      announce(form, "This part of the page could not be loaded. Reload to try again.");
    });
  }

  function mountReview(box) {
    var run = box.querySelector(".srm-review-run");
    var parts = box.querySelector("template").content;
    function show(bank) {
      var all = readQueue();
      var ids = Object.keys(all).filter(function (id) { return bank.items[id] || bank.cards[id]; });
      var counter = parts.querySelector(".srm-review-count").cloneNode(true);
      var list = make("ol", "srm-questions");
      var cards = make("ol", "srm-cards");
      /* The count follows the reader's answers. */
      function count() {
        var now = readQueue();
        var due = ids.filter(function (id) { return now[id] && now[id].due <= today(); }).length;
        var later = ids.filter(function (id) { return now[id]; }).length - due;
        counter.textContent = due ? due + " due today, " + later + " later."
          : "Nothing is due today." + (later ? " " + later + " later." : "");
      }
      run.textContent = "";
      run.appendChild(counter);
      run.onsubmit = count; /* one listener, however often it is shown */
      count();
      ids.filter(function (id) { return all[id].due <= today(); }).forEach(function (id) {
        var item = bank.items[id];
        var node = copy(bank, (item || bank.cards[id])[1], "srm-review-");
        var topic = item && bank.topics[item[0]];
        var reread = make("p", "srm-reread");
        reread.appendChild(make("a", "", "Reread " + (item ? topic.title : node.querySelector("summary").textContent)))
          .href = item ? topic.href : new URL(bank.cards[id][0], bank.page).href;
        if (item) {
          var slot = list.appendChild(make("li", "srm-question-slot"));
          slot.append(node, reread);
          mountCopy(formOf(node), item[2]);
          return;
        }
        cards.appendChild(node);
        var card = node.querySelector("details");
        var answer = parts.querySelector(".srm-deck-controls").cloneNode(true);
        /* Graded once the answer has been seen. */
        card.addEventListener("toggle", function () {
          if (answer.firstChild.tagName) answer.hidden = !card.open;
        });
        $$(answer, "button").forEach(function (button, i) {
          button.onclick = function () {
            review(id, !i, []);
            count();
            answer.textContent = i ? "It stays in box 1, due today." : "Moved on.";
            /* The pressed button is gone: on to the next card, or back to the count. */
            var next = node.nextElementSibling;
            next = next ? next.querySelector("summary") : counter;
            next.focus();
            announce(box, answer.textContent + " Now: " + next.textContent);
          };
        });
        node.append(answer, reread);
      });
      if (list.firstChild) run.appendChild(list);
      if (cards.firstChild) run.appendChild(cards);
      var groups = bank.beliefs.map(function (b) {
        var n = ids.filter(function (id) { return all[id].miss.includes(b[0]); }).length;
        return n && [b, n];
      }).filter(Boolean);
      if (groups.length) {
        run.appendChild(parts.querySelector(".srm-title").cloneNode(true));
        var beliefs = run.appendChild(make("ul", "srm-review-beliefs"));
        groups.forEach(function (g) {
          var li = beliefs.appendChild(make("li"));
          li.appendChild(make("a", "", g[0][2])).href = new URL(g[0][1], bank.page).href;
          li.append(": " + questions(g[1]) + " in your queue");
        });
      }
    }
    /* Shown anew when another tab changes the queue, and back from the back/forward cache. */
    return shown(box, show, {});
  }

  srm.define("review", mountReview);
})(window.srm);
