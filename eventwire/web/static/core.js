/* eventwire dashboard: shared helpers, the filter state in the URL hash, and the data source.
 *
 * The page reads its data through EW.source.get(path, params). Served by `eventwire serve`
 * that is the JSON API; inside a report written by `eventwire report` it is a small
 * in-page engine over the inlined events, so the same views work from a file with no server.
 */
(function () {
  "use strict";
  const EW = (window.EW = window.EW || {});

  EW.TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  EW.QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  EW.QUAD_COLOR = { 1: "#74a9cf", 2: "#0570b0", 3: "#fdae6b", 4: "#d7301f" };
  EW.COOP = "#1f78b4";
  EW.CONFLICT = "#e31a1c";
  EW.MIXED = "#8c8c8c";

  const SVG_NS = "http://www.w3.org/2000/svg";

  function build(node, attrs, children) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  /** An HTML element. Text always goes in as text nodes, never as markup. */
  EW.h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
  /** An SVG element. */
  EW.s = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);
  EW.clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); return node; };
  EW.fmt = (n) => Number(n).toLocaleString("en");
  /** 950, 9.5k, 95k, 1.2M: counts that fit inside a map circle. */
  EW.short = (n) => (n < 1000 ? String(n) : n < 1e6 ? +(n / 1e3).toFixed(n < 1e4 ? 1 : 0) + "k" : +(n / 1e6).toFixed(1) + "M");

  /* ---- filters, kept in the hash so a view can be shared as a link ---- */
  EW.FILTERS = ["since", "until", "country", "actor", "type", "text"];

  EW.readState = function () {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    return {
      since: p.get("since") || "", until: p.get("until") || "", country: p.get("country") || "",
      actor: p.get("actor") || "", text: p.get("text") || "", type: p.getAll("type").filter(Boolean),
    };
  };

  EW.writeState = function (state) {
    const p = new URLSearchParams();
    for (const k of EW.FILTERS) {
      const v = state[k];
      if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
      else if (v) p.set(k, v);
    }
    const hash = p.toString();
    if (hash !== location.hash.replace(/^#/, "")) location.hash = hash;
  };

  /** API parameters: the filters (less those named in `drop`) plus extra ones. */
  EW.params = function (state, extra, drop) {
    const p = new URLSearchParams();
    for (const k of EW.FILTERS) {
      if (drop && drop.includes(k)) continue;
      const v = state[k];
      if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
      else if (v) p.set(k, v);
    }
    for (const [k, v] of Object.entries(extra || {})) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
    return p;
  };

  /* ---- data sources ---- */
  function remoteSource() {
    return {
      async get(path, params) {
        const qs = params && String(params) ? "?" + params : "";
        const r = await fetch("api/" + path + qs, { headers: { Accept: "application/json" } });
        const body = await r.json().catch(() => ({}));
        if (!r.ok) throw new Error(typeof body.detail === "string" ? body.detail : r.status + " " + r.statusText);
        return body;
      },
      async outlines() {
        const r = await fetch("static/world.json");
        return r.ok ? r.json() : { countries: [] };
      },
    };
  }

  /* The report's engine: the store's filters and aggregations over the inlined rows. */
  function localSource(data) {
    const rows = data.events;
    const low = (x) => (x || "").toLowerCase();
    const isActor = (a, q) => low(a.key) === low(q) || low(a.name) === low(q);
    const coop = (r) => r.quad_class === 1 || r.quad_class === 2;

    function matches(r, p) {
      const actor = p.get("actor"), src = p.get("source"), tgt = p.get("target");
      if (actor && !r.source.concat(r.target).some((a) => isActor(a, actor))) return false;
      if (src && !r.source.some((a) => isActor(a, src))) return false;
      if (tgt && !r.target.some((a) => isActor(a, tgt))) return false;
      const types = p.getAll("type").flatMap((t) => t.split(",")).map((t) => t.toUpperCase());
      if (types.length && !types.includes(r.event_type)) return false;
      const quads = p.getAll("quad").map(Number);
      if (quads.length && !quads.includes(r.quad_class)) return false;
      if (p.get("since") && !(r.date && r.date >= p.get("since"))) return false;
      if (p.get("until") && !(r.date && r.date.slice(0, 10) <= p.get("until"))) return false;
      const c = (p.get("country") || "").toUpperCase();
      if (c && r.location_country !== c) return false;
      if (p.get("text") && !low(r.sentence).includes(low(p.get("text")))) return false;
      return true;
    }
    const select = (p) => rows.filter((r) => matches(r, p));

    function period(d, interval) {
      if (interval === "month") return d.slice(0, 7) + "-01";
      if (interval === "week") {
        const t = new Date(d.slice(0, 10) + "T00:00:00Z");
        t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7));
        return t.toISOString().slice(0, 10);
      }
      return d.slice(0, 10);
    }

    function relations(p) {
      const acc = new Map();
      for (const r of select(p)) for (const a of r.source) for (const b of r.target) {
        const k = a.key + "\u0001" + b.key;
        const e = acc.get(k) || { source_key: a.key, source_name: a.name, source_country: a.country,
          target_key: b.key, target_name: b.name, target_country: b.country, events: 0, mentions: 0,
          g: 0, cooperation: 0, conflict: 0 };
        e.events += 1; e.mentions += r.num_mentions || 1; e.g += r.goldstein || 0;
        if (coop(r)) e.cooperation += 1; else e.conflict += 1;
        acc.set(k, e);
      }
      return [...acc.values()].map((e) => ({ ...e, mean_goldstein: +(e.g / e.events).toFixed(2) }))
        .sort((a, b) => b.events - a.events);
    }

    function actors(p) {
      const acc = new Map();
      for (const r of select(p)) {
        const seen = new Set();
        for (const [role, list] of [["as_source", r.source], ["as_target", r.target]]) for (const a of list) {
          const e = acc.get(a.key) || { actor_key: a.key, name: a.name, country: a.country, sector: null,
            events: 0, as_source: 0, as_target: 0, g: 0 };
          e[role] += 1;
          if (!seen.has(a.key)) { e.events += 1; e.g += r.goldstein || 0; seen.add(a.key); }
          acc.set(a.key, e);
        }
      }
      return [...acc.values()].map((e) => ({ ...e, mean_goldstein: +(e.g / e.events).toFixed(2) }))
        .sort((a, b) => b.events - a.events);
    }

    function timeseries(p) {
      const interval = p.get("interval") || "day";
      const acc = new Map();
      for (const r of select(p)) {
        if (!r.date) continue;
        const k = period(r.date, interval) + "|" + r.quad_class;
        acc.set(k, (acc.get(k) || 0) + 1);
      }
      const items = [...acc.entries()].map(([k, n]) => {
        const [per, q] = k.split("|");
        return { period: per, quad_class: Number(q), events: n };
      }).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.quad_class - b.quad_class));
      return { interval, items };
    }

    function places(p) {
      const acc = new Map();
      for (const r of select(p)) {
        if (r.lat === null || r.lon === null || r.lat === undefined) continue;
        const k = [r.location_name, r.lat, r.lon].join("|");
        const e = acc.get(k) || { name: r.location_name, country: r.location_country, lat: r.lat, lon: r.lon, events: 0 };
        e.events += 1;
        acc.set(k, e);
      }
      return [...acc.values()].sort((a, b) => b.events - a.events);
    }

    function profile(key, p) {
      const scoped = new URLSearchParams(p);
      scoped.set("actor", key);
      const actor = actors(scoped).find((a) => a.actor_key === key);
      if (!actor) throw new Error("no events with actor " + key + " match these filters");
      const partners = new Map();
      for (const rel of relations(scoped)) {
        const out = rel.source_key === key;
        if (out === (rel.target_key === key)) continue;
        const k = out ? rel.target_key : rel.source_key;
        const e = partners.get(k) || { key: k, name: out ? rel.target_name : rel.source_name,
          country: out ? rel.target_country : rel.source_country, events: 0, cooperation: 0, conflict: 0,
          outgoing: 0, incoming: 0 };
        e.events += rel.events; e.cooperation += rel.cooperation; e.conflict += rel.conflict;
        e[out ? "outgoing" : "incoming"] += rel.events;
        partners.set(k, e);
      }
      const list = [...partners.values()].sort((a, b) => b.events - a.events);
      scoped.set("interval", p.get("interval") || "month");
      return { actor, partners: list, timeline: timeseries(scoped) };
    }

    return {
      async get(path, params) {
        const p = new URLSearchParams(params || "");
        if (path === "events") {
          const all = select(p).sort((a, b) => (b.date || "").localeCompare(a.date || ""));
          const limit = Number(p.get("limit") || 100), offset = Number(p.get("offset") || 0);
          return { total: all.length, limit, offset, items: all.slice(offset, offset + limit) };
        }
        if (path.startsWith("events/")) {
          const id = decodeURIComponent(path.slice(7));
          const r = rows.find((x) => x.event_id === id);
          if (!r) throw new Error("no event " + id + " in this report");
          return { ...r, mentions: r.mentions || [] };
        }
        if (path === "relations") return relations(p).slice(0, Number(p.get("limit") || 1e9));
        if (path === "actors") return actors(p).slice(0, Number(p.get("limit") || 100));
        if (path.startsWith("actors/")) return profile(decodeURIComponent(path.slice(7)), p);
        if (path === "timeseries") return timeseries(p);
        if (path === "places") return places(p);
        throw new Error("unknown path " + path);
      },
      async outlines() { return data.outlines || { countries: [] }; },
    };
  }

  EW.report = window.EVENTWIRE_REPORT || null;
  EW.source = EW.report ? localSource(EW.report) : remoteSource();

  /* ---- evidence: a sentence with its trigger and actor names marked ---- */
  EW.evidence = function (row) {
    const text = row.sentence || "";
    const marks = [];
    if (row.trigger_start !== null && row.trigger_start !== undefined && row.trigger_end > row.trigger_start &&
        row.trigger_end <= text.length) {
      marks.push([row.trigger_start, row.trigger_end, "ev-trigger", "trigger: " + (row.trigger || "")]);
    } else if (row.trigger) {
      const i = text.toLowerCase().indexOf(row.trigger.toLowerCase());
      if (i >= 0) marks.push([i, i + row.trigger.length, "ev-trigger", "trigger"]);
    }
    const names = (list, cls, role) => {
      for (const a of list || []) {
        for (const word of [a.text, a.name, a.key].filter((w) => w && w.length > 1)) {
          const i = text.toLowerCase().indexOf(word.toLowerCase());
          if (i >= 0) { marks.push([i, i + word.length, cls, role + ": " + a.name]); break; }
        }
      }
    };
    names(row.source, "ev-source", "source");
    names(row.target, "ev-target", "target");
    marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const out = EW.h("span", { class: "evidence" });
    let at = 0;
    for (const [start, end, cls, title] of marks) {
      if (start < at) continue;
      out.append(text.slice(at, start), EW.h("mark", { class: cls, title }, text.slice(start, end)));
      at = end;
    }
    out.append(text.slice(at));
    return out;
  };

  EW.actorsText = (list) => (list || []).map((a) => a.name).join(", ") || "—";

  EW.articleLink = (row) => row.url
    ? EW.h("a", { href: row.url, target: "_blank", rel: "noopener noreferrer", class: "article" },
      row.title || "article")
    : (row.title ? EW.h("span", { class: "article" }, row.title) : null);
})();
