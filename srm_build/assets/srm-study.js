/* SRM practice exam and review queue, loaded by srm.js only on pages that have them.
 * Both draw from the study bank, a page of every answerable item by topic; the queue and
 * the helpers they share live in srm.js (window.srmCore). */
(function () {
  "use strict";

  var core = window.srmCore;
  var $$ = core.$$, make = core.make, load = core.load, save = core.save, isInt = core.isInt;
  var today = core.today, readQueue = core.readQueue, review = core.review, misses = core.misses;
  var mountForm = core.mountForm, choice = core.choice, lock = core.lock;
  var announce = core.announce, idOf = core.idOf;

  /* ---- The study bank: every answerable item by topic, on the tools page. Fetched once per
   * address; copies get their own ids and names, and links made absolute, so they work on
   * any page, including the bank's own. ---- */

  var banks = {};

  function loadBank(box) {
    var url = new URL(box.getAttribute("data-srm-bank"), location.href);
    url.hash = "";
    var key = url.href;
    banks[key] = banks[key] || fetch(key).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var items = Object.create(null); /* ids come from storage too: no inherited keys */
      var topics = $$(doc, "[data-srm-topic]").map(function (t) {
        var topic = { title: t.getAttribute("data-srm-topic"), items: [],
                      href: new URL(t.getAttribute("data-srm-topic-href"), key).href };
        $$(t, ".srm-bank-item > [data-srm-id]").forEach(function (node) {
          node.srmTopic = topic;
          topic.items.push(node);
          items[idOf(node)] = node;
        });
        return topic;
      });
      $$(doc, "[data-srm-card]").forEach(function (card) {
        items[card.getAttribute("data-srm-card")] = card;
      });
      $$(doc, "a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), key).href; });
      var beliefs = $$(doc, ".srm-bank-misconceptions [data-srm-misconception]");
      return { topics: topics, items: items, beliefs: beliefs };
    });
    banks[key].catch(function () { delete banks[key]; });
    return banks[key];
  }

  /* A copy of a bank node for this page, mounted by its owner rather than by mountAll. */
  function copy(node, prefix) {
    var clone = document.importNode(node, true);
    [clone].concat($$(clone, "*")).forEach(function (el) {
      ["id", "for", "name"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, prefix + v);
      });
    });
    $$(clone, "[data-srm-component]").concat([clone]).forEach(function (el) {
      el.removeAttribute("data-srm-component");
    });
    $$(clone, ".srm-report").forEach(function (el) { el.remove(); });
    $$(clone, "[data-srm-js]").forEach(function (el) { el.hidden = false; });
    clone.srmTopic = node.srmTopic;
    return clone;
  }

  function formOf(node) {
    return node.tagName === "FORM" ? node : node.querySelector("form");
  }

  function shuffled(list) {
    list = list.slice();
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }

  function failed(box) {
    announce(box, "The questions could not be loaded. Check your connection and reload the page.");
  }

  /* ---- Practice exam: n questions, drawn in turn from each topic so that every topic is
   * represented; answered without feedback until handed in. ---- */

  var EXAMS = "srm-exam-v1";

  function mountExam(box) {
    var setup = box.querySelector(".srm-exam-setup");
    var run = box.querySelector(".srm-exam-run");
    var seconds = +box.getAttribute("data-srm-seconds") || 72;
    var timer = 0;
    function history() {
      var past = load(EXAMS);
      var last = Object.keys(past).filter(function (k) {
        return isInt(past[k].right) && isInt(past[k].of);
      }).sort().pop();
      setup.querySelector(".srm-exam-history").textContent = last
        ? "Your last result: " + past[last].right + " of " + past[last].of + " on " +
          new Date(+last).toLocaleDateString() + "." : "";
    }
    function draw(bank, n) {
      var pools = shuffled(bank.topics).map(function (t) { return shuffled(t.items); });
      var picked = [];
      while (picked.length < n && pools.some(function (p) { return p.length; })) {
        pools.forEach(function (p) { if (p.length && picked.length < n) picked.push(p.pop()); });
      }
      return picked;
    }
    function start(bank) {
      var n = +setup.querySelector("input[type=radio]:checked").value;
      var picked = draw(bank, n);
      var sheet = make("ol", "srm-exam-sheet");
      var list = make("ol", "srm-questions");
      var clock = make("p", "srm-exam-clock");
      var done = make("button", "md-button md-button--primary", "Hand in");
      run.textContent = "";
      run.appendChild(make("p", "srm-title", "Answer sheet"));
      run.appendChild(clock);
      run.appendChild(sheet);
      run.appendChild(list);
      run.appendChild(done);
      var slots = picked.map(function (node, i) {
        var slot = make("li", "srm-question-slot");
        var mark = make("li");
        /* Buttons, not #links: the theme's instant navigation reloads the page for those. */
        var link = make("button", "srm-exam-goto");
        var flag = make("label", "srm-exam-flag");
        var question = copy(node, "srm-exam-");
        var form = formOf(question);
        core.arrange(form); /* options in an order of this attempt's own */
        slot.id = "srm-exam-q" + (i + 1);
        link.type = "button";
        link.addEventListener("click", function () {
          slot.scrollIntoView();
          slot.querySelector("input").focus();
        });
        flag.appendChild(make("input")).type = "checkbox";
        flag.append(" Flag for review");
        $$(question, ".srm-actions, [role=status]").forEach(function (el) { el.remove(); });
        question.querySelector(".srm-key").hidden = true;
        form.addEventListener("submit", function (event) { event.preventDefault(); });
        slot.appendChild(make("p", "srm-exam-number", "Question " + (i + 1) + " of " + picked.length));
        slot.appendChild(question);
        slot.appendChild(flag);
        mark.appendChild(link);
        sheet.appendChild(mark);
        list.appendChild(slot);
        return { node: question, form: form, link: link, flag: flag.firstChild, topic: node.srmTopic };
      });
      function mark() {
        slots.forEach(function (s, i) {
          s.link.textContent = "Question " + (i + 1) + ": " +
            (s.form.querySelector(".srm-options input:checked") ? "answered" : "not answered") +
            (s.flag.checked ? ", flagged" : "");
        });
      }
      run.addEventListener("change", mark);
      mark();
      done.addEventListener("click", function () { finish(slots, [clock, done]); });
      if (setup.querySelector("input[type=checkbox]").checked) {
        var end = Date.now() + picked.length * seconds * 1000;
        var tick = function () {
          var left = Math.max(0, Math.round((end - Date.now()) / 1000));
          clock.textContent = "Time left: " + Math.floor(left / 60) + ":" + ("0" + left % 60).slice(-2);
          if (left === 60) announce(box, "One minute left.");
          if (!left) finish(slots, [clock, done]);
        };
        timer = setInterval(tick, 1000);
        tick();
      }
      setup.hidden = true;
      run.hidden = false;
      announce(box, picked.length + " questions. Hand in when you are done.");
      run.querySelector(".srm-title").tabIndex = -1;
      run.querySelector(".srm-title").focus();
    }
    /* `chrome`: the clock and the Hand in button, which go once the exam is marked. */
    function finish(slots, chrome) {
      clearInterval(timer);
      var topics = [];
      var right = 0;
      slots.forEach(function (s) {
        var form = s.form;
        if (!form.hasAttribute("data-srm-result")) choice.check(form);
        if (!form.hasAttribute("data-srm-result")) lock(form, false);
        var good = form.getAttribute("data-srm-result") === "right";
        review(idOf(form), good, misses(form));
        s.node.querySelector(".srm-key").hidden = false;
        s.flag.disabled = true;
        if (topics.indexOf(s.topic) === -1) {
          topics.push(s.topic);
          s.topic.right = s.topic.of = 0;
        }
        s.topic.of += 1;
        s.topic.right += good ? 1 : 0;
        right += good ? 1 : 0;
      });
      var result = make("section", "srm-exam-result");
      var heading = make("p", "srm-title", "Your result: " + right + " of " + slots.length + " (" +
                         Math.round(100 * right / slots.length) + "%)");
      var table = make("table");
      var head = table.appendChild(make("tr"));
      ["Topic", "Right", "Reread"].forEach(function (h) {
        head.appendChild(make("th", "", h)).scope = "col";
      });
      topics.forEach(function (t) {
        var row = table.appendChild(make("tr"));
        row.appendChild(make("th", "", t.title)).scope = "row";
        row.appendChild(make("td", "", t.right + " of " + t.of));
        var cell = row.appendChild(make("td"));
        if (t.right < t.of) cell.appendChild(make("a", "", "Reread " + t.title)).href = t.href;
      });
      var again = make("button", "md-button", "Take another exam");
      again.addEventListener("click", function () {
        run.hidden = true;
        run.textContent = "";
        setup.hidden = false;
        history();
        setup.querySelector("button").focus();
      });
      result.appendChild(heading);
      result.appendChild(table);
      result.appendChild(make("p", "", "Wrong answers are now in your review queue. The feedback is under each question."));
      result.appendChild(again);
      chrome.forEach(function (el) { el.remove(); });
      run.prepend(result);
      var past = {};
      past[Date.now()] = { right: right, of: slots.length };
      save(past, EXAMS);
      heading.tabIndex = -1;
      heading.focus();
      announce(box, heading.textContent);
    }
    /* Fetched now, so that an exam can start once the page is loaded, even offline. */
    var bank = loadBank(box);
    bank.catch(function () { failed(box); });
    setup.addEventListener("submit", function (event) {
      event.preventDefault();
      loadBank(box).then(start, function () { failed(box); });
    });
    history();
  }

  /* ---- Review: what is due today, and mistakes grouped by misconception ---- */

  function mountReview(box) {
    var run = box.querySelector(".srm-review-run");
    function show(bank) {
      var all = readQueue();
      var ids = Object.keys(all).filter(function (id) { return bank.items[id]; });
      var due = ids.filter(function (id) { return all[id].due <= today(); });
      var list = make("ol", "srm-questions");
      var cards = make("ol", "srm-cards");
      run.textContent = "";
      run.appendChild(make("p", "srm-review-count", due.length
        ? due.length + " due today, " + (ids.length - due.length) + " later."
        : "Nothing is due today." + (ids.length ? " " + ids.length + " later." : "")));
      due.forEach(function (id) {
        var item = copy(bank.items[id], "srm-review-");
        if (item.hasAttribute("data-srm-card")) {
          cards.appendChild(item);
          var answer = make("p", "srm-deck-controls");
          ["I knew it", "Show again later"].forEach(function (label, i) {
            var button = answer.appendChild(make("button", "md-button", label));
            button.type = "button";
            button.addEventListener("click", function () {
              review(id, !i, []);
              answer.textContent = i ? "It stays in box 1, due today." : "Moved on.";
            });
          });
          item.appendChild(answer);
        } else {
          list.appendChild(make("li", "srm-question-slot")).appendChild(item);
          mountForm(formOf(item), choice, true);
        }
      });
      if (list.firstChild) run.appendChild(list);
      if (cards.firstChild) run.appendChild(cards);
      var groups = bank.beliefs.map(function (li) {
        var m = li.getAttribute("data-srm-misconception");
        var n = ids.filter(function (id) { return all[id].miss.indexOf(m) !== -1; }).length;
        return n && [li, n];
      }).filter(Boolean);
      if (groups.length) {
        run.appendChild(make("p", "srm-title", "Your mistakes by misconception"));
        var beliefs = run.appendChild(make("ul", "srm-review-beliefs"));
        groups.forEach(function (g) {
          var li = beliefs.appendChild(document.importNode(g[0], true));
          li.append(": " + g[1] + (g[1] === 1 ? " question" : " questions") + " in your queue");
        });
      }
    }
    loadBank(box).then(show, function () { failed(box); });
  }

  window.srmStudy = { exam: mountExam, review: mountReview };
})();
