/* SRM pick-layer questions (data-srm-component="picklayer"): a statement and the layer
 * stack drawn top first as a group of radio buttons, which works without this script (the
 * answer is in the answer key). The markup is the choice questions', so the question kind
 * is the choice kind (srm-choice.js, which runs first): the answer is the layer picked,
 * checked against the key, with the picked layer's feedback under it. It has no `arrange`
 * and the form no data-srm-shuffle: the stack's order is the content, never shuffled
 * (srm_build/items/picklayer). Its look is srm-picklayer.css beside it. */
(function (srm) {
  "use strict";
  if (!srm) return;
  srm.define("picklayer", srm.defined.get("choice"));
})(window.srm);
