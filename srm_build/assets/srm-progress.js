/* SRM page progress (data-srm-component="progress"): "n of m questions done" on this page,
 * and Reset, which asks first in its dialog (it says what is cleared); only "Clear this
 * page" clears. It counts the page's mounted questions and decks, from the core's registry. */
(function (srm) {
  "use strict";
  if (!srm) return;

  /* The mounted questions and decks of the page: the instances that say whether done. */
  function items() {
    var found = [];
    srm.mounted.forEach(function (instance, el) {
      if (instance.done && el.isConnected) found.push(instance);
    });
    return found;
  }

  srm.define("progress", function (bar) {
    var dialog = bar.querySelector("dialog");
    var text = bar.querySelector(".srm-progress-text");
    bar.hidden = false;
    function update() {
      var all = items();
      var done = all.filter(function (instance) { return instance.done(); }).length;
      text.textContent = "Progress on this page: " + done + " of " + all.length +
        (all.length === 1 ? " question" : " questions") + " done.";
    }
    bar.querySelector("[data-srm-action=reset]").addEventListener("click", function () {
      dialog.returnValue = "";
      dialog.showModal();
    });
    dialog.addEventListener("close", function () {
      if (dialog.returnValue !== "reset") return;
      var changes = {};
      items().forEach(function (instance) { changes[instance.id] = instance.reset() || null; });
      srm.save(changes);
      srm.changed(null);
      srm.announce(bar, "Progress on this page cleared.");
    });
    return { update };
  });
})(window.srm);
