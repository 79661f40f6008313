/* SRM glossary tips, for the links to glossary terms that carry data-srm-tip. */
(function (srm) {
  "use strict";
  if (!srm) return;

  var make = srm.make;

  /* ---- Glossary tips: a linked term's short definition shows under it on hover and on
   * focus, as the link's description (its name stays the term). One tip per page, kept
   * inside the viewport; the pointer may move onto it; Esc dismisses it (WCAG 1.4.13). ---- */
  var tip, tipped;

  function hideTip() {
    if (tipped) tipped.removeAttribute("aria-describedby");
    if (tip) tip.hidden = true;
    tipped = null;
  }

  function showTip(link) {
    if (link === tipped) return;
    hideTip();
    if (!tip) {
      tip = make("div", "srm srm-tip");
      tip.id = "srm-tip";
      tip.setAttribute("role", "tooltip");
    }
    if (!tip.isConnected) document.body.appendChild(tip);
    tip.textContent = link.getAttribute("data-srm-tip");
    tip.style.left = "0";
    tip.hidden = false;
    tipped = link;
    link.setAttribute("aria-describedby", tip.id);
    var box = link.getBoundingClientRect();
    var room = document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = Math.max(8, Math.min(box.left, room)) + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + "px";
  }

  function tipEvent(event) {
    var link = event.target.closest?.(".srm-glossary-link[data-srm-tip]");
    if (event.type === "keydown") {
      if (event.key === "Escape") hideTip();
    } else if (event.type === "focusout") hideTip();
    else if (link) showTip(link);
    else if (!tip || !tip.contains(event.target)) hideTip();
  }

  ["mouseover", "focusin", "focusout", "keydown"].forEach(function (type) {
    document.addEventListener(type, tipEvent);
  });
  /* Listening on the document serves every link; a page swap takes the tip down. */
  srm.define("tip", function () {
    hideTip();
    return { unmount: hideTip };
  });
})(window.srm);
