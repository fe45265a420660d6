/* argmap report: diagram <-> outline links, pan and zoom, search, filters.
   Plain JavaScript, no library, nothing loaded from anywhere. */
(function () {
  "use strict";
  var doc = document;
  var outline = doc.getElementById("outline");
  var diagram = doc.getElementById("diagram");
  var svg = diagram ? diagram.querySelector("svg") : null;
  var search = doc.getElementById("search");
  var kindFilter = doc.getElementById("kind-filter");
  var status = doc.getElementById("filter-status");
  var noMatch = doc.getElementById("no-match");
  var entries = Array.prototype.slice.call(outline.querySelectorAll("li.entry"));
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function clearClass(root, name) { each(root.querySelectorAll("." + name), function (el) { el.classList.remove(name); }); }
  function openAncestors(el) {
    for (var p = el.parentElement; p; p = p.parentElement) { if (p.tagName === "DETAILS") { p.open = true; } }
  }

  /* ---------------------------------------------------------- outline side */
  function highlightEntry(id) {
    var entry = doc.getElementById("entry-" + id);
    if (!entry) { return null; }
    if (entry.hidden) { resetFilters(); }
    clearClass(outline, "is-highlighted");
    openAncestors(entry);
    entry.classList.add("is-highlighted");
    var summary = entry.querySelector("summary");
    if (summary) { summary.focus({ preventScroll: true }); }
    entry.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "instant" });
    return entry;
  }

  /* ---------------------------------------------------------- diagram side */
  var base = null, view = null;
  function svgNode(id) {
    var el = svg ? doc.getElementById("node-" + id) : null;
    return el && svg.contains(el) ? el : null;
  }
  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" "));
  }
  function fitView() {
    var box = diagram.getBoundingClientRect();
    var o = base, cw = box.width || 1, ch = box.height || 1;
    var w = o.w, h = o.h;
    if (o.w / o.h > cw / ch) { h = o.w * ch / cw; } else { w = o.h * cw / ch; }
    setView({ x: o.x - (w - o.w) / 2, y: o.y - (h - o.h) / 2, w: w, h: h });
  }
  /* Fit the whole map, unless its labels would be too small to read: then
     start at a readable scale on the first entry of the outline. */
  function initialView() {
    fitView();
    var box = diagram.getBoundingClientRect();
    var scale = box.width / view.w;
    var first = outline.querySelector("li.entry[data-node]");
    var el = first ? svgNode(first.getAttribute("data-node")) : null;
    if (scale >= 0.45 || !el) { return; }
    var readable = 0.75;
    setView({ x: view.x, y: view.y, w: box.width / readable, h: box.height / readable });
    centreOn(el);
  }
  function toView(clientX, clientY) {
    var box = diagram.getBoundingClientRect();
    return { x: view.x + (clientX - box.left) * view.w / box.width, y: view.y + (clientY - box.top) * view.h / box.height };
  }
  function zoom(factor, at) {
    var c = at || { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    var w = Math.min(Math.max(view.w / factor, base.w / 40), base.w * 8);
    var f = view.w / w;
    setView({ x: c.x - (c.x - view.x) / f, y: c.y - (c.y - view.y) / f, w: w, h: view.h / f });
  }
  function pan(dx, dy) { setView({ x: view.x + dx, y: view.y + dy, w: view.w, h: view.h }); }
  function centreOn(el) {
    var r = el.getBoundingClientRect();
    var c = toView(r.left + r.width / 2, r.top + r.height / 2);
    var size = toView(r.right, r.bottom);
    if (size.x - c.x > view.w / 3 || size.y - c.y > view.h / 3) { fitView(); c = toView(r.left + r.width / 2, r.top + r.height / 2); }
    setView({ x: c.x - view.w / 2, y: c.y - view.h / 2, w: view.w, h: view.h });
  }
  function highlightNode(id, centre) {
    if (!svg) { return null; }
    clearClass(svg, "is-active");
    var el = svgNode(id);
    if (!el) { return null; }
    el.classList.add("is-active");
    if (centre) { centreOn(el); }
    return el;
  }

  if (svg) {
    var vb = (svg.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
    if (vb.length !== 4 || vb.some(isNaN)) {
      var bb = svg.getBBox();
      vb = [bb.x, bb.y, bb.width || 1, bb.height || 1];
    }
    base = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    svg.setAttribute("focusable", "false");
    initialView();
    window.addEventListener("resize", fitView);

    each(svg.querySelectorAll("g[id^='node-']"), function (g) {
      var id = g.id.slice(5);
      var title = g.querySelector("title");
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", "Node " + id + (title && title.textContent !== id ? ": " + title.textContent : "") + ". Show in the outline");
    });

    var drag = null, moved = false;
    diagram.addEventListener("pointerdown", function (ev) {
      if (ev.button !== 0) { return; }
      drag = { x: ev.clientX, y: ev.clientY, view: view };
      moved = false;
    });
    diagram.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
      if (!moved) { moved = true; diagram.classList.add("dragging"); diagram.setPointerCapture(ev.pointerId); }
      var box = diagram.getBoundingClientRect();
      setView({ x: drag.view.x - dx * view.w / box.width, y: drag.view.y - dy * view.h / box.height, w: view.w, h: view.h });
    });
    function endDrag() { drag = null; diagram.classList.remove("dragging"); }
    diagram.addEventListener("pointerup", endDrag);
    diagram.addEventListener("pointercancel", endDrag);
    diagram.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      zoom(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), toView(ev.clientX, ev.clientY));
    }, { passive: false });
    function activate(target) {
      var g = target.closest ? target.closest("g[id^='node-']") : null;
      if (!g || !svg.contains(g)) { return false; }
      var id = g.id.slice(5);
      highlightNode(id, false);
      highlightEntry(id);
      return true;
    }
    svg.addEventListener("click", function (ev) {
      if (moved) { moved = false; return; }
      activate(ev.target);
    });
    diagram.addEventListener("keydown", function (ev) {
      var step = 0.1, k = ev.key;
      if ((k === "Enter" || k === " ") && ev.target !== diagram) { if (activate(ev.target)) { ev.preventDefault(); } return; }
      if (k === "+" || k === "=") { zoom(1.25); } else if (k === "-" || k === "_") { zoom(0.8); } else if (k === "0") { fitView(); }
      else if (k === "ArrowLeft") { pan(-view.w * step, 0); } else if (k === "ArrowRight") { pan(view.w * step, 0); }
      else if (k === "ArrowUp") { pan(0, -view.h * step); } else if (k === "ArrowDown") { pan(0, view.h * step); }
      else { return; }
      ev.preventDefault();
    });
    doc.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
    doc.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
    doc.getElementById("zoom-reset").addEventListener("click", fitView);
  }

  outline.addEventListener("click", function (ev) {
    var button = ev.target.closest("button.locate");
    if (button) {
      var id = button.getAttribute("data-node");
      clearClass(outline, "is-highlighted");
      button.closest("li.entry").classList.add("is-highlighted");
      var el = highlightNode(id, true);
      var box = diagram ? diagram.getBoundingClientRect() : null;
      if (el && (box.bottom < 0 || box.top > window.innerHeight)) { diagram.scrollIntoView({ block: "start" }); }
      return;
    }
    var link = ev.target.closest("a.ref-link");
    if (link) {
      ev.preventDefault();
      var target = link.getAttribute("data-node");
      highlightEntry(target);
      highlightNode(target, false);
    }
  });

  /* ---------------------------------------------------------- search, filters */
  var childrenOf = new Map();
  entries.forEach(function (li) {
    childrenOf.set(li, Array.prototype.slice.call(li.querySelectorAll(":scope > details > ul > li.entry")));
  });
  var parts = Array.prototype.slice.call(outline.querySelectorAll("section.part[data-part]"));

  function applyFilters() {
    var q = search.value.trim().toLowerCase();
    var kind = kindFilter.value;
    var active = q !== "" || kind !== "";
    var matches = 0;
    for (var i = entries.length - 1; i >= 0; i--) {
      var li = entries[i];
      var self = (!q || li.getAttribute("data-search").indexOf(q) !== -1) && (!kind || li.getAttribute("data-kind") === kind);
      var kids = childrenOf.get(li).some(function (c) { return !c.hidden; });
      li.hidden = active && !self && !kids;
      li.classList.toggle("is-match", active && self);
      if (active && self && !li.classList.contains("ref")) { matches++; }
      if (active && kids) { var d = li.querySelector(":scope > details"); if (d) { d.open = true; } }
    }
    parts.forEach(function (part) { part.hidden = !part.querySelector(":scope > ul > li.entry:not([hidden])"); });
    noMatch.hidden = !active || matches > 0;
    var total = entries.filter(function (li) { return !li.classList.contains("ref"); }).length;
    status.textContent = active ? matches + " of " + total + " entries match" : total + " entries";
  }
  function resetFilters() { search.value = ""; kindFilter.value = ""; applyFilters(); }
  search.addEventListener("input", applyFilters);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { resetFilters(); } });
  kindFilter.addEventListener("change", applyFilters);
  function setAll(open) { each(outline.querySelectorAll("li.entry > details"), function (d) { d.open = open; }); }
  doc.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
  doc.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });

  /* ---------------------------------------------------------- print */
  var saved = null;
  window.addEventListener("beforeprint", function () {
    saved = Array.prototype.map.call(outline.querySelectorAll("details"), function (d) { return [d, d.open]; });
    setAll(true);
    if (svg) { saved.view = view; setView(base); }
  });
  window.addEventListener("afterprint", function () {
    if (!saved) { return; }
    saved.forEach(function (pair) { pair[0].open = pair[1]; });
    if (svg && saved.view) { setView(saved.view); }
    saved = null;
  });

  applyFilters();
})();
