/* SRM choice questions: single and multiple choice, true/false and scenarios, which all
 * render as a form of options (data-srm-component="choice"). Also the form machinery every
 * question kind shares, as `srm.form`: Check answers, feedback cloned from the answer key,
 * Try again, the option order shown, the answer saved by item id and misconception tags,
 * for a form of any question kind (the interface a kind implements is in srm.js). */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, make = srm.make, strings = srm.strings, announce = srm.announce;

  /* The misconceptions behind the wrong options picked in a checked form. */
  function optionMisses(form) {
    return $$(form, ".srm-options input:checked").map(function (input) {
      var entry = form.querySelector('.srm-key-options [data-srm-option="' + input.value + '"]');
      return entry && entry.getAttribute("data-srm-correct") !== "true" &&
        entry.getAttribute("data-srm-misconception");
    }).filter(Boolean);
  }

  /* The misconceptions a checked form of `kind` reveals: those its kind finds in the answer
   * (a choice's wrong options picked), and the question's own tag (data-srm-misconception
   * on the form) when it was answered wrong. */
  function misses(form, kind) {
    var own = form.getAttribute("data-srm-misconception");
    return (kind.misses?.(form) || []).concat(form.getAttribute("data-srm-result") === "wrong" && own || []);
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
    $$(form, "[type=submit]").forEach(function (b) { b.ariaDisabled = null; });
    form.removeAttribute("data-srm-result");
  }

  function lock(form, correct) {
    $$(form, "input, select").forEach(function (input) { input.disabled = true; });
    /* aria-disabled, not disabled: the button keeps focus, and says it does nothing now. */
    $$(form, "[type=submit]").forEach(function (b) { b.ariaDisabled = "true"; });
    form.setAttribute("data-srm-result", correct ? "right" : "wrong");
  }

  function checkChoice(form) {
    var chosen = $$(form, ".srm-options input:checked").map(function (i) { return i.value; });
    if (!chosen.length) return "Choose an option, then check.";
    var allOk = true, shown = [];
    $$(form, ".srm-key-options [data-srm-option]").forEach(function (entry) {
      var id = entry.getAttribute("data-srm-option"),
        correct = entry.getAttribute("data-srm-correct") === "true", picked = chosen.includes(id);
      if (picked !== correct) allOk = false;
      if (!picked && !correct) return;
      var option = form.querySelector('.srm-option[data-srm-option="' + id + '"]');
      if (!option) return;
      var text = entry.querySelector(".srm-feedback-text");
      /* True/false and scenarios give every option the same explanation: show it once. */
      if (text) shown.includes(text.textContent) ? text = null : shown.push(text.textContent);
      var good = picked && correct;
      option.classList.add(good ? "srm-right" : "srm-wrong");
      option.appendChild(feedback(
        picked ? (correct ? "Correct." : "Incorrect.") : "Missed: this one is correct.", text, good));
    });
    lock(form, allOk);
    return allOk ? "Correct." : "Not quite. The feedback under each option says why.";
  }

  /* The choice kind (see srm.js for the interface): the answer is the values of the
   * options picked. */
  var choice = {
    check: checkChoice,
    answer: function (form) {
      return $$(form, ".srm-options input:checked").map(function (i) { return i.value; });
    },
    restore: function (form, picked) {
      var inputs = $$(form, ".srm-options input"),
        values = inputs.map(function (i) { return i.value; });
      if (!strings(picked) || (inputs[0].type === "radio" && picked.length > 1) ||
          !picked.every(function (v) { return values.includes(v); })) return false;
      inputs.forEach(function (i) { i.checked = picked.includes(i.value); });
      return true;
    },
    misses: optionMisses
  };


  /* Options of a form marked data-srm-shuffle, put in `order` (option ids) when it is a
   * whole and unrepeated list of them, else in a new random order. The order shown, or
   * null for a form that keeps its written order. A kind that arranges its own parts
   * (`arrange` in its kind, see srm.js) does it instead. */
  function arrange(form, order) {
    var kind = srm.defined.get(form.getAttribute("data-srm-component"));
    if (kind && kind.arrange) return kind.arrange(form, order);
    var list = form.querySelector(".srm-options");
    if (!list || !form.hasAttribute("data-srm-shuffle")) return null;
    var options = $$(list, ".srm-option"),
      ids = options.map(function (li) { return li.getAttribute("data-srm-option"); });
    if (!strings(order) || order.length !== ids.length ||
        !ids.every(function (id) { return order.includes(id); })) order = srm.shuffled(ids);
    order.forEach(function (id) { list.appendChild(options[ids.indexOf(id)]); });
    return order.slice();
  }

  /* Mounts a question form of `kind`; returns its instance. `fresh` forms (copies in the
   * exam and review) neither restore nor keep progress. */
  function mountForm(form, kind, fresh) {
    /* order: the option order shown, kept until the reader tries again; seen: the stored
     * state this form shows, as JSON; stale: true while a refresh is put off until focus
     * leaves the form (sync) */
    var id = srm.idOf(form), order, seen, stale;
    function done() {
      return form.hasAttribute("data-srm-result");
    }
    function clear() {
      unlock(form);
      form.reset();
      kind.layout?.(form);
      announce(form, "");
    }
    /* What to store: the answer once checked, and the order of the options shown. */
    function current() {
      /* {picked: answer}, or under the kind's own `field` (srm.js). */
      var state = done() ? { [kind.field || "picked"]: kind.answer(form) } : {};
      if (order) state.order = order;
      return Object.keys(state).length ? state : null;
    }
    function keep() {
      var state = current();
      if (!fresh) srm.save({ [id]: state });
      seen = JSON.stringify(state);
    }
    /* Shows the stored state quietly (shown, not announced), unless it is shown already;
     * what cannot be used is dropped, and a new order is stored. But not while the reader
     * is in the form (focus in it): redrawn under them, a control they are on would lock
     * and drop focus to the page (WCAG 2.4.3), and an answer they are typing or picking
     * would be replaced by one they did not give here (a change of content they did not
     * ask for, WCAG 3.2.2); they may still mean to check theirs, and the last check wins
     * (srm.save). They are told; the form shows the stored state once focus leaves it
     * (focusout, below). Only for another tab's change (`name`, the storage key it names,
     * from srm.js): a page back from the cache shows what is stored at once. */
    function sync(name) {
      var state = fresh ? null : srm.load()[id] || null;
      if (JSON.stringify(state) === seen) return;
      if (name && form.contains(document.activeElement)) {
        announce(form, "Answered in another tab.");
        return stale = true;
      }
      if (state || done()) clear(); /* keeps unchecked picks */
      order = arrange(form, state && state.order);
      if (state && kind.restore(form, state[kind.field || "picked"])) {
        kind.layout?.(form);
        /* The result line as checking left it, shown again but not said: the reader
         * did not just check. */
        announce(form, kind.check(form), 1);
      }
      if (!done()) clear();
      seen = JSON.stringify(current());
      if (!fresh && seen !== JSON.stringify(state)) srm.keepLater(id, current());
    }
    kind.mount?.(form);
    /* Enter in an option would submit the form implicitly: only Check answers. Enter in
     * a text box does submit it, by its default button, Check: it checks. */
    form.onkeydown = function (event) {
      if (event.key === "Enter" && event.target.matches("input:not([type=text])")) event.preventDefault();
    };
    /* Never a native submission: srm.js prevents it for every question form. */
    form.addEventListener("submit", function (event) {
      if (done()) return;
      announce(form, kind.check(form));
      var result = form.getAttribute("data-srm-result");
      if (result) {
        /* Checking disabled the controls, and so dropped the focus of one (Enter in a text
         * box submits too) to the page (WCAG 2.4.3): it goes to the Check button that
         * submitted (the default button, for Enter), where a click on it leaves it. */
        event.submitter?.focus();
        srm.review(id, result === "right", misses(form, kind));
        keep();
      }
      srm.changed(form);
    });
    /* Only a refresh put off (`stale`): where storage is unusable, what was never stored
     * is shown, not what is (nothing). */
    form.addEventListener("focusout", function (event) {
      if (stale && !form.contains(event.relatedTarget)) stale = sync();
    });
    var retry = form.querySelector("[data-srm-action=retry]");
    if (retry) retry.onclick = function () {
      clear();
      order = arrange(form, null);
      keep();
      srm.changed(form);
      form.querySelector("input, select")?.focus();
    };
    sync();
    return {
      id, sync,
      done,
      reset: function () {
        clear();
        seen = JSON.stringify(current());
        return current(); /* the order stays until the reader tries again */
      }
    };
  }

  /* No question form ever submits natively once this file runs, wherever its copy is (a
   * chapter, the practice exam, the review: every page with a question loads this file),
   * even one put in a <dialog>, where its method="dialog" (which, without the script,
   * keeps Enter from loading the page anew with the answers in its address) would close
   * it. Each form's own submit handler (mountForm) still runs, on the chapter and review
   * copies, and checks the answer. Capture, on the document: before any other handler, on forms
   * present now or added later. */
  document.addEventListener("submit", function (event) {
    if (event.target.closest(".srm-question")) event.preventDefault();
  }, true);

  srm.form = { mountForm, arrange, lock, misses, feedback };
  srm.define("choice", choice);
})(window.srm);
