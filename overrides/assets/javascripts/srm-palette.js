/* Restores the reader's colour scheme, like the theme's inline script, but only from a
 * well-formed stored value: anything else is ignored. */
(function () {
  "use strict";
  var palette = window.__md_get && window.__md_get("__palette");
  if (!palette || typeof palette !== "object" || !palette.color ||
      typeof palette.color !== "object") return;
  var color = palette.color;
  if (color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector(light
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    if (!input) return;
    ["media", "scheme", "primary", "accent"].forEach(function (name) {
      color[name] = input.getAttribute("data-md-color-" + name);
    });
  }
  Object.keys(color).forEach(function (name) {
    if (/^[a-z]+$/.test(name) && typeof color[name] === "string") {
      document.body.setAttribute("data-md-color-" + name, color[name]);
    }
  });
})();
