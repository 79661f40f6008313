/* The theme's storage helpers (__md_scope, __md_get, __md_set, __md_hash), rewritten so
 * that a missing, disabled, full or corrupted localStorage never throws: a value that does
 * not parse, or does not have the shape the theme expects, reads as absent. Loaded
 * synchronously in <head>, before the theme's bundle uses them. */
(function () {
  "use strict";
  var script = document.currentScript;
  /* This file lives at <site>/assets/javascripts/; the site root is two levels up. */
  window.__md_scope = new URL("../../", script ? script.src : location.href);
  window.__md_hash = function (text) {
    return Array.prototype.reduce.call(text, function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  /* What the theme's bundle assumes of each key it stores; anything else reads as absent. */
  var SHAPES = {
    __palette: function (v) {
      return isObject(v) && Number.isInteger(v.index) && v.index >= 0 && isObject(v.color) &&
        Object.keys(v.color).every(function (k) { return typeof v.color[k] === "string"; });
    },
    __tabs: function (v) {
      return Array.isArray(v) && v.every(function (t) { return typeof t === "string"; });
    },
    __consent: isObject,
    __source: isObject,
    __announce: function (v) { return typeof v === "number"; },
    __outdated: function (v) { return typeof v === "boolean"; }
  };
  function local() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  window.__md_get = function (key, storage, scope) {
    try {
      var store = storage || local();
      var raw = store && store.getItem((scope || window.__md_scope).pathname + "." + key);
      if (raw === null || raw === undefined) return null;
      var value = JSON.parse(raw);
      var valid = SHAPES[key];
      return !valid || valid(value) ? value : null;
    } catch (error) {
      return null;
    }
  };
  window.__md_set = function (key, value, storage, scope) {
    try {
      var store = storage || local();
      if (store) store.setItem((scope || window.__md_scope).pathname + "." + key, JSON.stringify(value));
    } catch (error) { /* full or disabled storage: the setting is simply not kept */ }
  };
})();
