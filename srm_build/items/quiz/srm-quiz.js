/* SRM quiz scores (data-srm-component="quiz"): "Score: n of m" as the reader checks each
 * question of the quiz, and once all are checked the result and the way on. */
(function (srm) {
  "use strict";
  if (!srm) return;

  srm.define("quiz", function (quiz) {
    var score = quiz.querySelector(".srm-score");
    var end = quiz.querySelector(".srm-quiz-end");
    /* Every question form, whatever its kind: each has the class srm-question (srm.js). */
    var forms = srm.$$(quiz, "form.srm-question");
    if (!score || !forms.length) return null;
    function update(changed) {
      if (changed && !quiz.contains(changed)) return;
      var answered = forms.filter(function (f) { return f.hasAttribute("data-srm-result"); });
      var right = answered.filter(function (f) {
        return f.getAttribute("data-srm-result") === "right";
      });
      score.textContent = "Score: " + right.length + " of " + forms.length + " correct, " +
        answered.length + " answered.";
      score.hidden = false;
      /* Once every question is checked: the score where the reader is, and the way on. */
      if (!end) return;
      end.hidden = answered.length < forms.length;
      end.textContent = "Quiz finished: " + right.length + " of " + forms.length + " correct.";
      var next = document.querySelector("link[rel=next]");
      var title = document.querySelector(".md-footer__link--next .md-ellipsis");
      if (next) {
        end.append(" Next: ");
        end.appendChild(srm.make("a", "", title ? title.textContent.trim() : "the next page")).href = next.href;
      }
    }
    return { update };
  });
})(window.srm);
