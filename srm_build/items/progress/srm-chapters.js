/* SRM chapter progress (data-srm-component="chapters"): how far the reader has got in each
 * chapter, from what this browser has stored by item id. */
(function (srm) {
  "use strict";
  if (!srm) return;

  /* A question's stored state holds its answer under its kind's own field (srm.js: "picked",
   * "placed", "matched"...) beside the order its options were shown in; this page loads no
   * kinds, so any answer-shaped field other than the order counts. */
  function answered(state) {
    return Object.keys(state).some(function (field) {
      return field !== "order" && (srm.strings(state[field]) || srm.isMap(state[field]));
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
