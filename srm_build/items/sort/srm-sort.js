/* SRM sorting: items into owner boxes, by dragging with any pointer or by choosing in each
 * item's list (data-srm-component="sort"). Checking, saving and Try again are the shared
 * form machinery of srm-choice.js (`srm.form`). */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, announce = srm.announce, feedback = srm.form.feedback, lock = srm.form.lock;
  /* form -> its items in page order, where each goes back to within its box */
  var orders = new WeakMap();

  /* Puts an item in the box its list names (back in the list when none), in page order. */
  function place(form, item) {
    var value = item.querySelector("select").value;
    var zone = value ? form.querySelector('[data-srm-bucket="' + value + '"] ul')
                     : form.querySelector(".srm-sort-items");
    if (!zone) return;
    var next = null;
    var order = orders.get(form);
    $$(zone, ".srm-sort-item").some(function (other) {
      if (order.indexOf(other) > order.indexOf(item)) next = other;
      return next;
    });
    if (item.parentNode !== zone || item.nextElementSibling !== next) zone.insertBefore(item, next);
    /* "Not placed yet" goes with the last item left: on screen and in print, nothing to head. */
    zone = form.querySelector(".srm-sort-items");
    zone.previousElementSibling.hidden = !zone.children.length;
  }

  function placeAll(form) {
    $$(form, ".srm-sort-item").forEach(function (item) { place(form, item); });
  }

  function dropZone(form, x, y) {
    var hit = document.elementFromPoint(x, y);
    var zone = hit && hit.closest("[data-srm-bucket], .srm-sort-items");
    return zone && form.contains(zone) ? zone : null;
  }

  /* Dropped in a box (or back in the list): placed there, and said. */
  function drop(form, item, x, y) {
    var zone = dropZone(form, x, y);
    if (!zone) return;
    var select = item.querySelector("select");
    select.value = zone.getAttribute("data-srm-bucket") || "";
    place(form, item);
    var name = item.querySelector(".srm-sort-text").textContent;
    announce(form, select.value ? name + ": " + select.selectedOptions[0].textContent + "."
                                : name + ": not placed.");
  }

  var sort = {
    check: function (form) {
      var items = $$(form, ".srm-sort-item");
      var left = items.filter(function (item) { return !item.querySelector("select").value; });
      if (left.length) return "Place every item, then check. " + left.length + " left.";
      var right = 0;
      items.forEach(function (item) {
        var select = item.querySelector("select");
        var entry = form.querySelector('.srm-key-items [data-srm-item="' +
                                       item.getAttribute("data-srm-item") + '"]');
        var owner = entry ? entry.getAttribute("data-srm-owner") : "";
        var good = select.value === owner;
        var label = select.querySelector('option[value="' + owner + '"]');
        if (good) right += 1;
        item.classList.add(good ? "srm-right" : "srm-wrong");
        item.appendChild(feedback(
          good ? "Correct." : "Incorrect: " + (label ? label.textContent : owner) + " owns this.",
          entry && entry.querySelector(".srm-feedback-text"), good));
      });
      lock(form, right === items.length);
      return right + " of " + items.length + " placed correctly.";
    },
    /* The owner chosen for each item ("" for none), by item id, stored as {placed: ...}. */
    field: "placed",
    answer: function (form) {
      var placed = {};
      $$(form, ".srm-sort-item").forEach(function (item) {
        placed[item.getAttribute("data-srm-item")] = item.querySelector("select").value;
      });
      return placed;
    },
    restore: function (form, placed) {
      return srm.isMap(placed) && $$(form, ".srm-sort-item").every(function (item) {
        var select = item.querySelector("select");
        var value = placed[item.getAttribute("data-srm-item")];
        select.value = value; /* a list takes only a value it has, and only a string equals it */
        return select.value === value;
      });
    },
    layout: placeAll,
    mount: function (form) {
      orders.set(form, $$(form, ".srm-sort-item"));
      placeAll(form); /* in case the browser restored the lists' values */
      form.addEventListener("change", function (event) {
        var item = event.target.closest(".srm-sort-item");
        if (!item) return;
        place(form, item);
        event.target.focus(); /* moving the item must not lose the reader's place */
      });
      /* A drag starts anywhere on an item but its list (srm-drag.js). */
      srm.draggable(form, {
        item: ".srm-sort-item", skip: "select",
        over: function (x, y) { return dropZone(form, x, y); },
        drop: function (item, x, y) { drop(form, item, x, y); }
      });
    }
  };

  srm.define("sort", sort);
})(window.srm);
