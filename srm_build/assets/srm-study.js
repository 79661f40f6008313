/* SRM practice exam and review queue, loaded by srm.js only on pages that have them.
 * Both draw from the study bank; the queue and the helpers they share live in srm.js
 * (window.srmCore). */
(function () {
  "use strict";

  var core = window.srmCore;
  var { $$, make, load, save, isInt, today, readQueue, review, misses, mountForm, choice, lock,
    strings, announce, idOf, shuffled } = core;

  /* ---- The study bank: a script the build writes for the tools page (SitePages.compact_bank
   * in the package), loaded once per address with a <script> element rather than fetched,
   * so that it loads from file:// too. Its links are relative to the tools page. ---- */

  var banks = {};

  function loadBank(box) {
    var src = new URL(box.getAttribute("data-srm-bank-script"), location.href).href;
    var page = new URL(box.getAttribute("data-srm-bank"), location.href).href;
    banks[src] = banks[src] || new Promise(function (resolve, reject) {
      var script = make("script");
      script.src = src;
      script.onload = script.onerror = function () {
        var bank = window.srmBanks?.[src];
        if (!bank) return reject();
        bank.page = page;
        /* Ids come from storage too: no inherited keys such as "constructor". */
        ["items", "cards"].forEach(function (k) { bank[k] = Object.assign(Object.create(null), bank[k]); });
        bank.topics.forEach(function (t) { t.href = new URL(t.href, page).href; });
        resolve(bank);
      };
      document.head.appendChild(script);
    });
    banks[src].catch(function () { delete banks[src]; });
    return banks[src];
  }

  /* A bank item as nodes for this page, its ids and names prefixed so that copies keep apart
   * from the page's own, its links made absolute. Mounted by its owner, not by mountAll: the
   * bank has no component markers, report links, or hidden script controls (bank_html). */
  function copy(bank, html, prefix) {
    var t = make("template");
    t.innerHTML = html;
    var clone = t.content.firstElementChild; /* adopted by the page when placed */
    [clone, ...$$(clone, "*")].forEach(function (el) {
      ["id", "for", "name"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, prefix + v);
      });
      if (el.hasAttribute("href")) el.href = new URL(el.getAttribute("href"), bank.page).href;
    });
    return clone;
  }

  function formOf(node) {
    return node.querySelector("form") || node; /* forms do not nest */
  }

  /* What a box does when its bank cannot be loaded. */
  function failed(box) {
    return function () {
      announce(box, "The questions could not be loaded. Reload the page to try again.");
    };
  }

  /* Shows the box from its bank once loaded, and again whenever srm.js calls its srmSync
   * (other tabs' storage events, a page back from the back/forward cache). */
  function shown(box, show) {
    loadBank(box).then(function (bank) {
      (box.srmSync = function () { show(bank); })();
    }, failed(box));
  }

  function questions(n) {
    return n + (n === 1 ? " question" : " questions");
  }

  /* ---- Practice exam: n questions, drawn in turn from each topic so that every topic is
   * represented; answered without feedback until handed in. The attempt is saved as the
   * reader works and offered back on return: a reload, a click away or a crash lose
   * nothing. ---- */

  var EXAMS = "srm-exam-v1";
  /* {exam id: {id, ids, picked: {id: [values]}, flags, left?}}: `id` names the run of the
   * attempt in the one tab it runs in: the tab that last started or resumed it. */
  var ATTEMPTS = "srm-attempt-v1";

  function mountExam(box) {
    var setup = box.querySelector(".srm-exam-setup");
    var run = box.querySelector(".srm-exam-run");
    var resume = box.querySelector(".srm-exam-resume");
    var seconds = +box.getAttribute("data-srm-seconds") || 72;
    var key = idOf(box);
    var running = null; /* the AbortController of the exam on screen, until it is marked */
    var busy, saved;
    /* The exam on screen's check against what is stored, never its own memory alone: true
     * while the stored attempt is what this tab last stored; once another tab has gone on
     * with it, handed it in or started anew, closes the exam, says so and is false. Before
     * any exam: offers the saved one. Run on other tabs' storage events, and before storing
     * or handing in: it is the box's srmSync, which srm.js calls on storage events. */
    function store(a) {
      save({ [key]: a }, ATTEMPTS);
    }
    function history(bank) {
      var past = load(EXAMS);
      var last = Object.keys(past).filter(function (k) {
        return isInt(past[k].right) && isInt(past[k].of);
      }).sort().pop();
      setup.querySelector(".srm-exam-history").textContent = last
        ? "Your last result: " + past[last].right + " of " + past[last].of + " on " +
          new Date(+last).toLocaleDateString() + "." : "";
      var a = load(ATTEMPTS)[key];
      /* Offered only if this page could have stored it: distinct questions of the bank (a
       * set of ids and flags no larger than the ids: flags among them too), answers among
       * their options (values in the item's markup), time within the exam's limit. */
      saved = a && strings(a.ids) && a.ids.length && strings(a.flags) &&
        new Set(a.ids.concat(a.flags)).size === a.ids.length &&
        (a.left === undefined || isInt(a.left) && a.left > 0 && a.left <= a.ids.length * seconds) &&
        a.ids.every(function (id) {
          return bank.items[id] && strings(a.picked?.[id]) && a.picked[id].every(function (v) {
            return bank.items[id][1].includes('value="' + v + '"');
          });
        }) ? a : null;
      resume.hidden = !saved;
      if (saved) resume.textContent = "Resume your exam of " + questions(saved.ids.length);
    }
    function back(bank) {
      run.hidden = true;
      setup.hidden = false;
      history(bank);
      setup.querySelector("button").focus();
    }
    /* Round i holds each topic's i-th question, the topics in one random order. */
    function draw(bank, n) {
      var rounds = [];
      shuffled(bank.topics).forEach(function (t) {
        shuffled(t.ids).forEach(function (id, i) { (rounds[i] = rounds[i] || []).push(id); });
      });
      return rounds.flat().slice(0, n);
    }
    /* One press, one exam: presses while the bank loads are ignored. Nor does one press
     * throw a saved attempt away: Start asks first, naming what would be lost; Cancel
     * leaves it, and its Resume button, as they were. */
    function begin(again) {
      if (busy) return;
      busy = true;
      loadBank(box).then(function (bank) {
        /* Nothing starts once the exam's page is gone (instant navigation while it loaded). */
        if (!box.isConnected) return;
        if (again || !saved || confirm("Start a new exam? Your saved one, " +
            saved.ids.filter(function (id) { return saved.picked[id].length; }).length + " of " +
            questions(saved.ids.length) + " answered, will be discarded.")) start(bank, again && saved);
        else resume.focus();
      }, failed(box)).then(function () { busy = false; });
    }
    function start(bank, saved) {
      running?.abort();
      var ctl = running = new AbortController();
      var on = { signal: ctl.signal };
      /* Names this tab's run of the attempt, stored with it: a tab that resumes it owns it
       * from its first save on, even when that save says nothing else new. */
      var id = Math.random();
      var mine = JSON.stringify(load(ATTEMPTS)[key]);
      var ids = saved ? saved.ids : draw(bank, +setup.querySelector("input[type=radio]:checked").value);
      var timed = saved ? isInt(saved.left) : setup.querySelector("input[type=checkbox]").checked;
      var left = saved && timed ? saved.left : ids.length * seconds;
      var leaving;
      run.textContent = "";
      run.appendChild(box.querySelector("template").content.cloneNode(true));
      var flagged = run.querySelector(".srm-exam-flag"); /* copied for each question */
      flagged.remove();
      var sheet = run.querySelector(".srm-exam-sheet"),
        clock = run.querySelector(".srm-exam-clock"),
        done = run.querySelector(".srm-exam-done");
      var slots = ids.map(function (id, i) {
        var slot = make("li", "srm-question-slot");
        /* Buttons, not #links: the theme's instant navigation reloads the page for those.
         * Outside any form, so no type is needed. */
        var link = sheet.appendChild(make("li")).appendChild(make("button", "srm-exam-goto"));
        var flag = flagged.cloneNode(true);
        var question = copy(bank, bank.items[id][1], "srm-exam-");
        var form = formOf(question);
        core.arrange(form); /* options in an order of this attempt's own */
        slot.id = "srm-exam-q" + (i + 1);
        link.onclick = function () {
          slot.scrollIntoView();
          slot.querySelector("input").focus();
        };
        $$(question, ".srm-actions, [role=status]").forEach(function (el) { el.remove(); });
        question.querySelector(".srm-key").hidden = true;
        /* No submit button is left, and options never submit implicitly (HTML's implicit
         * submission is for text fields), so the form needs no submit handler. */
        if (saved) {
          choice.restore(form, { picked: saved.picked[id] });
          flag.firstChild.checked = saved.flags.includes(id);
        }
        slot.append(make("p", "srm-exam-number", "Question " + (i + 1) + " of " + ids.length), question, flag);
        run.querySelector(".srm-questions").appendChild(slot);
        return { id, node: question, form, link, flag: flag.firstChild, topic: bank.items[id][0] };
      });
      function keep() {
        var a = { id, ids, picked: {}, flags: [] };
        slots.forEach(function (s) {
          a.picked[s.id] = choice.state(s.form).picked;
          if (s.flag.checked) a.flags.push(s.id);
        });
        if (timed) a.left = left;
        if (check()) store(a), mine = JSON.stringify(a);
      }
      function mark() {
        slots.forEach(function (s, i) {
          s.link.textContent = "Question " + (i + 1) + ": " + (answered(s) ? "answered" : "not answered") +
            (s.flag.checked ? ", flagged" : "");
        });
        keep();
      }
      var check = box.srmSync = function () {
        if (ctl.signal.aborted) return history(bank);
        if (JSON.stringify(load(ATTEMPTS)[key]) === mine) return 1;
        ctl.abort();
        back(bank);
        announce(box, "This exam went on in another tab.");
      };
      run.addEventListener("change", mark, on);
      mark();
      done.onclick = function () {
        var open = slots.filter(function (s) { return !answered(s); }).length;
        if (!open || confirm(questions(open) + " not answered. Hand in anyway?")) finish(bank, slots);
      };
      /* The exam ends with its page: Material's instant navigation swaps pages without
       * unloading them, so a timer or listener left behind would go on with no exam on
       * screen. Leaving asks first; the attempt stays saved either way. */
      var gone = function () { if (!box.isConnected) ctl.abort(); };
      var page = window.document$?.subscribe(gone);
      ctl.signal.onabort = function () {
        clearInterval(timer);
        page?.unsubscribe();
      };
      addEventListener("beforeunload", function (event) {
        if (!leaving) event.preventDefault();
      }, on);
      /* Going to another page asks first; staying cancels the event and keeps it from the
       * theme's own handlers. */
      function away(event, url) {
        if (url.split("#")[0] === location.href.split("#")[0]) return;
        leaving = confirm("Leave the exam? Your answers are kept.");
        if (!leaving) event.preventDefault(), event.stopPropagation();
      }
      /* Links: before the theme's handler, on the body, takes them over. */
      addEventListener("click", function (event) {
        var a = event.target.closest?.("a[href]");
        if (a && !a.target && !event.ctrlKey && !event.metaKey) away(event, a.href);
      }, { capture: true, signal: ctl.signal });
      /* Back and forward: the theme makes its pages one document, so a traversal between
       * them unloads nothing and is only a popstate, too late to stop. The Navigation API's
       * navigate event comes first, and can cancel a traversal within the document; one to
       * another document cannot be cancelled there, and beforeunload asks instead. */
      window.navigation?.addEventListener("navigate", function (event) {
        if (event.navigationType === "traverse" && event.cancelable) away(event, event.destination.url);
      }, on);
      if (timed) {
        var stop = Date.now() + left * 1000;
        var tick = function () {
          gone();
          if (ctl.signal.aborted) return;
          left = Math.max(0, Math.round((stop - Date.now()) / 1000));
          clock.textContent = "Time left: " + Math.floor(left / 60) + ":" + ("0" + left % 60).slice(-2);
          if (left === 60) announce(box, "One minute left.");
          if (left) keep();
          else finish(bank, slots);
        };
        var timer = setInterval(tick, 1000);
        tick();
      }
      setup.hidden = true;
      run.hidden = false;
      announce(box, questions(ids.length) + ". Hand in when you are done.");
      run.querySelector(".srm-exam-bar .srm-title").focus();
    }
    function answered(s) {
      return s.form.querySelector(".srm-options input:checked");
    }
    /* Marks once: a second call (the timer running out as the reader hands in) does
     * nothing. The clock and the Hand in button go. */
    function finish(bank, slots) {
      if (!box.srmSync()) return; /* false once marked, too */
      running.abort();
      store(null);
      var scores = bank.topics.map(function () { return [0, 0]; });
      var right = 0;
      slots.forEach(function (s, i) {
        var form = s.form;
        var answer = s.node.querySelector(".srm-key");
        var given = answered(s);
        if (given) choice.check(form);
        else {
          lock(form, false);
          answer.before(make("p", "srm-exam-missed", "Not answered. The answer:"));
          answer.open = true;
        }
        var good = form.getAttribute("data-srm-result") === "right";
        review(s.id, good, misses(form));
        answer.hidden = false;
        s.flag.disabled = true;
        s.link.textContent = "Question " + (i + 1) + ": " + (good ? "right" : given ? "wrong" : "not answered");
        s.link.parentNode.className = good ? "srm-right" : "srm-wrong";
        var score = scores[s.topic];
        score[0] += good;
        score[1]++;
        right += good;
      });
      var result = run.querySelector(".srm-exam-result");
      var heading = result.querySelector(".srm-title");
      var table = result.querySelector("table");
      heading.textContent = "Your result: " + right + " of " + slots.length + " (" +
        Math.round(100 * right / slots.length) + "%)";
      bank.topics.forEach(function (t, i) { /* in the site's chapter order */
        if (!scores[i][1]) return;
        var row = table.appendChild(make("tr"));
        row.appendChild(make("th", "", t.title)).scope = "row";
        row.appendChild(make("td", "", scores[i][0] + " of " + scores[i][1]));
        var cell = row.appendChild(make("td"));
        if (scores[i][0] < scores[i][1]) cell.appendChild(make("a", "", "Reread " + t.title)).href = t.href;
      });
      result.querySelector("button").onclick = function () { back(bank); };
      $$(run, ".srm-exam-clock, .srm-exam-done").forEach(function (el) { el.remove(); });
      result.hidden = false;
      save({ [Date.now()]: { right, of: slots.length } }, EXAMS);
      heading.focus();
      announce(box, heading.textContent);
    }
    /* Loaded now, so that an exam can start once the page is loaded, even offline. */
    shown(box, history);
    setup.addEventListener("submit", function (event) {
      event.preventDefault();
      begin();
    });
    resume.onclick = function () { begin(1); };
  }

  /* ---- Review: what is due today, and mistakes grouped by misconception ---- */

  function mountReview(box) {
    var run = box.querySelector(".srm-review-run");
    var parts = box.querySelector("template").content;
    function show(bank) {
      var all = readQueue();
      var ids = Object.keys(all).filter(function (id) { return bank.items[id] || bank.cards[id]; });
      var counter = parts.querySelector(".srm-review-count").cloneNode(true);
      var list = make("ol", "srm-questions");
      var cards = make("ol", "srm-cards");
      /* The count follows the reader's answers. */
      function count() {
        var now = readQueue();
        var due = ids.filter(function (id) { return now[id] && now[id].due <= today(); }).length;
        var later = ids.filter(function (id) { return now[id]; }).length - due;
        counter.textContent = due ? due + " due today, " + later + " later."
          : "Nothing is due today." + (later ? " " + later + " later." : "");
      }
      run.textContent = "";
      run.appendChild(counter);
      run.onsubmit = count; /* one listener, however often it is shown */
      count();
      ids.filter(function (id) { return all[id].due <= today(); }).forEach(function (id) {
        var item = bank.items[id];
        var node = copy(bank, (item || bank.cards[id])[1], "srm-review-");
        var topic = item && bank.topics[item[0]];
        var reread = make("p", "srm-reread");
        reread.appendChild(make("a", "", "Reread " + (item ? topic.title : node.querySelector("summary").textContent)))
          .href = item ? topic.href : new URL(bank.cards[id][0], bank.page).href;
        if (item) {
          var slot = list.appendChild(make("li", "srm-question-slot"));
          slot.append(node, reread);
          if (node.classList.contains("srm-sort")) core.mountSort(formOf(node)); /* srm-sort.js */
          else mountForm(formOf(node), choice, true);
          return;
        }
        cards.appendChild(node);
        var card = node.querySelector("details");
        var answer = parts.querySelector(".srm-deck-controls").cloneNode(true);
        /* Graded once the answer has been seen. */
        card.addEventListener("toggle", function () {
          if (answer.firstChild.tagName) answer.hidden = !card.open;
        });
        $$(answer, "button").forEach(function (button, i) {
          button.onclick = function () {
            review(id, !i, []);
            count();
            answer.textContent = i ? "It stays in box 1, due today." : "Moved on.";
            /* The pressed button is gone: on to the next card, or back to the count. */
            var next = node.nextElementSibling;
            next = next ? next.querySelector("summary") : counter;
            next.focus();
            announce(box, answer.textContent + " Now: " + next.textContent);
          };
        });
        node.append(answer, reread);
      });
      if (list.firstChild) run.appendChild(list);
      if (cards.firstChild) run.appendChild(cards);
      var groups = bank.beliefs.map(function (b) {
        var n = ids.filter(function (id) { return all[id].miss.includes(b[0]); }).length;
        return n && [b, n];
      }).filter(Boolean);
      if (groups.length) {
        run.appendChild(parts.querySelector(".srm-title").cloneNode(true));
        var beliefs = run.appendChild(make("ul", "srm-review-beliefs"));
        groups.forEach(function (g) {
          var li = beliefs.appendChild(make("li"));
          li.appendChild(make("a", "", g[0][2])).href = new URL(g[0][1], bank.page).href;
          li.append(": " + questions(g[1]) + " in your queue");
        });
      }
    }
    /* Shown anew when another tab changes the queue, and back from the back/forward cache. */
    shown(box, show);
  }

  window.srmStudy = { exam: mountExam, review: mountReview };
})();
