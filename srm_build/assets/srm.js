/* SRM study components. The server renders working forms with the answer key in a
 * <details>; this script only adds checking, feedback and scores on top of that HTML.
 * It never inserts content as HTML: feedback is cloned from the key's own nodes. */
(function () {
  "use strict";

  var OWNER = { aws: "AWS", customer: "Customer", shared: "Shared" };

  function $$(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function announce(form, text) {
    var status = form.querySelector(".srm-status");
    if (status) status.textContent = text;
  }

  /* Feedback node for an option or item: its verdict in words, then the key's text. */
  function feedback(verdict, source, good) {
    var box = document.createElement("div");
    box.className = "srm-feedback " + (good ? "srm-right" : "srm-wrong");
    var strong = document.createElement("strong");
    strong.textContent = verdict;
    box.appendChild(strong);
    if (source) box.appendChild(source.cloneNode(true));
    return box;
  }

  function clear(form) {
    $$(form, ".srm-feedback").forEach(function (node) { node.remove(); });
    $$(form, ".srm-right, .srm-wrong").forEach(function (node) {
      node.classList.remove("srm-right", "srm-wrong");
    });
    $$(form, "input, select").forEach(function (input) { input.disabled = false; });
    announce(form, "");
    form.removeAttribute("data-srm-result");
  }

  function finish(form, correct, text) {
    $$(form, "input, select").forEach(function (input) { input.disabled = true; });
    form.setAttribute("data-srm-result", correct ? "right" : "wrong");
    announce(form, text);
    form.dispatchEvent(new CustomEvent("srm:answered", {
      bubbles: true, detail: { id: form.getAttribute("data-srm-id"), correct: correct }
    }));
  }

  function mountForm(form, check) {
    var actions = form.querySelector(".srm-actions");
    if (actions) actions.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.hasAttribute("data-srm-result")) check(form);
    });
    var retry = form.querySelector("[data-srm-action=retry]");
    if (retry) retry.addEventListener("click", function () {
      clear(form);
      form.reset();
      form.dispatchEvent(new CustomEvent("srm:reset", { bubbles: true }));
      var first = form.querySelector("input, select");
      if (first) first.focus();
    });
  }

  function checkChoice(form) {
    var chosen = $$(form, ".srm-options input:checked").map(function (i) { return i.value; });
    if (!chosen.length) {
      announce(form, "Choose an option, then check.");
      return;
    }
    var allRight = true;
    $$(form, ".srm-key-options [data-srm-option]").forEach(function (entry) {
      var id = entry.getAttribute("data-srm-option");
      var correct = entry.getAttribute("data-srm-correct") === "true";
      var picked = chosen.indexOf(id) !== -1;
      if (picked !== correct) allRight = false;
      if (!picked && !correct) return;
      var option = form.querySelector('.srm-option[data-srm-option="' + id + '"]');
      if (!option) return;
      var verdict = picked ? (correct ? "Correct." : "Incorrect.") : "Missed: this one is correct.";
      option.classList.add(picked && correct ? "srm-right" : "srm-wrong");
      option.appendChild(feedback(verdict, entry.querySelector(".srm-feedback-text"),
                                  picked && correct));
    });
    finish(form, allRight, allRight ? "Correct." : "Not quite. The feedback under each option says why.");
  }

  function checkSort(form) {
    var placed = 0;
    var right = 0;
    var entries = $$(form, ".srm-key-items [data-srm-item]");
    entries.forEach(function (entry) {
      var id = entry.getAttribute("data-srm-item");
      var item = form.querySelector('.srm-sort-item[data-srm-item="' + id + '"]');
      var select = item && item.querySelector("select");
      if (!select || !select.value) return;
      placed += 1;
      var owner = entry.getAttribute("data-srm-owner");
      var good = select.value === owner;
      if (good) right += 1;
      item.classList.add(good ? "srm-right" : "srm-wrong");
      item.appendChild(feedback(good ? "Correct." : "Incorrect: " + OWNER[owner] + " owns this.",
                                entry.querySelector(".srm-feedback-text"), good));
    });
    if (placed < entries.length) {
      clear(form);
      announce(form, "Place every item, then check. " + (entries.length - placed) + " left.");
      return;
    }
    finish(form, right === entries.length, right + " of " + entries.length + " placed correctly.");
  }

  function mountQuiz(quiz) {
    var score = quiz.querySelector(".srm-score");
    var total = $$(quiz, "[data-srm-component=choice], [data-srm-component=sort]").length;
    function update() {
      var answered = $$(quiz, "[data-srm-result]");
      var right = answered.filter(function (f) {
        return f.getAttribute("data-srm-result") === "right";
      }).length;
      score.textContent = "Score: " + right + " of " + total + " correct, " +
        answered.length + " answered.";
      score.hidden = false;
    }
    if (score && total) {
      quiz.addEventListener("srm:answered", update);
      quiz.addEventListener("srm:reset", update);
    }
  }

  var MOUNT = {
    choice: function (el) { mountForm(el, checkChoice); },
    sort: function (el) { mountForm(el, checkSort); },
    quiz: mountQuiz
  };

  /* Safe to call on every page swap: a component is mounted once. */
  function mountAll() {
    $$(document, "[data-srm-component]").forEach(function (el) {
      var mount = MOUNT[el.getAttribute("data-srm-component")];
      if (!mount || el.hasAttribute("data-srm-mounted")) return;
      el.setAttribute("data-srm-mounted", "");
      mount(el);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);  /* mkdocs-material instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
