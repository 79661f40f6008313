/* SRM fill-in questions (data-srm-component="fillin"): a sentence whose gaps are native
 * controls, a list of choices (a select) or a text box, that work without this script; the
 * accepted answers are in the answer key (.srm-key-gaps, one entry per gap). This file is
 * the question kind (the interface is in srm.js): the answer is each gap's value, in the
 * order of the sentence; a gap is right when its value, with case, spaces, hyphens, the
 * quotes and brackets around it and punctuation at its end ignored, is one of its accepted
 * answers (the build checks answers the same way: srm_build/items/fillin, `normalized`).
 * Each list's choices show in an order of the reader's own (`arrange`). Its look is srm-fillin.css beside it (right and wrong gaps, touch sizes, the
 * worksheet in print): the build links it in the head of pages with fill-in questions, and
 * on others (the exam's and review's copies, a page reached by instant navigation) the
 * lines it puts before this script do (srm_build/templates/link-styles.js). */
(function (srm) {
  "use strict";
  if (!srm) return;

  /* srm.form (feedback, lock) is srm-choice.js's, which runs before this file. */
  var $$ = srm.$$, make = srm.make;
  /* As `normalized` in srm_build/items/fillin: quotes (\u2018-\u201e: single and double,
   * curly and low; angled), brackets and spaces around it dropped, and end punctuation;
   * spaces and hyphens (or dashes) removed; lowercase. */
  function norm(text) {
    return text.replace(/^[\s"'\u2018-\u201e\u00ab\u00bb()[\]{}]+|[\s.,;:!?\u2026"'\u2018-\u201e\u00ab\u00bb()[\]{}]+$/g, "")
      .replace(/[\s\-\u2010-\u2015]+/g, "").toLowerCase();
  }

  function gaps(form) {
    return $$(form, ".srm-fillin-text .srm-gap");
  }

  function keyOf(form, gap) {
    return $$(form, ".srm-key-gaps [data-srm-gap]").find(function (entry) {
      return entry.getAttribute("data-srm-gap") === gap.getAttribute("data-srm-gap");
    });
  }

  function right(form, gap) {
    var entry = keyOf(form, gap);
    return !!entry && $$(entry, ".srm-accepted").some(function (a) {
      return norm(a.textContent) === norm(gap.value);
    });
  }

  var fillin = {
    /* `final` (the exam's marking): grades a part answer too, an empty gap wrong. */
    check: function (form, final) {
      var all = gaps(form);
      var left = all.filter(function (gap) { return !norm(gap.value); }).length;
      if (left && !final) return "Fill in every gap, then check. " + left + (left > 1 ? " gaps" : " gap") + " left.";
      var good = 0;
      var after = form.querySelector(".srm-fillin-text");
      all.forEach(function (gap) {
        var ok = right(form, gap);
        var entry = keyOf(form, gap);
        var answer = entry && entry.querySelector(".srm-accepted");
        if (ok) good += 1;
        gap.classList.add(ok ? "srm-right" : "srm-wrong");
        /* Each gap's verdict, under the sentence in the gaps' order, named as the gap is
         * (by the words it follows: its aria-label, FillIn.gap_names). */
        var label = all.length > 1 ? gap.getAttribute("aria-label") + ": " : "";
        var box = srm.form.feedback(
          label + (ok ? "Correct." : (norm(gap.value) ? "Incorrect" : "Not answered") + ": the answer is " +
            (answer ? answer.textContent : "") + "."),
          entry && entry.querySelector(".srm-feedback-text"), ok);
        /* ...and its description, so that a screen reader on the gap hears its verdict. */
        box.id = gap.id + "-verdict";
        gap.setAttribute("aria-describedby", box.id);
        after.after(box);
        after = box;
      });
      srm.form.lock(form, good === all.length);
      if (all.length === 1) return good ? "Correct." : "Not quite. The feedback under the sentence says why.";
      return good + " of " + all.length + " gaps correct.";
    },
    answer: function (form) {
      return gaps(form).map(function (gap) { return gap.value; });
    },
    /* The share of gaps filled, as checking counts them: a gap that `norm` empties (only
     * spaces, hyphens, quotes, brackets or end punctuation) is left, not answered (srm.js,
     * `answered`). */
    answered: function (values) {
      return srm.strings(values) && values.length ? values.filter(norm).length / values.length : 0;
    },
    /* A typed answer longer than its box takes (`maxlength`, what the build allows:
     * TYPED_LONGEST) is not one the reader gave: that gap alone is left empty, and the rest
     * of the answer (and of an exam attempt) is kept. */
    restore: function (form, values) {
      var all = gaps(form);
      if (!srm.strings(values) || values.length !== all.length) return false;
      var fits = all.every(function (gap, i) {
        return gap.tagName !== "SELECT" || Array.from(gap.options).some(function (o) { return o.value === values[i]; });
      });
      if (!fits) return false;
      all.forEach(function (gap, i) {
        gap.value = gap.tagName === "SELECT" || gap.maxLength < 0 || values[i].length <= gap.maxLength ? values[i] : "";
      });
      return true;
    },
    /* Unchecked (Try again, or an answer put back before it is checked again): no gap
     * keeps a description whose verdict has gone. */
    layout: function (form) {
      if (form.hasAttribute("data-srm-result")) return;
      gaps(form).forEach(function (gap) { gap.removeAttribute("aria-describedby"); });
    },
    misses: function (form) {
      return gaps(form).filter(function (gap) { return !right(form, gap); }).map(function (gap) {
        var entry = keyOf(form, gap);
        return entry && entry.getAttribute("data-srm-misconception");
      }).filter(Boolean);
    },
    /* For a form marked data-srm-shuffle: each list's choices in `order` (entries
     * "<gap>:<choice>", as it returned them before) when that is a whole order of them,
     * else in a new random one; the empty first entry stays first, and a value chosen
     * stays chosen. Returns the order shown, which the shared code keeps until Try again. */
    arrange: function (form, order) {
      if (!form.hasAttribute("data-srm-shuffle")) return null;
      var lists = $$(form, "select.srm-gap");
      var all = [];
      lists.forEach(function (select) {
        choicesOf(select).forEach(function (o) { all.push(select.getAttribute("data-srm-gap") + ":" + o.value); });
      });
      var whole = srm.strings(order) && order.length === all.length &&
        all.every(function (entry) { return order.includes(entry); });
      if (!whole) {
        order = [];
        lists.forEach(function (select) {
          var gap = select.getAttribute("data-srm-gap");
          srm.shuffled(choicesOf(select)).forEach(function (o) { order.push(gap + ":" + o.value); });
        });
      }
      lists.forEach(function (select) {
        var prefix = select.getAttribute("data-srm-gap") + ":";
        var options = choicesOf(select);
        order.forEach(function (entry) {
          if (entry.indexOf(prefix)) return;
          var option = options.find(function (o) { return o.value === entry.slice(prefix.length); });
          if (option) select.appendChild(option);
        });
      });
      listChoices(form);
      return order.slice();
    }
  };

  /* A list's choices, without its empty first entry. */
  function choicesOf(select) {
    return Array.from(select.options).slice(1);
  }

  /* For print, the choices of each list after its blank (written by the template; srm-
   * fillin.css hides them on screen), in the order shown: a worksheet shows what to choose
   * from, not what was chosen. */
  function listChoices(form) {
    $$(form, "select.srm-gap").forEach(function (select) {
      var list = select.nextElementSibling;
      if (!list || !list.classList.contains("srm-gap-choices")) {
        list = make("span", "srm-gap-choices");
        list.setAttribute("aria-hidden", "true");
        select.after(list);
      }
      list.textContent = " (" + choicesOf(select).map(function (o) { return o.textContent; }).join(" / ") + ")";
    });
  }

  fillin.norm = norm; /* for tests, which hold it to the build's `normalized` */
  srm.define("fillin", fillin);
})(window.srm);
