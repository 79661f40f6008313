/* SRM chapter progress (data-srm-component="chapters"): how far the reader has got in each
 * chapter, from what this browser has stored by item id. */
(function (srm) {
  "use strict";
  if (!srm) return;

  /* A question's stored state holds its answer under its kind's own field (srm.js: "picked",
   * "placed", "matched"...) beside the order its options were shown in. A question is done
   * when an answer other than the order answers all of it (`srm.answered` at 1): the core's
   * judgement, not each kind's own (srm.js, `answered`). Why: this page loads no kind's
   * script, on purpose (it stays small, and needs no study bank), and the build knows no
   * kind's judgement, which is client code. It is enough because a question's stored answer
   * is one its chapter page stored when checking it, and a kind checks only a whole answer,
   * which both judgements call whole. A kind's own judgement differs from the core's only
   * on parts it does not accept (fill-in: a gap of only punctuation), which its chapter
   * page never stores and drops when shown. tests/test_question_kinds.py holds every kind
   * to this, in the exam and here. */
  function answered(state) {
    return Object.keys(state).some(function (field) {
      return field !== "order" && srm.answered(state[field]) === 1;
    });
  }

  srm.define("chapters", function (box) {
    function update() {
      var all = srm.load();
      srm.$$(box, "[data-srm-items]").forEach(function (li) {
        var ids = li.getAttribute("data-srm-items").split(" ");
        var done = ids.filter(function (entry) {
          var part = entry.split(":");
          var state = all[part[0]];
          return state && (part[1] ? srm.strings(state.known) && state.known.length >= +part[1]
                                   : answered(state));
        });
        li.querySelector(".srm-chapter-done").textContent = done.length + " of " + ids.length + " done";
      });
    }
    return { update, sync: update };
  });
})(window.srm);
