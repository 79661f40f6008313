/* SRM dragging (`srm.draggable`): the one drag of the question kinds that move items (sort,
 * order), which name this file before their own in their unit's `client`: a shared module,
 * linked as its own file, so that sort and order pages share one cached copy. */
(function (srm) {
  "use strict";
  if (!srm) return;

  /* A mouse or pen drag starts at once anywhere on an item. A finger first touches and
   * holds the item (HOLD ms: it lifts, srm-lifted), again anywhere on it: a swipe over the
   * items scrolls the page and two fingers zoom it, as anywhere else, because the items
   * leave touch-action alone (a 10-item sort is taller than two phone screens: panning
   * blocked on its items left nothing to scroll by). This is the long press of the
   * platforms' own lists; the lists in each item stay the quicker way by touch. While a
   * drag lasts the page does not pan (its touchmove is cancelled), the item follows the
   * pointer, and near the top or bottom of the window the page scrolls, so that a target
   * out of sight can be reached on a phone. */
  var HOLD = 400;

  /* Makes the items of `form` draggable: `how` = {item: selector of an item, skip: selector
   * of controls where no drag starts, axis: "y" to follow only up and down, over(x, y)?:
   * the drop target under the pointer (given srm-over), drop(item, x, y): called once an
   * item moved and was let go, with the pointer's place in the window}. */
  function draggable(form, how) {
    var active = null;
    form.addEventListener("touchmove", function (event) {
      if (active && event.cancelable) event.preventDefault();
    }, { passive: false });
    /* A held finger opens the context menu (or selects) on some phones. */
    form.addEventListener("contextmenu", function (event) {
      if (active) event.preventDefault();
    });
    form.addEventListener("pointerdown", function (down) {
      var item = down.target.closest(how.item);
      if (!item || down.button > 0 || !down.isPrimary || down.target.closest(how.skip) ||
          form.hasAttribute("data-srm-result")) return;
      var held = down.pointerType !== "touch";
      var moved = false, over = null, last = down, frame = 0, timer = 0;
      var x0 = scrollX, y0 = scrollY;
      if (held) active = item;
      else timer = setTimeout(function () {
        held = true;
        active = item;
        item.classList.add("srm-lifted");
      }, HOLD);
      function hover(zone) {
        if (over) over.classList.remove("srm-over");
        if (zone) zone.classList.add("srm-over");
        over = zone;
      }
      function follow() {
        var dy = last.clientY - down.clientY + scrollY - y0;
        item.style.transform = how.axis === "y" ? "translateY(" + dy + "px)"
          : "translate(" + (last.clientX - down.clientX + scrollX - x0) + "px," + dy + "px)";
        hover(how.over ? how.over(last.clientX, last.clientY) : null);
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
        var far = Math.abs(event.clientX - down.clientX) + Math.abs(event.clientY - down.clientY) >= 6;
        if (!held) return far && end(event); /* a swipe, not a hold: the page scrolls */
        if (!moved && !far) return;
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
        clearTimeout(timer);
        cancelAnimationFrame(frame);
        active = null;
        hover(null);
        item.classList.remove("srm-dragging", "srm-lifted");
        item.style.transform = "";
        if (moved && event.type === "pointerup") how.drop(item, event.clientX, event.clientY);
      }
      document.addEventListener("pointermove", move);
      document.addEventListener("pointerup", end);
      document.addEventListener("pointercancel", end);
    });
  }

  srm.draggable = draggable;
  srm.define("drag");
})(window.srm);
