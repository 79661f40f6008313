/* SRM practice exam (data-srm-component="exam"), drawn from the study bank (srm-study.js). */
(function (srm) {
  "use strict";
  if (!srm) return;

  /* Short names only for what is called often: each costs bytes on the study page, whose
   * budget is tight (tests/test_components.py). */
  var $$ = srm.$$, make = srm.make, load = srm.load, isInt = srm.isInt, announce = srm.announce;
  var study = srm.study, questions = study.questions;

  /* ---- Practice exam: n questions, drawn in turn from each topic so that every topic is
   * represented; answered without feedback until handed in. The attempt is saved as the
   * reader works and offered back on return: a reload, a click away or a crash lose
   * nothing. ---- */

  var EXAMS = "srm-exam-v1";
  /* {exam id: {id, ids, picked: {id: answer}, flags, left?}}: `id` names the run of the
   * attempt in the one tab it runs in: the tab that last started or resumed it; an answer
   * is what the question's kind gives (`answer`, see srm.js), [] for none. */
  var ATTEMPTS = "srm-attempt-v1";

  function mountExam(box) {
    var setup = box.querySelector(".srm-exam-setup");
    var run = box.querySelector(".srm-exam-run");
    var resume = box.querySelector(".srm-exam-resume");
    var seconds = +box.getAttribute("data-srm-seconds") || 72;
    var key = srm.idOf(box);
    var running; /* the AbortController of the exam on screen, until it is marked */
    var busy, saved, done; /* done: how many questions of the saved attempt are answered */
    /* The instance: its sync is the exam's check, or history before one; it shows the
     * attempt and the results stored, nothing else (srm.js, syncAll). */
    var self = { keys: [ATTEMPTS, EXAMS] };
    /* The exam on screen's check against what is stored, never its own memory alone: true
     * while the stored attempt is what this tab last stored; once another tab has gone on
     * with it, handed it in or started anew, closes the exam, says so and is false. Before
     * any exam: offers the saved one. Run on other tabs' storage events, and before storing
     * or handing in: it is the instance's sync, which the core calls on storage events. */
    function store(a) {
      srm.save({ [key]: a }, ATTEMPTS);
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
       * set of ids and flags no larger than the ids: flags among them too), answers each
       * question's kind can put back in a copy of it (`restore`), time within the exam's
       * limit. Its answered questions are counted in those copies, through each kind as
       * the answer sheet counts them (`answered`). */
      done = 0;
      saved = a && srm.strings(a.ids) && a.ids.length && srm.strings(a.flags) &&
        new Set(a.ids.concat(a.flags)).size === a.ids.length &&
        (a.left === undefined || isInt(a.left) && a.left > 0 && a.left <= a.ids.length * seconds) &&
        a.ids.every(function (id) {
          var kind = bank.items[id] && study.kindOf(bank, id);
          var form = kind && study.formOf(study.copy(bank, bank.items[id][1], "srm-exam-"));
          if (!kind?.restore(form, a.picked?.[id])) return false;
          done += answered(kind, form) > 0;
          return true;
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
      srm.shuffled(bank.topics).forEach(function (t) {
        srm.shuffled(t.ids).forEach(function (id, i) { (rounds[i] ||= []).push(id); });
      });
      return rounds.flat().slice(0, n);
    }
    /* One press, one exam: presses while the bank loads are ignored. Nor does one press
     * throw a saved attempt away: Start asks first, naming what would be lost; Cancel
     * leaves it, and its Resume button, as they were. */
    function begin(again) {
      if (busy) return;
      busy = true;
      study.load(box).then(function (bank) {
        /* Nothing starts once the exam's page is gone (instant navigation while it loaded). */
        if (!box.isConnected) return;
        /* What is stored now decides, whether or not the bank loaded before (a first load
         * that failed showed no saved attempt, yet one may be stored). */
        if (!running || running.signal.aborted) history(bank);
        self.sync ||= function () { history(bank); };
        if (again && !saved) return;
        if (again || !saved || confirm("Start a new exam? Your saved one, " + done + " of " +
            questions(saved.ids.length) + " answered, will be discarded.")) start(bank, again && saved);
        else resume.focus();
      }, study.failed(box)).then(function () { busy = false; });
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
        var question = study.copy(bank, bank.items[id][1], "srm-exam-");
        var form = study.formOf(question);
        var kind = study.kindOf(bank, id);
        srm.form.arrange(form); /* options in an order of this attempt's own */
        kind.mount?.(form);
        slot.id = "srm-exam-q" + (i + 1);
        link.onclick = function () {
          slot.scrollIntoView();
          slot.querySelector("input, select, textarea").focus();
        };
        /* Its status region stays: a kind says there what a move did (srm.announce). */
        $$(question, ".srm-actions").forEach(function (el) { el.remove(); });
        question.querySelector(".srm-key").hidden = true;
        /* No submit button is left, and srm.js keeps every question form from submitting
         * natively (Enter in a text gap would), so the form needs no submit handler. */
        if (saved) {
          kind.restore(form, saved.picked[id]);
          kind.layout?.(form);
          flag.firstChild.checked = saved.flags.includes(id);
        }
        slot.append(make("p", "srm-exam-number", "Question " + (i + 1) + " of " + ids.length), question, flag);
        run.querySelector(".srm-questions").appendChild(slot);
        return { id, node: question, form, kind, link, flag: flag.firstChild, topic: bank.items[id][0] };
      });
      function keep() {
        var a = { id, ids, picked: {}, flags: [] };
        slots.forEach(function (s) {
          a.picked[s.id] = s.kind.answer(s.form);
          if (s.flag.checked) a.flags.push(s.id);
        });
        if (timed) a.left = left;
        if (check()) store(a), mine = JSON.stringify(a);
      }
      /* Shows and keeps the answers; returns how many questions are answered [not at all,
       * in part, whole] (`answered`). Hand in counts by it too. */
      function mark() {
        var n = [0, 0, 0];
        slots.forEach(function (s, i) {
          var k = answered(s.kind, s.form);
          n[k]++;
          s.link.textContent = "Question " + (i + 1) + ": " + ["not answered", "partly answered", "answered"][k] +
            (s.flag.checked ? ", flagged" : "");
        });
        keep();
        return n;
      }
      var check = self.sync = function () {
        if (ctl.signal.aborted) return history(bank);
        if (JSON.stringify(load(ATTEMPTS)[key]) === mine) return 1;
        ctl.abort();
        back(bank);
        announce(box, "This exam went on in another tab.");
      };
      /* A typed gap gives `change` only once it loses focus: `input` shows and keeps each
       * keystroke (a reload with the focus in it loses nothing). */
      run.addEventListener("change", mark, on);
      run.addEventListener("input", mark, on);
      mark();
      done.onclick = function () {
        var n = mark(), say = n[0] ? questions(n[0]) + " not answered" : "";
        if (n[1]) say += (say ? " and " + n[1] : questions(n[1])) + " partly answered";
        if (!say || confirm(say + ". Hand in anyway?")) finish(bank, slots);
      };
      /* The exam ends with its page (the clock's tick sees it gone): Material's instant
       * navigation swaps pages without unloading them, so a timer or listener left behind
       * would go on with no exam on screen. Leaving asks first; the attempt stays saved
       * either way. */
      ctl.signal.onabort = function () { clearInterval(timer); };
      addEventListener("beforeunload", function (event) {
        if (!leaving) event.preventDefault();
      }, on);
      /* Going to another page asks first; staying cancels the event and keeps it from the
       * theme's own handlers. */
      function away(event, url) {
        /* In-page only with a fragment: the page's own address without one (the sidebar's
         * link to this page) loads it anew, and so ends the exam. */
        if (url.includes("#") && url.split("#")[0] === location.href.split("#")[0]) return;
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
          if (!box.isConnected) ctl.abort();
          if (ctl.signal.aborted) return;
          left = Math.max(0, Math.round((stop - Date.now()) / 1000));
          clock.textContent = "Time left: " + (left / 60 | 0) + ":" + ("0" + left % 60).slice(-2);
          if (left === 60) announce(box, "One minute left.");
          left ? keep() : finish(bank, slots);
        };
        var timer = setInterval(tick, 1000);
        tick();
      }
      setup.hidden = true;
      run.hidden = false;
      announce(box, questions(ids.length) + ". Hand in when you are done.");
      run.querySelector(".srm-exam-bar .srm-title").focus();
    }
    /* Whether `form` holds an answer: 0 none, 1 a part, 2 a whole one, as its `kind` judges
     * the answer it gives (its own `answered`, a share 0 to 1, else the core's: srm.js).
     * The answer sheet ("partly answered"), the counts, Hand in's question, the saved
     * attempt's count and the marking ("Partly answered", "Not answered": a part or a
     * whole answer the kind did not grade) all ask it here. */
    function answered(kind, form) {
      var a = (kind.answered || srm.answered)(kind.answer(form));
      return a >= 1 ? 2 : +(a > 0);
    }
    /* Marks once: a second call (the timer running out as the reader hands in) does
     * nothing. The clock and the Hand in button go. */
    function finish(bank, slots) {
      if (!self.sync()) return; /* false once marked, too */
      running.abort();
      store(null);
      var scores = bank.topics.map(function () { return [0, 0]; });
      var right = 0;
      slots.forEach(function (s, i) {
        var form = s.form;
        var answer = s.node.querySelector(".srm-key");
        var given = answered(s.kind, s.form);
        var whole = given && (s.kind.check(form), form.hasAttribute("data-srm-result"));
        /* A kind that wants a whole answer before it grades (every item placed, every gap
         * filled) leaves a part answer unmarked: in the exam, that is wrong; the kind grades
         * the parts given where it can (`check(form, true)`), and the answer is shown open,
         * as for a question not answered at all. */
        if (!whole) {
          if (given) s.kind.check(form, true); /* a kind that can grades the parts given */
          if (!form.hasAttribute("data-srm-result")) srm.form.lock(form, false);
          answer.before(make("p", "srm-exam-missed", (given ? "Partly answered" : "Not answered") + ". The answer:"));
          answer.open = true;
        }
        var good = form.getAttribute("data-srm-result") === "right";
        srm.review(s.id, good, srm.form.misses(form, s.kind));
        answer.hidden = false;
        s.flag.disabled = true;
        s.link.textContent = "Question " + (i + 1) + ": " + (good ? "right" : whole ? "wrong" : given ? "partly answered" : "not answered");
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
      srm.save({ [Date.now()]: { right, of: slots.length } }, EXAMS);
      heading.focus();
      announce(box, heading.textContent);
    }
    /* Loaded now, so that an exam can start once the page is loaded, even offline. */
    study.shown(box, history, self);
    setup.addEventListener("submit", function (event) {
      event.preventDefault();
      begin();
    });
    resume.onclick = function () { begin(1); };
    /* The core unmounts the exam when a page swap removes it (instant navigation). */
    self.unmount = function () { running?.abort(); };
    return self;
  }

  srm.define("exam", mountExam);
})(window.srm);
