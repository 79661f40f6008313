/* SRM flashcards (data-srm-component="flashcards"): one card at a time; cards marked
 * "again" come back at the end; the cards known are saved by the deck's id. */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, strings = srm.strings, announce = srm.announce;

  function mountDeck(deck) {
    var id = srm.idOf(deck);
    var cards = $$(deck, ".srm-card");
    var count = deck.querySelector(".srm-deck-count");
    var controls = deck.querySelector(".srm-deck-controls");
    if (!cards.length || !count || !controls) return null;
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
    var onScreen; /* the card shown */
    /* Shows the card at `at`, turned face down unless it is the one already shown and
     * `stay` (another tab's change: the reader's place is kept). */
    function show(said, stay) {
      var card = queue[at];
      cards.forEach(function (other) { other.hidden = other !== card; });
      if (card && !(stay && card === onScreen)) card.querySelector("details").open = false;
      onScreen = card;
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
      srm.changed(deck);
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
      var stored = merge && srm.load()[id];
      var all = known.concat(stored && strings(stored.known) ? stored.known : []);
      var card = queue[at];
      known = cards.map(cardId).filter(function (c) { return all.indexOf(c) !== -1; });
      queue = queue.filter(function (c) { return known.indexOf(cardId(c)) === -1; });
      at = Math.max(0, queue.indexOf(card));
      var state = known.length ? { known } : null;
      srm.save({ [id]: state });
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
        srm.review(cardId(card), action === "known", []);
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
      refocus(button);
    });
    /* A control hidden while it had focus (the pressed button, the card that went) drops
     * focus to the page: keep the reader inside the deck, on the card shown now, or on
     * Start over once every card is known. */
    function refocus(node) {
      if (node && !node.getClientRects().length) {
        (queue.length ? queue[at].querySelector("summary")
                      : controls.querySelector("[data-srm-action=restart]")).focus();
      }
    }
    /* Shows what is stored, unless it is shown already, keeping the reader's place: the
     * cards another tab marked known leave the queue, those it started over with come
     * back at its end, and the rest stay in this tab's order ("Show again later" moved
     * some to the end), on the card shown, still turned if it was. */
    function sync() {
      var state = srm.load()[id] || null;
      if (JSON.stringify(state) === seen) return;
      seen = JSON.stringify(state);
      var saved = state && strings(state.known) ? state.known : [];
      var card = queue[at];
      var focused = deck.contains(document.activeElement) && document.activeElement;
      var before = queue.slice(0, at);
      known = cards.map(cardId).filter(function (c) { return saved.indexOf(c) !== -1; });
      queue = queue.concat(cards.filter(function (c) { return queue.indexOf(c) === -1; }))
        .filter(function (c) { return known.indexOf(cardId(c)) === -1; });
      at = queue.indexOf(card);
      /* The card shown went: on to the one after it. */
      if (at === -1) at = queue.filter(function (c) { return before.indexOf(c) !== -1; }).length % (queue.length || 1);
      if (state && !known.length) keep(); /* drop what was unusable */
      /* The reader's card went (known in the other tab): said as a card marked known here
       * is, and the reader's focus, if it was on that card or a grading button, moves on. */
      var gone = card && queue.indexOf(card) === -1;
      show(gone ? "Marked known in another tab." : undefined, true);
      refocus(focused);
    }
    start([]);
    sync();
    return {
      id, sync,
      done: function () { return !queue.length; },
      reset: function () {
        start([]);
        show();
        announce(deck, "");
      }
    };
  }


  srm.define("flashcards", mountDeck);
})(window.srm);
