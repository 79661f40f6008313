/* SRM matching (data-srm-component="match"): each item paired with a choice in the native
 * list beside it, which works without this script, by keyboard, by touch and with a screen
 * reader. The script adds checking with feedback per pair, the items and each list's
 * choices in an order of the reader's own (data-srm-shuffle), and the answer saved by id.
 * Checking, saving and Try again are the shared form machinery (`srm.form`). Its look is
 * srm-match.css beside it (linked by the build, see srm_build/templates/link-styles.js). */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, strings = srm.strings;

  function items(form) {
    return $$(form, ".srm-match-item");
  }

  function keyOf(form, item) {
    return form.querySelector('.srm-key-items [data-srm-item="' + item.getAttribute("data-srm-item") + '"]');
  }

  /* Items, and the choices of every list, in `order` ({items: [ids], choices: [ids]}) when
   * it is a whole and unrepeated order of them, else in a new random one. The order shown,
   * or null for a form that keeps its written order. */
  function arrange(form, order) {
    if (!form.hasAttribute("data-srm-shuffle")) return null;
    var list = form.querySelector(".srm-match-items");
    var all = items(form);
    var ids = all.map(function (li) { return li.getAttribute("data-srm-item"); });
    var select = all[0].querySelector("select");
    var choices = $$(select, "option").map(function (o) { return o.value; }).filter(Boolean).sort();
    function whole(wanted, of) {
      return strings(wanted) && wanted.length === of.length &&
        of.every(function (id) { return wanted.indexOf(id) !== -1; });
    }
    order = srm.isMap(order) && whole(order.items, ids) && whole(order.choices, choices) ? order
      : { items: srm.shuffled(ids), choices: srm.shuffled(choices) };
    order.items.forEach(function (id) { list.appendChild(all[ids.indexOf(id)]); });
    all.forEach(function (item) {
      var menu = item.querySelector("select");
      order.choices.forEach(function (id) {
        menu.appendChild(menu.querySelector('option[value="' + id + '"]'));
      });
    });
    return { items: order.items.slice(), choices: order.choices.slice() };
  }

  /* The match kind (see srm.js for the interface). */
  var match = {
    check: function (form) {
      var all = items(form);
      var left = all.filter(function (item) { return !item.querySelector("select").value; });
      if (left.length) return "Choose a match for every item, then check. " + left.length + " left.";
      var right = 0;
      all.forEach(function (item) {
        var select = item.querySelector("select");
        var entry = keyOf(form, item);
        var answer = entry ? entry.getAttribute("data-srm-answer") : "";
        var good = select.value === answer;
        var label = select.querySelector('option[value="' + answer + '"]');
        if (good) right += 1;
        item.classList.add(good ? "srm-right" : "srm-wrong");
        item.appendChild(srm.form.feedback(
          good ? "Correct." : "Incorrect: the match is " + (label ? label.textContent : answer) + ".",
          entry && entry.querySelector(".srm-feedback-text"), good));
      });
      srm.form.lock(form, right === all.length);
      return right + " of " + all.length + " matched correctly.";
    },
    /* The choice picked for each item ("" for none), by item id, stored as {matched: ...}. */
    field: "matched",
    answer: function (form) {
      var matched = {};
      items(form).forEach(function (item) {
        matched[item.getAttribute("data-srm-item")] = item.querySelector("select").value;
      });
      return matched;
    },
    restore: function (form, matched) {
      return srm.isMap(matched) && items(form).every(function (item) {
        var select = item.querySelector("select");
        var value = matched[item.getAttribute("data-srm-item")];
        select.value = value; /* a list takes only a value it has, and only a string equals it */
        return select.value === value;
      });
    },
    arrange: arrange
  };

  srm.define("match", match);
})(window.srm);
