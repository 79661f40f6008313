/* The theme's storage helpers, rewritten so that disabled, full or corrupted storage never
 * throws: a value that does not parse, or lacks the shape the theme expects, reads as absent.
 * Loaded in <head>, before the theme's bundle uses them. */
(function (w) {
  "use strict";
  /* Scripts run: srm.css keeps room for the controls they will show (no layout shift). */
  document.documentElement.classList.add("srm-js");
  var s = document.currentScript;
  /* The theme's scope (`extra.scope` or the site's root), as its partial writes it. */
  w.__md_scope = new URL(s.dataset.mdScope, location);
  w.__md_hash = function (t) {
    return [].reduce.call(t, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  function obj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function strings(v) {
    return Object.keys(v).every(function (k) { return typeof v[k] === "string"; });
  }
  var SHAPES = {
    __palette: function (v) {
      return obj(v) && Number.isInteger(v.index) && v.index >= 0 && obj(v.color) && strings(v.color);
    },
    __tabs: function (v) { return Array.isArray(v) && strings(v); },
    __consent: obj,
    __source: obj,
    __announce: function (v) { return typeof v === "number"; },
    __outdated: function (v) { return typeof v === "boolean"; }
  };
  function store(s) {
    try { return s || w.localStorage; } catch (e) { return null; }
  }
  w.__md_get = function (k, s, scope) {
    try {
      var raw = store(s).getItem((scope || w.__md_scope).pathname + "." + k);
      var v = raw == null ? null : JSON.parse(raw);
      return v == null || !SHAPES[k] || SHAPES[k](v) ? v : null;
    } catch (e) { return null; }
  };
  w.__md_set = function (k, v, s, scope) {
    try { store(s).setItem((scope || w.__md_scope).pathname + "." + k, JSON.stringify(v)); }
    catch (e) { /* full or disabled storage: the setting is not kept */ }
  };
})(window);
