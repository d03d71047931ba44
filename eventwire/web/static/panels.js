/* eventwire dashboard: the filter bar, the events table, the detail panel, and start-up. */
(function () {
  "use strict";
  const EW = window.EW;
  const { h, s, clear } = EW;
  const PAGE = 25;
  const $ = (id) => document.getElementById(id);

  /* ---------------- filter bar ---------------- */
  function fillForm(state) {
    const form = $("filters");
    for (const k of ["since", "until", "country", "actor", "text"]) form.elements[k].value = state[k] || "";
    for (const box of form.querySelectorAll("input[name=type]")) box.checked = state.type.includes(box.value);
    $("type-count").textContent = state.type.length ? state.type.join(", ") : "all types";
  }

  function formState() {
    const form = $("filters");
    const v = (k) => form.elements[k].value.trim();
    return { since: v("since"), until: v("until"), country: v("country").toUpperCase(), actor: v("actor"), text: v("text"),
      type: [...form.querySelectorAll("input[name=type]:checked")].map((b) => b.value) };
  }

  function buildForm() {
    const form = $("filters");
    const types = $("types");
    for (const t of EW.TYPES) types.append(h("label", {}, h("input", { type: "checkbox", name: "type", value: t }), " " + t.toLowerCase()));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); EW.writeState(formState()); });
    $("clear").addEventListener("click", () => EW.writeState({ type: [] }));
  }

  /* ---------------- side panel: an edge's events, one event, or an actor ---------------- */
  function panel(title, ...body) {
    const box = clear($("panel"));
    box.append(h("h2", {}, title), ...body);
    box.scrollTop = 0;
    return box;
  }

  function evidenceItem(row) {
    return h("li", { class: "evidence-item", "data-event": row.event_id },
      h("div", { class: "meta" }, h("span", { class: "chip q" + row.quad_class }, row.event_type), " ",
        row.date || "undated", " · ", EW.actorsText(row.source), " → ", EW.actorsText(row.target),
        row.location_name ? " · " + row.location_name : ""),
      h("blockquote", {}, EW.evidence(row)),
      h("div", { class: "meta" }, EW.articleLink(row), " ",
        h("button", { type: "button", class: "link", onclick: () => showEvent(row.event_id) }, "all reports")));
  }

  async function showEdge(edge) {
    const state = EW.readState();
    const params = EW.params(state, { source: edge.source_key, target: edge.target_key, limit: 50 });
    const box = panel(`${edge.source_name} → ${edge.target_name}`, h("p", { class: "muted" }, "loading…"));
    box.dataset.edge = edge.source_key + "→" + edge.target_key;
    try {
      const page = await EW.source.get("events", params);
      clear(box).append(h("h2", {}, `${edge.source_name} → ${edge.target_name}`),
        h("p", { class: "muted" }, `${EW.fmt(page.total)} event(s): ${edge.cooperation} cooperation, ${edge.conflict} conflict` +
          (page.total > page.items.length ? `; the latest ${page.items.length} are shown` : "")),
        h("ul", { class: "evidence-list" }, page.items.map(evidenceItem)));
    } catch (err) { box.append(h("p", { class: "error" }, err.message)); }
  }

  async function showEvent(id) {
    const box = panel("Event", h("p", { class: "muted" }, "loading…"));
    try {
      const ev = await EW.source.get("events/" + encodeURIComponent(id));
      const mentions = (ev.mentions && ev.mentions.length ? ev.mentions : [ev]).map((m) =>
        h("li", {}, h("blockquote", {}, EW.evidence({ ...m, source: ev.source, target: ev.target })),
          h("div", { class: "meta" }, m.published || "", " ", EW.articleLink(m))));
      clear(box).append(h("h2", {}, `${ev.event_type}: ${EW.actorsText(ev.source)} → ${EW.actorsText(ev.target)}`),
        h("dl", { class: "facts" }, [
          ["date", ev.date], ["CAMEO", ev.cameo], ["quad class", EW.QUAD[ev.quad_class]], ["Goldstein", ev.goldstein],
          ["status", ev.status], ["place", ev.location_name && `${ev.location_name} (${ev.location_country || "?"})`],
          ["reports", ev.num_mentions]].filter(([, v]) => v !== null && v !== undefined && v !== "")
          .flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))])),
        h("h3", {}, "Evidence"), h("ul", { class: "evidence-list" }, mentions));
    } catch (err) { box.append(h("p", { class: "error" }, err.message)); }
  }

  async function showActor(key) {
    const state = EW.readState();
    const box = panel("Actor", h("p", { class: "muted" }, "loading…"));
    box.dataset.actor = key;
    try {
      const prof = await EW.source.get("actors/" + encodeURIComponent(key), EW.params(state, { interval: "day" }, ["actor"]));
      const a = prof.actor;
      const maxP = Math.max(...prof.partners.map((p) => p.events), 1);
      const bar = (n, cls) => h("span", { class: "bar " + cls, style: `width:${(40 * n) / maxP}px`, title: String(n) });
      const rows = prof.partners.slice(0, 30).map((p) => h("tr", {},
        h("td", {}, h("button", { type: "button", class: "link", onclick: () => showActor(p.key) }, p.name)),
        h("td", { class: "num" }, p.cooperation ? bar(p.cooperation, "coop") : null, " ", String(p.cooperation)),
        h("td", { class: "num" }, p.conflict ? bar(p.conflict, "conflict") : null, " ", String(p.conflict)),
        h("td", { class: "num", title: "events it started / received" }, `${p.outgoing} / ${p.incoming}`)));
      clear(box).append(h("h2", {}, a.name, a.country ? ` (${a.country})` : ""),
        h("p", { class: "muted" }, `${EW.fmt(a.events)} event(s): ${a.as_source} as source, ${a.as_target} as target` +
          (a.mean_goldstein !== null ? `; mean Goldstein ${a.mean_goldstein}` : "")),
        h("p", {}, h("button", { type: "button", onclick: () => EW.writeState({ ...state, actor: key }) }, "filter all views by this actor")),
        h("h3", {}, "Over time"), sparkline(prof.timeline.items),
        h("h3", {}, "Cooperates with and fights"),
        rows.length ? h("table", { class: "partners" }, h("thead", {}, h("tr", {}, h("th", {}, "partner"),
          h("th", {}, "cooperation"), h("th", {}, "conflict"), h("th", {}, "out/in"))), h("tbody", {}, rows))
          : h("p", { class: "muted" }, "No partners under these filters."));
    } catch (err) { box.append(h("p", { class: "error" }, err.message)); }
  }

  function sparkline(items) {
    if (!items.length) return h("p", { class: "muted" }, "no dated events");
    const interval = EW.binFor(items);
    const bins = EW.rebin(items, interval);
    const periods = bins.map((b) => b.period);
    const step = (interval === "month" ? 31 : interval === "week" ? 7 : 1) * EW.DAY;
    const t0 = EW.toDay(periods[0]), t1 = EW.toDay(periods[periods.length - 1]) + step;
    const W = 320, H = 60, bw = Math.max(1, (W * step) / (t1 - t0) - 1);
    const X = (p) => (W * (EW.toDay(p) - t0)) / (t1 - t0);
    const by = new Map(bins.map((b) => [b.period, b]));
    const max = Math.max(...bins.map((b) => b.total), 1);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H + 12}`, class: "sparkline" });
    periods.forEach((p) => {
      let y = H;
      for (const q of [1, 2, 3, 4]) {
        const v = by.get(p)[q];
        if (!v) continue;
        const hh = (v / max) * H;
        y -= hh;
        svg.append(s("rect", { x: X(p).toFixed(1), y: y.toFixed(1), width: bw.toFixed(1), height: hh.toFixed(1), fill: EW.QUAD_COLOR[q] },
          s("title", { text: `${p}: ${v} ${EW.QUAD[q]}` })));
      }
    });
    const label = (p) => (interval === "month" ? p.slice(0, 7) : p);
    svg.append(s("text", { x: 0, y: H + 11, class: "tick" }, label(periods[0])),
      s("text", { x: W, y: H + 11, class: "tick", "text-anchor": "end" },
        `${label(periods[periods.length - 1])} · per ${interval}`));
    return svg;
  }

  /* ---------------- events table ---------------- */
  async function drawTable(box, state, offset) {
    const page = await EW.source.get("events", EW.params(state, { limit: PAGE, offset }));
    clear(box);
    if (!page.total) { box.append(h("p", { class: "empty" }, "No events match these filters.")); return; }
    const body = h("tbody", {}, page.items.map((r) => h("tr", { "data-event": r.event_id },
      h("td", { class: "nowrap" }, r.date || "—"),
      h("td", {}, h("span", { class: "chip q" + r.quad_class, title: EW.QUAD[r.quad_class] }, r.event_type)),
      h("td", {}, EW.actorsText(r.source), h("span", { class: "arrow" }, " → "), EW.actorsText(r.target)),
      h("td", {}, EW.evidence(r), h("div", { class: "meta" }, EW.articleLink(r), " · ",
        h("button", { type: "button", class: "link", onclick: () => showEvent(r.event_id) }, "details"))),
      h("td", {}, r.location_name || ""))));
    const last = Math.min(offset + PAGE, page.total);
    box.append(h("table", { class: "events" }, h("thead", {}, h("tr", {}, ["date", "type", "who → whom", "evidence", "place"]
      .map((c) => h("th", {}, c)))), body),
    h("p", { class: "pager" },
      h("button", { type: "button", disabled: offset === 0, onclick: () => drawTable(box, state, Math.max(0, offset - PAGE)) }, "‹ newer"),
      ` ${EW.fmt(offset + 1)}–${EW.fmt(last)} of ${EW.fmt(page.total)} `,
      h("button", { type: "button", disabled: last >= page.total, onclick: () => drawTable(box, state, offset + PAGE) }, "older ›")));
  }

  /* ---------------- start-up and refresh ---------------- */
  let generation = 0;

  async function guarded(id, draw) {
    const box = $(id);
    box.classList.add("loading");
    try { await draw(box); } catch (err) { clear(box).append(h("p", { class: "error" }, err.message)); }
    box.classList.remove("loading");
  }

  async function refresh() {
    const gen = ++generation;
    const state = EW.readState();
    fillForm(state);
    const set = (patch) => EW.writeState({ ...EW.readState(), ...patch });
    await Promise.all([
      guarded("network", (box) => EW.drawNetwork(box, state, showEdge, showActor)),
      guarded("timeline", (box) => EW.drawTimeline(box, state, (since, until) => set({ since, until }))),
      guarded("map", (box) => EW.drawMap(box, state, (country) => set({ country: country === state.country ? "" : country }))),
      guarded("table", (box) => drawTable(box, state, 0)),
    ]);
    if (gen !== generation) return;
    if (state.actor && !$("panel").dataset.actor) showActor(state.actor);
    document.documentElement.dataset.drawn = String(gen);
    if (gen === 1) {
      performance.mark("eventwire-drawn");
      EW.firstDrawnMs = performance.now();
    }
  }

  EW.showEdge = showEdge;
  EW.showActor = showActor;
  EW.showEvent = showEvent;

  document.addEventListener("DOMContentLoaded", () => {
    buildForm();
    if (EW.report) {
      const f = EW.report.fixed;
      $("subtitle").textContent = `report: ${f.country || "all countries"}, ${f.since || "start"} to ${f.until || "now"} · ` +
        `${EW.fmt(EW.report.events.length)} events · written ${EW.report.generated}`;
    }
    window.addEventListener("hashchange", () => { delete $("panel").dataset.actor; refresh(); });
    refresh();
  });
})();
