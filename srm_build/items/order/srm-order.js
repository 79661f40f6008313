/* SRM order questions (data-srm-component="order"): items put in sequence, by choosing each
 * one's position in its list, by moving it with its Up and Down buttons, or by dragging it
 * with any pointer (a finger holds it first, as in a sort: srm-drag.js). Once the reader
 * has placed anything, every list names a position and the items stand on screen in the
 * order the lists give. A question kind (see srm.js): checking, saving and Try again are the
 * shared form machinery of srm-choice.js. Its look is srm-order.css beside it (linked by
 * the build, see srm_build/templates/link-styles.js). */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, announce = srm.announce;

  function items(form) {
    return $$(form, ".srm-order-item");
  }
  function idOf(li) {
    return li.getAttribute("data-srm-option");
  }
  function listOf(li) {
    return li.querySelector("select");
  }
  function textOf(li) {
    return li.querySelector(".srm-order-text").textContent.trim();
  }
  /* The item ids in the right order: the answer key's. */
  function key(form) {
    return $$(form, ".srm-key-items [data-srm-item]").map(function (e) {
      return e.getAttribute("data-srm-item");
    });
  }
  /* The position each item's list names (0: none), by item. */
  function positions(form) {
    return items(form).map(function (li) { return +listOf(li).value; });
  }
  /* The ids in the order the lists give, or [] until every list names its own position. */
  function given(form) {
    var all = items(form), at = positions(form);
    if (!at.every(Boolean) || new Set(at).size !== all.length) return [];
    return all.slice().sort(function (a, b) { return at[all.indexOf(a)] - at[all.indexOf(b)]; }).map(idOf);
  }
  /* Every list names its item's place on screen. */
  function number(form) {
    items(form).forEach(function (li, i) { listOf(li).value = String(i + 1); });
  }

  /* Shows the items in the order the lists give; with none given, never in the right
   * order (a shuffle may land on it: the first item then goes last). Move buttons work
   * until the answer is checked. */
  function layout(form) {
    var list = form.querySelector(".srm-order-items");
    var ids = given(form);
    var all = items(form);
    if (ids.length) {
      ids.forEach(function (id) { list.appendChild(all.find(function (li) { return idOf(li) === id; })); });
    } else if (all.map(idOf).join() === key(form).join()) {
      list.appendChild(all[0]);
    }
    $$(form, "[data-srm-move]").forEach(function (b) { b.disabled = form.hasAttribute("data-srm-result"); });
  }

  /* Moves item `li` to index `to` on screen, numbers every list and says where it went. */
  function move(form, li, to) {
    var list = form.querySelector(".srm-order-items");
    var all = items(form).filter(function (other) { return other !== li; });
    all.splice(to, 0, li);
    all.forEach(function (other) { list.appendChild(other); });
    number(form);
    announce(form, textOf(li) + ": position " + (to + 1) + " of " + all.length + ".");
    /* As a list's own change would: the exam marks the question answered. */
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  /* Dropped: the item goes before the first item whose middle is below the pointer. */
  function drop(form, li, y) {
    move(form, li, items(form).filter(function (other) {
      var box = other.getBoundingClientRect();
      return other !== li && box.top + box.height / 2 < y;
    }).length);
  }

  var order = {
    check: function (form) {
      var ids = given(form);
      if (!ids.length) return "Give every item its own position, then check.";
      var right = key(form);
      var good = 0;
      layout(form);
      items(form).forEach(function (li, i) {
        var at = right.indexOf(idOf(li));
        var ok = at === i;
        var entry = form.querySelector('.srm-key-items [data-srm-item="' + idOf(li) + '"]');
        good += ok;
        li.classList.add(ok ? "srm-right" : "srm-wrong");
        li.appendChild(srm.form.feedback(
          ok ? "Correct: position " + (i + 1) + "." : "Incorrect: this goes in position " + (at + 1) + ".",
          entry && entry.querySelector(".srm-feedback-text"), ok));
      });
      srm.form.lock(form, good === right.length);
      $$(form, "[data-srm-move]").forEach(function (b) { b.disabled = true; });
      return good + " of " + right.length + " in the right place.";
    },
    /* The item ids in the order given, [] for none. */
    answer: given,
    restore: function (form, ids) {
      var all = items(form);
      if (!srm.strings(ids) || ids.length && (ids.length !== all.length ||
          !all.every(function (li) { return ids.indexOf(idOf(li)) !== -1; }))) return false;
      all.forEach(function (li) {
        listOf(li).value = ids.length ? String(ids.indexOf(idOf(li)) + 1) : "";
      });
      return true;
    },
    layout,
    mount: function (form) {
      layout(form);
      form.addEventListener("click", function (event) {
        /* Try again shuffles anew (its own handler ran first): never into the answer. */
        if (event.target.closest("[data-srm-action=retry]")) return layout(form);
        var button = event.target.closest("[data-srm-move]");
        if (!button || form.hasAttribute("data-srm-result")) return;
        var li = button.closest(".srm-order-item");
        var all = items(form);
        var to = all.indexOf(li) + +button.getAttribute("data-srm-move");
        if (to < 0 || to >= all.length) {
          announce(form, textOf(li) + " is already " + (to < 0 ? "first." : "last."));
          return;
        }
        move(form, li, to);
        button.focus(); /* moving the item must not lose the reader's place */
      });
      /* A drag starts anywhere on an item but its list and buttons (srm-drag.js). */
      srm.draggable(form, {
        item: ".srm-order-item", skip: "select, button", axis: "y",
        drop: function (li, x, y) { drop(form, li, y); }
      });
      form.addEventListener("change", function (event) {
        var li = event.target.closest && event.target.closest(".srm-order-item");
        if (!li) return;
        if (!event.target.value) number(form); /* "Choose a position" again: it keeps its place */
        else move(form, li, +event.target.value - 1);
        event.target.focus();
      });
    }
  };

  srm.define("order", order);
})(window.srm);
