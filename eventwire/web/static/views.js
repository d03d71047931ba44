/* eventwire dashboard: the three drawn views, the actor network, the timeline and the map. */
(function () {
  "use strict";
  const EW = window.EW;
  const { h, s, clear } = EW;

  /* ---------------- actor network ---------------- */
  const NET_W = 640, NET_H = 440, MAX_EDGES = 120;

  /** Fruchterman-Reingold from a fixed start, so the same data draws the same picture;
   * the result is stretched to fill the box [x, y, w, h]. */
  function force(nodes, edges, [bx, by, bw, bh]) {
    const n = nodes.length;
    if (n === 1) { nodes[0].x = bx + bw / 2; nodes[0].y = by + bh / 2; return; }
    const W = 600, H = 400, k = Math.sqrt((W * H) / n) * 0.8;
    nodes.forEach((v, i) => {
      const a = (2 * Math.PI * i) / n;
      v.x = W / 2 + (W / 3) * Math.cos(a);
      v.y = H / 2 + (H / 3) * Math.sin(a);
    });
    let temp = W / 8;
    for (let it = 0; it < 300; it++) {
      for (const v of nodes) { v.dx = 0; v.dy = 0; }
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(Math.hypot(dx, dy), 0.01), f = (k * k) / d;
        dx /= d; dy /= d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
      for (const e of edges) {
        const a = e.from, b = e.to;
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.01), f = (d * d) / k;
        a.dx -= (dx / d) * f; a.dy -= (dy / d) * f; b.dx += (dx / d) * f; b.dy += (dy / d) * f;
      }
      for (const v of nodes) {
        v.dx += (W / 2 - v.x) * 0.02; v.dy += (H / 2 - v.y) * 0.02;
        const d = Math.max(Math.hypot(v.dx, v.dy), 0.01), step = Math.min(d, temp);
        v.x += (v.dx / d) * step;
        v.y += (v.dy / d) * step;
      }
      temp = Math.max(1, temp * 0.985);
    }
    const xs = nodes.map((v) => v.x), ys = nodes.map((v) => v.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (const v of nodes) {
      v.x = x1 - x0 > 1 ? bx + ((v.x - x0) / (x1 - x0)) * bw : bx + bw / 2;
      v.y = y1 - y0 > 1 ? by + ((v.y - y0) / (y1 - y0)) * bh : by + bh / 2;
    }
  }

  /** Groups of actors linked to one another, largest first. */
  function components(nodes, edges) {
    const parent = new Map(nodes.map((v) => [v, v]));
    const find = (v) => { while (parent.get(v) !== v) v = parent.get(v); return v; };
    for (const e of edges) parent.set(find(e.from), find(e.to));
    const groups = new Map();
    for (const v of nodes) {
      const root = find(v);
      if (!groups.has(root)) groups.set(root, []);
      groups.get(root).push(v);
    }
    return [...groups.values()].sort((a, b) => b.length - a.length);
  }

  /** Each group is laid out on its own in a box of the frame's shape and area ~ size; the
   * boxes are packed in rows, so small separate groups neither drift to the walls nor crowd the big one. */
  function layout(nodes, edges) {
    const ratio = NET_W / NET_H;
    const groups = components(nodes, edges).map((g) => ({ nodes: g, side: Math.sqrt(g.length) }));
    // Try each row width that ends a row at a group's edge; keep the one that draws largest.
    const pack = (rowWidth) => {
      let x = 0, y = 0, rowH = 0, width = 0;
      const at = groups.map((g) => {
        if (x > 0 && x + g.side * ratio > rowWidth + 1e-9) { x = 0; y += rowH; rowH = 0; }
        const pos = [x, y];
        x += g.side * ratio; rowH = Math.max(rowH, g.side); width = Math.max(width, x);
        return pos;
      });
      const height = y + rowH;
      return { at, width, height, scale: Math.min((NET_W - 40) / width, (NET_H - 30) / height) };
    };
    let best = null, run = 0;
    for (const g of groups) {
      run += g.side * ratio;
      const p = pack(run);
      if (!best || p.scale > best.scale) best = p;
    }
    const { width, height, scale } = best;
    groups.forEach((g, i) => { g.at = best.at[i]; });
    const ox = (NET_W - width * scale) / 2, oy = (NET_H - height * scale) / 2;
    for (const g of groups) {
      const hh = g.side * scale, ww = hh * ratio, pad = g.nodes.length > 1 ? hh * 0.12 : 0;
      const members = new Set(g.nodes);
      force(g.nodes, edges.filter((e) => members.has(e.from)),
        [ox + g.at[0] * scale + pad, oy + g.at[1] * scale + pad, ww - 2 * pad, hh - 2 * pad]);
    }
  }

  function edgeColor(e) {
    const total = e.cooperation + e.conflict;
    if (!total) return EW.MIXED;
    const share = e.cooperation / total;
    return share >= 0.6 ? EW.COOP : share <= 0.4 ? EW.CONFLICT : EW.MIXED;
  }

  EW.drawNetwork = async function (box, state, onEdge, onActor) {
    const [rels, actors] = await Promise.all([
      EW.source.get("relations", EW.params(state, { limit: MAX_EDGES })),
      EW.source.get("actors", EW.params(state, { limit: 200 })),
    ]);
    clear(box);
    const top = rels.slice().sort((a, b) => b.events - a.events).slice(0, MAX_EDGES);
    if (!top.length) { box.append(h("p", { class: "empty" }, "No actor pairs match these filters.")); return; }
    const activity = new Map(actors.map((a) => [a.actor_key, a.events]));
    const nodes = new Map();
    const node = (key, name, country) => {
      if (!nodes.has(key)) nodes.set(key, { key, name, country, events: activity.get(key) || 0, degree: 0 });
      return nodes.get(key);
    };
    const edges = top.filter((r) => r.source_key !== r.target_key).map((r) => ({
      ...r, from: node(r.source_key, r.source_name, r.source_country), to: node(r.target_key, r.target_name, r.target_country),
    }));
    for (const e of edges) { e.from.degree += e.events; e.to.degree += e.events; }
    const list = [...nodes.values()];
    list.forEach((v) => { v.events = v.events || v.degree; });
    layout(list, edges);
    const maxN = Math.max(...list.map((v) => v.events), 1), maxE = Math.max(...edges.map((e) => e.events), 1);
    const radius = (v) => 5 + 16 * Math.sqrt(v.events / maxN);
    const pairs = new Set(edges.map((e) => e.source_key + "\u0001" + e.target_key));

    const svg = s("svg", { viewBox: `0 0 ${NET_W} ${NET_H}`, class: "network", role: "img",
      "aria-label": "actor network" });
    const defs = s("defs");
    for (const [id, color] of [["coop", EW.COOP], ["conflict", EW.CONFLICT], ["mixed", EW.MIXED]]) {
      defs.append(s("marker", { id: "arrow-" + id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 5,
        markerHeight: 5, orient: "auto-start-reverse" }, s("path", { d: "M0 0L10 5L0 10z", fill: color })));
    }
    svg.append(defs);
    const edgeLayer = s("g", { class: "edges" }), nodeLayer = s("g", { class: "nodes" });
    for (const e of edges) {
      const color = edgeColor(e);
      const marker = color === EW.COOP ? "coop" : color === EW.CONFLICT ? "conflict" : "mixed";
      const { x: x1, y: y1 } = e.from, { x: x2, y: y2 } = e.to;
      const d = Math.max(Math.hypot(x2 - x1, y2 - y1), 1), ux = (x2 - x1) / d, uy = (y2 - y1) / d;
      // Bend pairs that run both ways so the two arrows stay apart.
      const bend = pairs.has(e.target_key + "\u0001" + e.source_key) ? 0.18 * d : 0.06 * d;
      const sx = x1 + ux * radius(e.from), sy = y1 + uy * radius(e.from);
      const tx = x2 - ux * (radius(e.to) + 3), ty = y2 - uy * (radius(e.to) + 3);
      const cx = (sx + tx) / 2 - uy * bend, cy = (sy + ty) / 2 + ux * bend;
      const width = 1 + 4 * Math.log1p(e.events) / Math.log1p(maxE);
      const path = `M${sx.toFixed(1)} ${sy.toFixed(1)}Q${cx.toFixed(1)} ${cy.toFixed(1)} ${tx.toFixed(1)} ${ty.toFixed(1)}`;
      const title = `${e.source_name} → ${e.target_name}: ${e.events} event(s), ` +
        `${e.cooperation} cooperation, ${e.conflict} conflict`;
      const pick = () => {
        for (const other of edgeLayer.querySelectorAll(".edge.selected")) other.classList.remove("selected");
        g.classList.add("selected");
        onEdge(e);
      };
      const g = s("g", { class: "edge", "data-source": e.source_key, "data-target": e.target_key, tabindex: 0,
        onclick: pick, onkeydown: (ev) => { if (ev.key === "Enter") pick(); } },
      s("title", { text: title }),
      s("path", { d: path, class: "hit" }),
      s("path", { d: path, class: "line", stroke: color, "stroke-width": width.toFixed(1),
        "marker-end": `url(#arrow-${marker})` }));
      edgeLayer.append(g);
    }
    for (const v of list) {
      const r = radius(v);
      nodeLayer.append(s("g", { class: "node", "data-key": v.key, transform: `translate(${v.x.toFixed(1)},${v.y.toFixed(1)})`,
        onclick: () => onActor(v.key), tabindex: 0, onkeydown: (ev) => { if (ev.key === "Enter") onActor(v.key); } },
      s("title", { text: `${v.name}${v.country ? " (" + v.country + ")" : ""}: ${v.events} event(s)` }),
      s("circle", { r: r.toFixed(1) }),
      // Labels of nodes on the right go to their left, so none runs off the picture.
      s("text", { x: (v.x > NET_W * 0.62 ? -(r + 3) : r + 3).toFixed(1), y: 4,
        "text-anchor": v.x > NET_W * 0.62 ? "end" : "start" }, v.name.length > 24 ? v.name.slice(0, 23) + "…" : v.name)));
    }
    svg.append(edgeLayer, nodeLayer);
    box.append(svg, h("p", { class: "legend" },
      h("span", { class: "sw", style: `background:${EW.COOP}` }), " mostly cooperation  ",
      h("span", { class: "sw", style: `background:${EW.CONFLICT}` }), " mostly conflict  ",
      h("span", { class: "sw", style: `background:${EW.MIXED}` }), " mixed · node size: events · click a line for its evidence"));
  };

  /* ---------------- timeline with a brush ---------------- */
  const TL_W = 960, TL_H = 150, TL_PAD = { l: 36, r: 8, t: 8, b: 22 };
  const DAY = 86400000;
  const toDay = (EW.toDay = (iso) => Date.parse(iso.slice(0, 10) + "T00:00:00Z"));
  EW.DAY = DAY;
  const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

  /** The bin size that keeps a span of days readable: days, weeks past 150 days, months past two years. */
  EW.binFor = (items) => {
    if (!items.length) return "day";
    const span = (toDay(items[items.length - 1].period) - toDay(items[0].period)) / DAY;
    return span > 730 ? "month" : span > 150 ? "week" : "day";
  };

  EW.rebin = function rebin(items, interval) {
    const key = (iso) => {
      if (interval === "month") return iso.slice(0, 7) + "-01";
      if (interval === "week") { const t = new Date(toDay(iso)); t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7)); return isoDay(t); }
      return iso.slice(0, 10);
    };
    const acc = new Map();
    for (const it of items) {
      const k = key(it.period);
      const e = acc.get(k) || { period: k, 1: 0, 2: 0, 3: 0, 4: 0, total: 0 };
      e[it.quad_class] += it.events; e.total += it.events;
      acc.set(k, e);
    }
    return [...acc.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  };

  EW.drawTimeline = async function (box, state, onPeriod) {
    // The timeline keeps the whole span in view (no period filter) so the brush can move.
    const ts = await EW.source.get("timeseries", EW.params(state, { interval: "day" }, ["since", "until"]));
    clear(box);
    if (!ts.items.length) { box.append(h("p", { class: "empty" }, "No dated events match these filters.")); return; }
    const interval = EW.binFor(ts.items);
    const step = interval === "month" ? 31 * DAY : interval === "week" ? 7 * DAY : DAY;
    const bins = EW.rebin(ts.items, interval);
    const x0 = toDay(bins[0].period), x1 = toDay(bins[bins.length - 1].period) + step;
    const iw = TL_W - TL_PAD.l - TL_PAD.r, ih = TL_H - TL_PAD.t - TL_PAD.b;
    const X = (t) => TL_PAD.l + ((t - x0) / (x1 - x0)) * iw;
    const maxY = Math.max(...bins.map((b) => b.total), 1);
    const Y = (v) => TL_PAD.t + ih - (v / maxY) * ih;
    const svg = s("svg", { viewBox: `0 0 ${TL_W} ${TL_H}`, class: "timeline", role: "img", "aria-label": "events over time" });
    const bw = Math.max(1, (step / (x1 - x0)) * iw - 1);
    const bars = s("g", { class: "bars" });
    for (const b of bins) {
      let y = 0;
      for (const q of [1, 2, 3, 4]) {
        if (!b[q]) continue;
        bars.append(s("rect", { x: X(toDay(b.period)).toFixed(1), y: Y(y + b[q]).toFixed(1), width: bw.toFixed(1),
          height: (Y(y) - Y(y + b[q])).toFixed(1), fill: EW.QUAD_COLOR[q] },
        s("title", { text: `${b.period}: ${b[q]} ${EW.QUAD[q]}` })));
        y += b[q];
      }
    }
    svg.append(s("line", { x1: TL_PAD.l, x2: TL_W - TL_PAD.r, y1: Y(0), y2: Y(0), class: "axis" }),
      s("text", { x: TL_PAD.l - 4, y: Y(maxY) + 8, class: "tick", "text-anchor": "end" }, EW.fmt(maxY)),
      s("text", { x: TL_PAD.l - 4, y: Y(0), class: "tick", "text-anchor": "end" }, "0"), bars);
    const ticks = Math.min(bins.length, 7);
    let lastX = -Infinity;
    for (let i = 0; i < ticks; i++) {
      const b = bins[ticks === 1 ? 0 : Math.round((i * (bins.length - 1)) / (ticks - 1))];
      const x = X(toDay(b.period)) + bw / 2;
      if (x - lastX < 80) continue; // bins far apart in time can sit close on the axis
      lastX = x;
      const anchor = x < TL_PAD.l + 30 ? "start" : x > TL_W - 40 ? "end" : "middle";
      svg.append(s("text", { x: x.toFixed(1), y: TL_H - 6, class: "tick", "text-anchor": anchor },
        interval === "month" ? b.period.slice(0, 7) : b.period));
    }
    // The brush: drag across the chart to pick a period; the selection is the period filter.
    const sel = s("rect", { class: "brush", y: TL_PAD.t, height: ih, x: 0, width: 0, visibility: "hidden" });
    const showSel = (a, b) => {
      const lo = Math.max(TL_PAD.l, Math.min(a, b)), hi = Math.min(TL_W - TL_PAD.r, Math.max(a, b));
      sel.setAttribute("x", lo); sel.setAttribute("width", Math.max(hi - lo, 1)); sel.setAttribute("visibility", "visible");
    };
    if (state.since || state.until) {
      showSel(X(state.since ? toDay(state.since) : x0), X(state.until ? toDay(state.until) + DAY : x1));
    }
    const overlay = s("rect", { class: "overlay", x: TL_PAD.l, y: TL_PAD.t, width: iw, height: ih });
    const svgX = (ev) => {
      const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
    };
    let start = null;
    overlay.addEventListener("pointerdown", (ev) => { start = svgX(ev); overlay.setPointerCapture(ev.pointerId); showSel(start, start); });
    overlay.addEventListener("pointermove", (ev) => { if (start !== null) showSel(start, svgX(ev)); });
    overlay.addEventListener("pointerup", (ev) => {
      if (start === null) return;
      const end = svgX(ev), a = Math.min(start, end), b = Math.max(start, end);
      start = null;
      if (b - a < 3) return;
      const t = (px) => x0 + ((px - TL_PAD.l) / iw) * (x1 - x0);
      onPeriod(isoDay(Math.max(t(a), x0)), isoDay(Math.min(t(b), x1 - DAY)));
    });
    svg.append(sel, overlay);
    const legend = h("p", { class: "legend" }, `${interval === "day" ? "per day" : "per " + interval} · drag to pick a period · `,
      ...[1, 2, 3, 4].map((q) => h("span", {}, h("span", { class: "sw", style: `background:${EW.QUAD_COLOR[q]}` }), " " + EW.QUAD[q] + " ")));
    box.append(svg, legend);
  };

  /* ---------------- map with clustered places ---------------- */
  let outlines = null;
  const RATIO = 1.5; // the map's width over its height, as in app.css

  function cluster(places, radius) {
    const clusters = [];
    for (const p of places.slice().sort((a, b) => b.events - a.events)) {
      const x = p.lon + 180, y = 90 - p.lat;
      const c = clusters.find((k) => Math.hypot(k.x - x, k.y - y) < radius);
      if (c) { c.places.push(p); c.events += p.events; }
      else clusters.push({ x, y, places: [p], events: p.events });
    }
    return clusters;
  }

  EW.drawMap = async function (box, state, onCountry) {
    const [shapes, places] = await Promise.all([
      outlines ? Promise.resolve(outlines) : EW.source.outlines(), EW.source.get("places", EW.params(state)),
    ]);
    outlines = shapes;
    clear(box);
    let view = fit(places);
    const svg = s("svg", { class: "map", role: "img", "aria-label": "map of located events", preserveAspectRatio: "xMidYMid meet" });
    const land = s("g", { class: "land" });
    for (let lon = -180; lon <= 180; lon += 30) land.append(s("line", { class: "grat", x1: lon + 180, x2: lon + 180, y1: 0, y2: 180 }));
    for (let lat = -60; lat <= 60; lat += 30) land.append(s("line", { class: "grat", x1: 0, x2: 360, y1: 90 - lat, y2: 90 - lat }));
    for (const c of shapes.countries) {
      land.append(s("path", { d: c.d, class: "country" + (c.iso3 === state.country ? " selected" : ""), "data-iso3": c.iso3,
        onclick: () => onCountry(c.iso3) }, s("title", { text: `${c.name} (${c.iso3}) · click to filter` })));
    }
    const dots = s("g", { class: "clusters" });
    svg.append(land, dots);
    const draw = () => {
      svg.setAttribute("viewBox", view.join(" "));
      clear(dots);
      const w = view[2], reach = w / 22, found = cluster(places, reach);
      const maxE = Math.max(...found.map((c) => c.events), 1);
      for (const c of found) {
        // At most half the clustering distance, so two clusters never overlap.
        const r = (reach / 2) * (0.5 + 0.5 * Math.sqrt(c.events / maxE));
        const label = EW.short(c.events);
        const names = c.places.slice(0, 8).map((p) => `${p.name}: ${p.events}`).join("\n");
        dots.append(s("g", { class: "cluster", "data-places": c.places.length,
          onclick: () => { if (c.places.length > 1) { view = zoomTo(c, w / 3); draw(); } } },
        s("title", { text: names + (c.places.length > 8 ? `\n… ${c.places.length - 8} more places` : "") }),
        s("circle", { cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: r.toFixed(2) }),
        c.events > 1 ? s("text", { x: c.x.toFixed(2), y: (c.y + r * 0.35).toFixed(2),
          "font-size": Math.min(r * 0.9, (2.6 * r) / label.length).toFixed(2) }, label) : null));
      }
    };
    const zoom = (f) => {
      const [x, y, w, hh] = view, cx = x + w / 2, cy = y + hh / 2;
      const nw = Math.min(360, Math.max(4, w * f)), nh = nw / RATIO;
      view = [cx - nw / 2, cy - nh / 2, nw, nh]; draw();
    };
    draw();
    box.append(svg, h("p", { class: "legend" },
      h("button", { type: "button", onclick: () => zoom(0.6), title: "zoom in" }, "+"),
      h("button", { type: "button", onclick: () => zoom(1 / 0.6), title: "zoom out" }, "−"),
      h("button", { type: "button", onclick: () => { view = fit(places); draw(); } }, "fit"),
      ` ${EW.fmt(places.length)} place(s) · circles merge nearby places · click a country to filter · `,
      h("span", { class: "source" }, "outlines: Natural Earth")));
  };

  function fit(places) {
    if (!places.length) return [0, 90 - 180 / RATIO, 360, 360 / RATIO];
    const xs = places.map((p) => p.lon + 180), ys = places.map((p) => 90 - p.lat);
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    let w = Math.max(x1 - x0, 16) * 1.3, hh = Math.max(y1 - y0, 8) * 1.3;
    if (w < hh * RATIO) w = hh * RATIO; else hh = w / RATIO;
    if (w > 360) { w = 360; hh = 360 / RATIO; }
    return [(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - hh / 2, w, hh];
  }
  function zoomTo(c, w) { return [c.x - w / 2, c.y - w / RATIO / 2, w, w / RATIO]; }
})();
