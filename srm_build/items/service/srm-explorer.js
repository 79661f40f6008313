/* SRM responsibility explorer (data-srm-component="explorer"). It reads the
 * service matrix beside it and draws the stack of the chosen service, or the typical stack
 * of a service model, customer data on top, in the matrix's own order. A model's layer is
 * one owner only when every service of that model agrees; otherwise it "varies by service",
 * a state of its own, listing which services have which owner. Two picks are compared in
 * one table, so that their layers line up row by row and the rows that differ say so. Its
 * look is srm-explorer.css beside it, linked in the page's head or, after instant
 * navigation, by the lines the build puts before this script (srm_build/templates/
 * link-styles.js); the explorer shows once that has loaded, so it never shows unstyled. */
(function (srm) {
  "use strict";
  if (!srm) return;

  var $$ = srm.$$, make = srm.make;

  /* Resolves once the explorer's stylesheet has loaded (or failed: the explorer still works). */
  function styled() {
    return new Promise(function (done) {
      var link = document.querySelector("link[data-srm-explorer]");
      if (!link || link.sheet) return done();
      link.addEventListener("load", done);
      link.addEventListener("error", done);
    });
  }

  /* Tells the reader the matrix scrolls: the hint shows and the edge shades while more
   * columns lie to the right. */
  function matrixCue(wrap) {
    var hint = wrap.parentNode.querySelector(".srm-matrix-hint");
    function update() {
      var more = wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1;
      if (hint) hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1;
      wrap.parentNode.toggleAttribute("data-srm-more", more);
    }
    wrap.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) new ResizeObserver(update).observe(wrap);
    update();
  }

  /* One layer's line: its name, the owner in words, then the note in an element of its own. */
  function layerLine(tag, c, labels, name) {
    var node = make(tag, "srm-owner-" + c.owner);
    if (name) {
      node.appendChild(make("span", "srm-stack-name", c.layer));
      node.append(": ");
    }
    node.appendChild(make("strong", "", labels[c.owner]));
    if (c.note) node.appendChild(make("span", "srm-stack-note", c.note));
    return node;
  }

  srm.define("explorer", function (box) {
    var wrap = box.parentNode.querySelector(".srm-matrix");
    var table = wrap.querySelector("table");
    var heads = $$(table, "thead th[data-srm-service]");
    var rows = $$(table, "tbody tr");
    var picks = $$(box, "select");
    var stacks = box.querySelector(".srm-explorer-stacks");
    var labels = { varies: "Varies by service" };
    $$(table, "td[data-srm-owner]").forEach(function (td) {
      labels[td.getAttribute("data-srm-owner")] = td.textContent;
    });
    function cells(value) {
      var columns = [];
      heads.forEach(function (th, i) {
        if (value === th.getAttribute("data-srm-service") ||
            value === "model:" + th.getAttribute("data-srm-model")) columns.push(i);
      });
      return rows.map(function (tr) {
        var tds = tr.querySelectorAll("td");
        var by = {}; /* owner -> names of the services that give it that owner */
        var owners = [];
        columns.forEach(function (i) {
          var owner = tds[i].getAttribute("data-srm-owner");
          if (!by[owner]) owners.push(owner);
          (by[owner] = by[owner] || []).push(heads[i].textContent);
        });
        var one = owners.length === 1;
        return {
          layer: tr.querySelector("th").textContent,
          owner: one ? owners[0] : "varies",
          note: columns.length === 1 ? tds[columns[0]].getAttribute("data-srm-note") :
            one ? "" : owners.map(function (o) { return labels[o] + ": " + by[o].join(", "); }).join("; ") + "."
        };
      });
    }
    function title(pick) {
      return pick.options[pick.selectedIndex].text;
    }
    function draw() {
      var chosen = picks.filter(function (pick) { return pick.value; });
      stacks.textContent = "";
      if (chosen.length === 1) {
        var figure = make("figure", "srm-stack");
        figure.appendChild(make("figcaption", "srm-title", title(chosen[0])));
        var list = make("ol", "srm-stack-layers");
        cells(chosen[0].value).forEach(function (c) { list.appendChild(layerLine("li", c, labels, true)); });
        figure.appendChild(list);
        stacks.appendChild(figure);
        return;
      }
      var a = cells(chosen[0].value), b = cells(chosen[1].value);
      var grid = make("table", "srm-compare");
      grid.appendChild(make("caption", "", title(chosen[0]) + " compared with " + title(chosen[1])));
      var head = grid.createTHead().insertRow();
      ["Layer", title(chosen[0]), title(chosen[1])].forEach(function (text) {
        var th = make("th", "", text);
        th.scope = "col";
        head.appendChild(th);
      });
      var body = grid.createTBody();
      a.forEach(function (c, i) {
        var tr = body.insertRow();
        var th = make("th", "", c.layer);
        th.scope = "row";
        tr.appendChild(th);
        if (c.owner !== b[i].owner) {
          tr.className = "srm-differs";
          th.appendChild(make("span", "srm-differs-mark", "Differs"));
        }
        tr.appendChild(layerLine("td", c, labels));
        tr.appendChild(layerLine("td", b[i], labels));
      });
      stacks.appendChild(grid);
    }
    picks.forEach(function (pick) { pick.addEventListener("change", draw); });
    styled().then(function () {
      matrixCue(wrap);
      box.hidden = false; /* a script-only view; the matrix below serves readers without one */
      draw();
      box.setAttribute("data-srm-ready", "");
    });
    return { waits: true };
  });
})(window.srm);
