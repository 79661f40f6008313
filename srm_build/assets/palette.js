/* Restores the reader's colour scheme before the page paints, from a well-formed value only. */
(function () {
  "use strict";
  var p = window.__md_get && window.__md_get("__palette");
  var c = p && p.color;
  if (!c) return;
  if (c.media === "(prefers-color-scheme)") {
    var dark = !matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector("[data-md-color-media='(prefers-color-scheme: " +
      (dark ? "dark" : "light") + ")']");
    if (!input) return;
    ["media", "scheme", "primary", "accent"].forEach(function (n) {
      c[n] = input.getAttribute("data-md-color-" + n);
    });
  }
  Object.keys(c).forEach(function (n) {
    if (/^[a-z]+$/.test(n)) document.body.setAttribute("data-md-color-" + n, c[n]);
  });
})();
