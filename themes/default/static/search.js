/* folio search: the client of the index built by internal/search (see its doc.go).
Page contract (layouts/search.html):
  <form id="search-form" role="search" data-manifest="{manifest URL}" data-strings="{JSON}" data-facets="{JSON}">
    <label for="search-q">…</label> <input id="search-q" name="q" type="search">
    <button>Search</button></form>
  <details id="search-filters"><summary>Filters</summary><div id="search-facets"></div></details>
  <p id="search-status" aria-live="polite"></p> <ol id="search-results" aria-busy="true"></ol>
The script opens #search-filters on a wide screen (WIDE), says in its summary how many
filters are on, takes aria-busy off the list once the first results are in, and fills #search-facets (a <details class="facet"> with a <fieldset> of checkboxes
per facet, named like the URL parameters objective type year country mission author;
radio buttons for language, "All languages" first, each name in its own lang),
the list (<li class="card">: kicker, <h2> link, snippet with <mark>, objectives as
<ul class="tags"> under a visually hidden <h3>) and a "More results" button after it. State is in the URL
(?q=…&year=2023&year=2024); without a language, the page filters to its own, the primary
subtag of <html lang> (Engine.fromURL), and language=all shows every language, so /fr/search/
and /ar/search/ read the same index as /search/. Results' titles and snippets carry the
record's lang and dir="auto". The page's words are in its language: data-strings holds
them (PageData.JSON: plural forms picked with Intl.PluralRules, months and date pattern),
data-facets the names of facets and terms (PageData.FacetNames); without them, English
and the index's names. A browser that cannot inflate the index files (without
DecompressionStream("deflate-raw"): before 2023) gets a status saying search needs a newer
browser, the box and button disabled and the filters hidden. The tokeniser must match
token.go: parity_test.go runs both. */
"use strict";

// ---- Tokeniser (mirror of token.go) ----

const MAX_TOKEN = 40, PAGE = 10, MIN_PREFIX = 2, MAX_PREFIX_SHARDS = 2;
// LANG is the language facet's URL parameter (search.LanguageParam), ALL its value for
// every language.
const LANG = "language", ALL = "all";
const WORD = /[\p{L}\p{N}\p{M}]/u, APOS = /['\u2019\u02BC]/, JOIN = /[-\u2010\u2011/]/;
// SPECIAL: letters NFKD leaves alone, and Arabic normalisation (tatweel dropped, ٱ ة ى,
// Arabic-Indic digits), as special in token.go.
const SPECIAL = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ς": "σ", "ð": "d", "þ": "th", "ħ": "h",
  "\u0640": "", "\u0671": "\u0627", "\u0629": "\u0647", "\u0649": "\u064A" };
for (let d = 0; d < 10; d++) SPECIAL[String.fromCharCode(0x660 + d)] = SPECIAL[String.fromCharCode(0x6F0 + d)] = String(d);
const ELISIONS = new Set("l d j m n s t c qu jusqu lorsqu puisqu quoiqu".split(" "));

function fold(s) {
  return s.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[œæßøđłıςðþħ\u0640\u0671\u0629\u0649\u0660-\u0669\u06F0-\u06F9]/gu, (c) => SPECIAL[c]).replace(/[^\p{L}\p{N}]/gu, "");
}

const cpLen = (s) => [...s].length;

// Arabic light stemming, as arabic.go: one prefix, then each suffix in turn, when enough
// remains (four letters after و, two otherwise).
const ARABIC = /^\p{Script=Arabic}/u;
const AR_PREFIXES = ["ال", "وال", "بال", "كال", "فال", "لل", "و"], AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
function lightStem(w) {
  if (/[0-9]/.test(w)) return w;
  let n = cpLen(w);
  for (const p of AR_PREFIXES) {
    if (n - p.length >= (p === "و" ? 4 : 2) && w.startsWith(p)) { w = w.slice(p.length); n -= p.length; break; }
  }
  for (const x of AR_SUFFIXES) if (n - x.length >= 2 && w.endsWith(x)) { w = w.slice(0, -x.length); n -= x.length; }
  return w;
}
// arabicStem is ArabicStem in arabic.go: the stem a folded Arabic query word is also
// looked up as, or "" (not Arabic, or its own stem).
function arabicStem(w) {
  if (!ARABIC.test(w)) return "";
  const s = lightStem(w);
  return s === w ? "" : s;
}

// compounds returns the compounds of text with their UTF-16 offsets and words.
function compounds(text, index) {
  const out = [], cps = [...text];
  let i = 0, off = 0;
  const next = () => { off += cps[i].length; i++; };
  while (i < cps.length) {
    if (!WORD.test(cps[i])) { next(); continue; }
    const start = off, from = i;
    while (i < cps.length) {
      const c = cps[i];
      if (WORD.test(c) || ((APOS.test(c) || JOIN.test(c)) && i + 1 < cps.length && WORD.test(cps[i + 1]))) next();
      else break;
    }
    const words = cps.slice(from, i).join("").split(JOIN).map((w) => {
      let ps = w.split(APOS).map(fold).filter(Boolean);
      if (ps.length > 1 && ELISIONS.has(ps[0])) ps = ps.slice(1);
      if (ps.length > 1 && ps[ps.length - 1] === "s") ps = ps.slice(0, -1);
      return ps.join("");
    }).filter(Boolean);
    const toks = words.slice();
    if (index && words.length > 1) toks.push(words.join(""));
    out.push({ start, end: off, toks: toks.filter((t) => cpLen(t) <= MAX_TOKEN) });
  }
  return out;
}

// tokens is Tokens in token.go, given the stop words.
function tokens(text, stop, index) {
  return compounds(text, index).flatMap((c) => c.toks).filter((t) => !stop.has(t));
}

// queryWords is QueryWords in client.go.
function queryWords(q) {
  const words = [], seen = new Set();
  let lastNew = false;
  for (const t of compounds(q, false).flatMap((c) => c.toks)) {
    lastNew = !seen.has(t);
    if (lastNew) { seen.add(t); words.push(t); }
  }
  const prefix = lastNew && WORD.test([...q].pop() || "") && cpLen(words[words.length - 1]) >= MIN_PREFIX;
  return { words, prefix };
}

// ---- Index files (see internal/search/doc.go) ----

const utf8 = new TextDecoder();
class Reader {
  constructor(b) { this.b = b; this.p = 0; }
  u() {
    let x = 0, m = 1, c;
    do {
      if (this.p >= this.b.length) throw new Error("truncated index file");
      c = this.b[this.p++]; x += (c & 127) * m; m *= 128;
    } while (c > 127);
    return x;
  }
  raw(n) { const v = this.b.subarray(this.p, this.p + n); this.p += n; return v; }
  s() { return utf8.decode(this.raw(this.u())); }
  list(f) { const n = this.u(), a = []; for (let i = 0; i < n; i++) a.push(f()); return a; }
}

// inflate undoes the compression of an index file: raw DEFLATE (see doc.go).
function inflate(b) {
  return new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer()
    .then((a) => new Uint8Array(a));
}

// canInflate tells whether the browser can inflate the index files: Chrome and Edge 103,
// Firefox 113 and Safari 16.4 (March 2023) or later.
function canInflate() {
  try {
    new DecompressionStream("deflate-raw");
    return true;
  } catch (e) {
    return false;
  }
}

function column(r, n) {
  const counts = [];
  for (let i = 0; i < n; i++) counts.push(r.u());
  return counts.map((c) => { const a = []; while (c--) a.push(r.u()); return a; });
}

function record(r, base) {
  return { title: r.s(), url: base + r.s(), summary: r.s(), lang: r.s() };
}

// Engine answers queries as Reader does in client.go. get(url) resolves to a Uint8Array,
// the file as stored.
class Engine {
  constructor(manifestURL, get) {
    this.dir = manifestURL.replace(/[^/]*$/, "");
    this.get = get;
    this.files = new Map(); // url → promise of bytes
    this.shards = new Map();
    this.records = new Map();
    this.columns = new Map();
    this.ready = this.fetch(manifestURL).then((b) => this.manifest(b));
  }
  fetch(url) {
    if (!this.files.has(url)) this.files.set(url, this.get(url).then(inflate).catch((e) => { this.files.delete(url); throw e; }));
    return this.files.get(url);
  }
  file(kind, i) { return this.dir + kind + i + "." + this.gen + ".bin"; }
  manifest(b) {
    const r = new Reader(b);
    if (utf8.decode(r.raw(4)) !== "FLS1") throw new Error("not a folio search index");
    this.gen = r.s(); this.base = r.s(); this.n = r.u(); this.chunkDocs = r.u(); this.nchunks = r.u();
    this.keys = r.list(() => r.s());
    this.stop = new Set(r.list(() => r.s()));
    this.siteLang = r.s();
    this.days = [];
    for (let i = 0, d = 0; i < this.n; i++) this.days.push(d = i ? d - r.u() : r.u());
    this.facets = r.list(() => {
      const f = { param: r.s(), label: r.s(), keys: [], titles: [] };
      for (let n = r.u(); n--;) { f.keys.push(r.s()); f.titles.push(r.s()); }
      f.lazy = r.u() === 1;
      if (!f.lazy) this.columns.set(f.param, column(r, this.n));
      return f;
    });
    this.typeNames = r.list(() => r.s());
  }
  shardFor(w) {
    let lo = 0, hi = this.keys.length; // first key after w
    while (lo < hi) { const m = (lo + hi) >> 1; if (this.keys[m] <= w) lo = m + 1; else hi = m; }
    return Math.max(lo - 1, 0);
  }
  prefixShards(w) {
    const first = this.shardFor(w);
    let last = first;
    while (last + 1 < this.keys.length && this.keys[last + 1].startsWith(w)) last++;
    if (last - first + 1 > MAX_PREFIX_SHARDS) return null;
    const a = [];
    for (let i = first; i <= last; i++) a.push(i);
    return a;
  }
  async shard(i) {
    if (this.shards.has(i)) return this.shards.get(i);
    const r = new Reader(await this.fetch(this.file("s", i)));
    const terms = r.list(() => ({ idf: r.u(), n: r.u(), block: r.raw(r.u()) }));
    const surfaces = new Map(), order = [];
    let prev = new Uint8Array(0);
    for (let n = r.u(); n--;) {
      const shared = r.u(), suffix = r.raw(r.u()), b = new Uint8Array(shared + suffix.length);
      b.set(prev.subarray(0, shared)); b.set(suffix, shared);
      const s = utf8.decode(b);
      surfaces.set(s, r.list(() => r.u()));
      order.push(s);
      prev = b;
    }
    for (let n = r.u(), doc = -1; n--;) {
      doc += r.u();
      const rec = record(r, this.base);
      if (!this.records.has(doc)) this.records.set(doc, rec);
    }
    const sh = { terms, surfaces, order };
    this.shards.set(i, sh);
    return sh;
  }
  async chunk(c) {
    const r = new Reader(await this.fetch(this.file("d", c)));
    for (let d = c * this.chunkDocs; d < Math.min(this.n, (c + 1) * this.chunkDocs); d++) {
      const rec = record(r, this.base);
      if (!this.records.has(d)) this.records.set(d, rec);
    }
  }
  async facet(fi) {
    const f = this.facets[fi];
    if (!this.columns.has(f.param)) this.columns.set(f.param, column(new Reader(await this.fetch(this.file("f", fi))), this.n));
  }
  postings(t) {
    if (!t.docs) {
      const r = new Reader(t.block), docs = [];
      for (let i = 0, d = -1; i < t.n; i++) docs.push(d += r.u());
      t.docs = docs; t.q = r.raw(t.n);
    }
    return t;
  }
  // langDefault is the language a search page in pageLang (its <html lang>) filters to
  // when its URL names none: the page's primary subtag, if the index has publications in
  // it; else "" (all).
  langDefault(pageLang) {
    const f = this.facets.find((x) => x.param === LANG), l = (pageLang || "").toLowerCase().split("-")[0];
    return f && f.keys.includes(l) ? l : "";
  }
  // fromURL reads a search page's state, {q, facets}, from its URL's query string:
  // without a language, the page's (langDefault); language=all for every language.
  fromURL(search, pageLang) {
    const p = new URLSearchParams(search), facets = {};
    for (const f of this.facets) facets[f.param] = p.getAll(f.param);
    if (facets[LANG]) {
      const def = this.langDefault(pageLang);
      if (facets[LANG].includes(ALL)) facets[LANG] = [];
      else if (!facets[LANG].length && def) facets[LANG] = [def];
    }
    return { q: p.get("q") || "", facets };
  }
  // toURL is the query string ("" or "?…") that fromURL reads back as st.
  toURL(st, pageLang) {
    const p = new URLSearchParams();
    if (st.q) p.set("q", st.q);
    for (const f of this.facets) {
      let v = (st.facets && st.facets[f.param]) || [];
      if (f.param === LANG) {
        const def = this.langDefault(pageLang);
        if (v.length === 1 && v[0] === def) v = []; else if (!v.length && def) v = [ALL];
      }
      for (const x of v) p.append(f.param, x);
    }
    const s = p.toString();
    return s ? "?" + s : "";
  }
  // plan lists the words of st.q with the shards each needs, and the lazy facets needed.
  plan(st) {
    const { words, prefix } = queryWords(st.q || "");
    const plans = words.map((w, i) => {
      const p = i === words.length - 1 && prefix && this.prefixShards(w), alt = arabicStem(w);
      const shards = p || [this.shardFor(w)];
      if (alt && !shards.includes(this.shardFor(alt))) shards.push(this.shardFor(alt));
      return { w, alt, prefix: !!p, shards };
    });
    const facets = this.facets.map((f, fi) => f.lazy && ((st.facets[f.param] || []).length || st.open.has(f.param)) && fi).filter((x) => x !== false);
    return { plans, shards: [...new Set(plans.flatMap((p) => p.shards))], facets };
  }
  // cached tells whether st can be answered without fetching an index file.
  cached(st) {
    const p = this.plan(st);
    return p.shards.every((i) => this.shards.has(i)) && p.facets.every((fi) => this.columns.has(this.facets[fi].param));
  }
  // search({q, facets: {param: [keys]}, open: Set of params, page}) resolves to
  // {total, hits: [{doc, score, date, rec}], counts: {param: [n]}, marks, prefixes}.
  async search(st) {
    await this.ready;
    const { plans, shards, facets } = this.plan(st);
    await Promise.all([...shards.map((i) => this.shard(i)), ...facets.map((fi) => this.facet(fi))]);

    // Scores by publication (−1: no match) in typed arrays: Maps are much slower.
    let scores = null, empty = false;
    const marks = new Set(), prefixes = [], n = this.n;
    for (const p of plans) {
      const best = new Float64Array(n).fill(-1);
      let stems = 0;
      for (const si of p.shards) {
        const sh = this.shards.get(si), hit = new Set();
        const add = (refs, weight) => {
          for (const k of refs || []) {
            const t = this.postings(sh.terms[k]);
            stems++; hit.add(k);
            for (let j = 0; j < t.n; j++) {
              const v = weight * t.idf * t.q[j], d = t.docs[j];
              if (v > best[d]) best[d] = v;
            }
          }
        };
        add(sh.surfaces.get(p.w), 2);
        if (p.alt) add(sh.surfaces.get(p.alt), 2);
        if (p.prefix) for (const s of sh.order) if (s !== p.w && s.startsWith(p.w)) add(sh.surfaces.get(s), 1);
        for (const s of sh.order) if (sh.surfaces.get(s).some((k) => hit.has(k))) marks.add(s);
      }
      if (!stems && this.stop.has(p.w)) continue;
      if (p.prefix) prefixes.push(p.w);
      if (!stems) empty = true;
      if (!scores) { scores = best; continue; }
      for (let d = 0; d < n; d++) scores[d] = scores[d] < 0 || best[d] < 0 ? -1 : scores[d] + best[d];
    }
    const cands = [];
    if (!empty) for (let d = 0; d < n; d++) if (!scores || scores[d] >= 0) cands.push(d);

    const sels = [];
    this.facets.forEach((f, fi) => {
      const want = new Set((st.facets[f.param] || []).map((k) => f.keys.indexOf(k)).filter((i) => i >= 0));
      if ((st.facets[f.param] || []).length) sels.push({ fi, col: this.columns.get(f.param), want });
    });
    const counts = {};
    for (const f of this.facets) if (this.columns.has(f.param)) counts[f.param] = new Array(f.keys.length).fill(0);
    const cols = this.facets.map((f) => this.columns.get(f.param)), cnts = this.facets.map((f) => counts[f.param]);
    const hits = [];
    for (const d of cands) {
      let failed = -1;
      for (const s of sels) {
        if (!s.col[d].some((t) => s.want.has(t))) {
          if (failed === -1) failed = s.fi; else { failed = -2; break; }
        }
      }
      if (failed === -2) continue;
      for (let fi = 0; fi < cols.length; fi++) if (cols[fi] && (failed < 0 || failed === fi)) for (const t of cols[fi][d]) cnts[fi][t]++;
      if (failed === -1) hits.push(d);
    }
    const sc = (d) => (scores ? scores[d] : 0);
    if (scores) hits.sort((a, b) => scores[b] - scores[a] || a - b); // else newest first already
    const page = hits.slice((st.page || 0) * PAGE, ((st.page || 0) + 1) * PAGE);
    const chunks = new Set(page.filter((d) => !this.records.has(d)).map((d) => Math.floor(d / this.chunkDocs)));
    await Promise.all([...chunks].map((c) => this.chunk(c)));
    return {
      total: hits.length, counts, marks, prefixes,
      hits: page.map((d) => ({ doc: d, score: sc(d), date: this.days[d], rec: this.records.get(d) })),
    };
  }
}

// ---- Page ----

// WIDE matches style.css's two-column search page, where the filters are a column of
// their own, open, with the groups that load with the index open too.
const WIDE = "(min-width: 60rem)";
// EN: the page's strings where its form gives none (data-strings, from the theme's
// i18n files): a site's own search.html from before them. See en.yaml for each.
const EN = {
  months: "January February March April May June July August September October November December".split(" "), date: "{day} {month} {year}",
  search_newest: { one: "{n} publication, newest first.", other: "{n} publications, newest first." },
  search_matches: { one: "{n} publication matches “{q}”.", other: "{n} publications match “{q}”." },
  search_matches_filters: { one: "{n} publication matches the filters.", other: "{n} publications match the filters." },
  search_none: "No publications match “{q}”.", search_none_with_filters: "No publications match “{q}” with these filters.",
  search_none_filters: "No publications match these filters.",
  search_other_languages: { one: "{n} publication in other languages: choose “{all}” in the filters.", other: "{n} publications in other languages: choose “{all}” in the filters." },
  search_all_languages: "All languages", filters: "Filters", filters_active: { other: "Filters ({n} active)" },
  search_more: "More results", search_loading: "Loading…", search_searching: "Searching…",
  search_unavailable: "Search is unavailable ({error}). Browse the publications by objective, country, type or year instead.",
  search_unavailable_short: "Search is unavailable ({error}).",
  search_old_browser: "Search needs a newer browser: update this one, or browse the publications by objective, country, type or year.",
};
// LABELS: the strings that name the facets the page's data-facets does not.
const LABELS = { year: "taxonomy_years", author: "taxonomy_authors", language: "search_language" };

// fill replaces each {name} in s with vars[name].
const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
const json = (s) => { try { return JSON.parse(s) || {}; } catch (e) { return {}; } };

// texts returns the interface strings of the page of el, in its language lang, as
// functions: t(key, vars), n(key, count, vars) with the plural form of count, and
// date(d). Those the page lacks are English (EN), with English plural rules.
function texts(el, lang) {
  const given = json(el.dataset.strings), s = { ...EN, ...given }, rules = {};
  const rule = (l) => { try { return rules[l] || (rules[l] = new Intl.PluralRules(l)); } catch (e) { return null; } };
  return {
    s, t: (k, vars) => fill(s[k], vars || {}),
    n(k, n, vars) {
      const r = rule(k in given ? lang : "en"), f = s[k];
      return fill(f[r ? r.select(n) : "other"] || f.other, { ...vars, n });
    },
    date: (d) => fill(s.date, { day: (d.getUTCDate() === 1 && s.day_one) || d.getUTCDate(), month: s.months[d.getUTCMonth()], year: d.getUTCFullYear() }),
  };
}

function ui() {
  const $ = (id) => document.getElementById(id);
  const form = $("search-form"), input = $("search-q"), facetsEl = $("search-facets");
  const list = $("search-results"), status = $("search-status"), filters = $("search-filters");
  if (!form || !input || !facetsEl || !filters || !list || !status || !form.dataset.manifest || !$("search-card")) return;
  // The page's language: results, facets and the URL default to it (Engine.langDefault);
  // its words are the form's data-strings, and its names of facets and terms data-facets
  // (the index names them in the site's default language).
  const pageLang = document.documentElement.lang, S = texts(form, pageLang), names = json(form.dataset.facets);
  if (!canInflate()) {
    // The index files cannot be read: say so instead of failing at the first fetch.
    list.removeAttribute("aria-busy");
    filters.hidden = true;
    input.disabled = true;
    form.querySelector("button").disabled = true;
    status.textContent = S.t("search_old_browser");
    return;
  }
  const wide = window.matchMedia(WIDE).matches;
  if (wide) filters.open = true;
  const engine = new Engine(form.dataset.manifest, (url) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(r.status + " " + url);
    return r.arrayBuffer();
  }).then((b) => new Uint8Array(b)));
  const shown = new Map(), open = new Set(); // facets the reader opened or closed; lazy ones open
  // typed: before the index came. fresh: the history entry is settled (loaded, submitted,
  // filtered): the next keystroke pushes an entry, later ones replace it.
  let seq = 0, timer = 0, urlTimer = 0, later = null, page = 0, typed = false, fresh = true;

  const el = (tag, props, ...kids) => {
    const e = document.createElement(tag);
    for (const k in props) if (k.includes("-")) e.setAttribute(k, props[k]); else e[k] = props[k];
    for (const k of kids) if (k != null) e.append(k);
    return e;
  };

  function readURL() { return engine.fromURL(location.search, pageLang); }
  function writeURL(st, push) {
    const url = location.pathname + engine.toURL(st, pageLang);
    if (url !== location.pathname + location.search) {
      history[push || fresh ? "pushState" : "replaceState"](null, "", url);
      fresh = false;
    }
    if (push) fresh = true;
  }
  function formState() {
    const facets = {};
    for (const f of engine.facets) facets[f.param] = [...facetsEl.querySelectorAll(`input[name="${f.param}"]:checked`)].map((c) => c.value).filter((v) => v !== ALL);
    return { q: input.value, facets, open, page: 0 };
  }

  // label and title: a facet's name and its term t's in the page's language, or else
  // as the index has them.
  const label = (f) => (names[f.param] || {}).label || S.s[LABELS[f.param]] || f.label;
  const title = (f, t) => ((names[f.param] || {}).titles || {})[f.keys[t]] || f.titles[t];
  // chosen returns the selections of st that the reader made: the page's own language,
  // chosen by default, is not counted as a filter in the status and the summary.
  const chosen = (st) => Object.entries(st.facets).filter(([p, v]) => !(p === LANG && v.length === 1 && v[0] === engine.langDefault(pageLang))).map(([, v]) => v);
  // marked tells whether a folded word of a result matches: one of its surface forms, or
  // for an Arabic word its light stem, was matched.
  const marked = (t, res) => res.marks.has(t) || (ARABIC.test(t) && res.marks.has(lightStem(t)));
  // highlight appends text to parent with the compounds whose words match in <mark>.
  function highlight(parent, text, res) {
    let at = 0;
    for (const c of compounds(text, false)) {
      if (!c.toks.some((t) => marked(t, res) || res.prefixes.some((p) => t.startsWith(p)))) continue;
      parent.append(text.slice(at, c.start), el("mark", { textContent: text.slice(c.start, c.end) }));
      at = c.end;
    }
    parent.append(text.slice(at));
  }
  // snippet: the summary, cut to about 240 characters around the first match.
  function snippet(text, res) {
    if (text.length <= 260) return text;
    const first = compounds(text, false).find((c) => c.toks.some((t) => marked(t, res)));
    let from = 0;
    if (first && first.end > 240) {
      from = text.lastIndexOf(". ", first.start) + 2;
      if (from < 2 || first.start - from > 120) from = text.lastIndexOf(" ", first.start - 60) + 1;
    }
    let to = from + 240;
    to = to >= text.length ? text.length : text.lastIndexOf(" ", to);
    return (from > 0 ? "… " : "") + text.slice(from, to) + (to < text.length ? " …" : "");
  }

  // A result is the page's <template id="search-card"> (search.html: the theme's
  // markup, not the script's), filled in.
  const cardTemplate = $("search-card");
  function item(h, res) {
    const f = (p) => engine.facets.find((x) => x.param === p);
    const col = (p) => engine.columns.get(p)[h.doc];
    const d = new Date(h.date * 864e5);
    const card = cardTemplate.content.firstElementChild.cloneNode(true);
    const part = (sel) => card.querySelector(sel);
    // The type's name for one publication ("Policy brief"): data-facets' "singular", or
    // the index's, in the default language.
    const ty = col("type")[0];
    part(".kind").textContent = ((names.type || {}).singular || {})[f("type").keys[ty]] || engine.typeNames[ty];
    Object.assign(part("time"), { dateTime: d.toISOString().slice(0, 10), textContent: S.date(d) });
    // The record's language (its own, or the site's), whatever the page's; dir="auto"
    // in the template isolates an Arabic title in a left-to-right page and a French one
    // in an Arabic page.
    const lang = h.rec.lang || engine.siteLang;
    const a = Object.assign(part("h2 a"), { href: h.rec.url, lang, textContent: "" });
    highlight(a, h.rec.title, res);
    const snip = Object.assign(part(".summary"), { lang });
    highlight(snip, snippet(h.rec.summary, res), res);
    const objs = col("objective").map((t) => el("li", { textContent: title(f("objective"), t) }));
    if (objs.length) {
      part(".objectives-label").textContent = label(f("objective"));
      part(".tags").append(...objs);
    } else {
      part(".objectives-label").remove();
      part(".tags").remove();
    }
    return card;
  }

  const more = el("button", { type: "button", className: "search-more", hidden: true, textContent: S.t("search_more") });
  more.addEventListener("click", () => run(false, true));
  list.after(more);

  function renderFacets(st, res) {
    const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest("#search-facets") ? document.activeElement.id : "";
    facetsEl.replaceChildren(...engine.facets.map((f, fi) => {
      const sel = st.facets[f.param] || [], counts = res.counts[f.param];
      const det = el("details", { className: "facet", open: sel.length > 0 || (shown.has(f.param) ? shown.get(f.param) : wide && !f.lazy) });
      det.addEventListener("toggle", () => {
        if (det.open === (shown.has(f.param) ? shown.get(f.param) : wide && !f.lazy)) return;
        shown.set(f.param, det.open);
        det.open ? open.add(f.param) : open.delete(f.param);
        if (det.open && !engine.columns.has(f.param)) run(false);
      });
      const fs = el("fieldset", {}, el("legend", { textContent: label(f) }));
      // The language facet is one choice, "all languages" first; its names are each in
      // their own language (titles from the manifest), marked so for screen readers and
      // isolated from the count.
      const radio = f.param === LANG, count = (n) => (n == null ? "" : ` (${n})`);
      if (radio) {
        const id = `f-${f.param}-all`;
        fs.append(el("div", {}, el("input", { type: "radio", name: f.param, value: ALL, id, checked: !sel.length }),
          el("label", { htmlFor: id, textContent: S.t("search_all_languages") + count(counts && counts.reduce((a, b) => a + b, 0)) })));
      }
      f.keys.forEach((k, t) => {
        const n = counts ? counts[t] : null, on = sel.includes(k);
        if (n === 0 && !on) return;
        const id = `f-${f.param}-${t}`;
        const box = el("input", { type: radio ? "radio" : "checkbox", name: f.param, value: k, id, checked: on });
        fs.append(el("div", {}, box, radio ? el("label", { htmlFor: id }, el("span", { lang: k, dir: "auto", textContent: f.titles[t] }), count(n))
          : el("label", { htmlFor: id, textContent: title(f, t) + count(n) })));
      });
      if (f.lazy && !counts) fs.append(el("p", { textContent: det.open ? S.t("search_loading") : "" }));
      det.append(el("summary", { textContent: label(f) + (sel.length ? ` (${sel.length})` : "") }), fs);
      return det;
    }));
    const on = chosen(st).reduce((n, v) => n + v.length, 0);
    filters.querySelector("summary").textContent = on ? S.n("filters_active", on) : S.t("filters");
    if (focused && $(focused)) $(focused).focus();
  }

  // A typed query goes in the URL a moment later (history calls are slow) or on blur.
  function flush() { clearTimeout(urlTimer); if (later) writeURL(later, false); later = null; }
  // push: true pushes a new URL (submit, filters), null replaces it (load), false: typing.
  async function run(push, append) {
    const st = formState(), my = ++seq;
    st.page = append ? page + 1 : 0;
    if (!append) {
      clearTimeout(urlTimer);
      later = push === false ? st : null;
      if (later) urlTimer = setTimeout(flush, 300); else writeURL(st, push);
    }
    const slow = setTimeout(() => { if (my === seq) status.textContent = S.t("search_searching"); }, 400);
    let res;
    try {
      res = await engine.search(st);
    } catch (e) {
      if (my === seq) list.removeAttribute("aria-busy");
      if (my === seq) status.textContent = S.t("search_unavailable", { error: e.message });
      return;
    } finally {
      clearTimeout(slow);
    }
    if (my !== seq) return; // a newer search started
    list.removeAttribute("aria-busy");
    page = st.page;
    const items = res.hits.map((h) => item(h, res));
    if (append) list.append(...items); else list.replaceChildren(...items);
    renderFacets(st, res);
    more.hidden = (page + 1) * PAGE >= res.total;
    if (append && items.length) items[0].querySelector("a").focus();
    const q = st.q.trim(), n = res.total, any = chosen(st).some((v) => v.length);
    status.textContent = !q && !any ? S.n("search_newest", n) : n ? S.n(q ? "search_matches" : "search_matches_filters", n, { q })
      : S.t(!q ? "search_none_filters" : any ? "search_none_with_filters" : "search_none", { q });
    // Nothing in the chosen language: say how many other languages have, since the
    // page's language is chosen without the reader asking.
    const lf = engine.facets.find((f) => f.param === LANG), lsel = st.facets[LANG] || [];
    const others = !n && lf && lsel.length && res.counts[LANG] ? res.counts[LANG].reduce((a, c, i) => a + (lsel.includes(lf.keys[i]) ? 0 : c), 0) : 0;
    if (others) status.textContent += " " + S.n("search_other_languages", others, { all: S.s.search_all_languages });
  }

  function load(e) { // e: popstate
    const st = readURL(), keep = !e && typed;
    if (keep) st.q = input.value; else input.value = st.q;
    for (const f of engine.facets) if (st.facets[f.param].length) open.add(f.param);
    // Facets not yet rendered: render once from the URL so formState sees the selection.
    renderFacets(st, { counts: {} });
    fresh = false; // replace
    const p = run(null);
    fresh = !keep;
    return p;
  }

  // Typing: at once when the index files needed are loaded, else after a 150 ms pause, so
  // that shards are not fetched for every prefix on the way to a word; before the
  // manifest, by load.
  const early = () => { typed = true; status.textContent = S.t("search_searching"); };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (!engine.gen) early();
    else if (engine.cached(formState())) run(false); else timer = setTimeout(() => run(false), 150);
  });
  input.addEventListener("blur", flush);
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); engine.gen ? run(true) : early(); });
  facetsEl.addEventListener("change", () => run(true));
  window.addEventListener("popstate", (e) => { if (engine.gen) load(e); });
  form.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && e.target === input) { const a = list.querySelector("a"); if (a) { e.preventDefault(); a.focus(); } }
  });
  list.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp" && e.key !== "Escape") return;
    const links = [...list.querySelectorAll("h2 a")], i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "Escape" || (e.key === "ArrowUp" && i === 0)) input.focus();
    else if (links[i + (e.key === "ArrowDown" ? 1 : -1)]) links[i + (e.key === "ArrowDown" ? 1 : -1)].focus();
  });
  engine.ready.then(() => load(), (e) => {
    list.removeAttribute("aria-busy");
    status.textContent = S.t("search_unavailable_short", { error: e.message });
  });
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ui); else ui();
}
if (typeof module !== "undefined") module.exports = { fold, tokens, queryWords, compounds, arabicStem, Engine };
