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

  /* A drag starts anywhere on an item but its list (srm.css stops the page panning there);
   * near the top or bottom of the window the page scrolls, so that a box out of sight can
   * be reached on a phone. The item follows the pointer through the scroll. */
  function drag(form, down) {
    var item = down.target.closest(".srm-sort-item");
    if (!item || down.button > 0 || !down.isPrimary || down.target.closest("select") ||
        form.hasAttribute("data-srm-result")) return;
    var moved = false;
    var over = null;
    var last = down;
    var frame = 0;
    var x0 = scrollX, y0 = scrollY;
    function hover(zone) {
      if (over) over.classList.remove("srm-over");
      if (zone) zone.classList.add("srm-over");
      over = zone;
    }
    function follow() {
      item.style.transform = "translate(" + (last.clientX - down.clientX + scrollX - x0) + "px," +
        (last.clientY - down.clientY + scrollY - y0) + "px)";
      hover(dropZone(form, last.clientX, last.clientY));
    }
    /* Pixels to scroll this frame: more the deeper the pointer is in the edge band. */
    function step() {
      var band = Math.max(40, innerHeight / 8);
      var y = last.clientY;
      return y < band ? -Math.ceil(20 * (band - y) / band)
           : y > innerHeight - band ? Math.ceil(20 * (y - innerHeight + band) / band) : 0;
    }
    function scroll() {
      var by = step();
      var before = scrollY;
      if (by) scrollBy(0, by);
      frame = by && scrollY !== before ? requestAnimationFrame(scroll) : 0;
      follow();
    }
    function move(event) {
      if (event.pointerId !== down.pointerId) return;
      last = event;
      if (!moved && Math.abs(event.clientX - down.clientX) + Math.abs(event.clientY - down.clientY) < 6) return;
      moved = true;
      event.preventDefault();
      item.classList.add("srm-dragging");
      follow();
      if (!frame && step()) frame = requestAnimationFrame(scroll);
    }
    function end(event) {
      if (event.pointerId !== down.pointerId) return;
      ["pointermove", "pointerup", "pointercancel"].forEach(function (type) {
        document.removeEventListener(type, type === "pointermove" ? move : end);
      });
      cancelAnimationFrame(frame);
      var zone = moved && event.type === "pointerup" && dropZone(form, event.clientX, event.clientY);
      hover(null);
      item.classList.remove("srm-dragging");
      item.style.transform = "";
      if (!zone) return;
      var select = item.querySelector("select");
      select.value = zone.getAttribute("data-srm-bucket") || "";
      place(form, item);
      var name = item.querySelector(".srm-sort-text").textContent;
      announce(form, select.value ? name + ": " + select.selectedOptions[0].textContent + "."
                                  : name + ": not placed.");
    }
    document.addEventListener("pointermove", move);
    document.addEventListener("pointerup", end);
    document.addEventListener("pointercancel", end);
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
      form.addEventListener("pointerdown", function (event) { drag(form, event); });
    }
  };

  srm.define("sort", sort);
})(window.srm);
