// The review page: runs, a run's queue and charts, the article view with corrections. Plain DOM;
// every piece of article or KB text goes in as a text node (never as HTML), so a "<script>" in an
// article shows as text. The static report (`hanlink report`) runs this same file read-only on
// answers embedded in the page (#report-data) instead of the server's.
'use strict';
(() => {
  const reportData = document.getElementById('report-data');
  const report = reportData ? JSON.parse(reportData.textContent) : null;
  const readOnly = report !== null;
  const token = document.querySelector('meta[name="hanlink-token"]')?.getAttribute('content') ?? '';
  const main = document.getElementById('main');
  const tip = document.getElementById('tip');
  const overlay = document.getElementById('overlay');
  const statusBar = document.getElementById('status');
  const reviewerInput = document.getElementById('reviewer');
  const TYPES = ['PS', 'OG', 'LC', 'DT', 'TI', 'QT'];
  const TYPE_NAMES = { PS: 'person', OG: 'organization', LC: 'location', DT: 'date', TI: 'time', QT: 'quantity' };
  const LINKABLE = new Set(['PS', 'OG', 'LC']);

  // ---- DOM and data helpers ---------------------------------------------------------------

  /** An element; children are nodes or strings (as text nodes), null/false skipped, arrays flattened. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
  }
  const svg = (tag, attrs, ...children) => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs ?? {})) el.setAttribute(k, String(v));
    for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
  };
  const pct = (x) => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);

  async function get(path) {
    if (report) {
      if (path in report.responses) return report.responses[path];
      throw new Error(`not part of this report: ${path}`);
    }
    const res = await fetch(path, { headers: { accept: 'application/json' } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
    return body;
  }

  async function post(path, body) {
    if (readOnly) throw new Error('this report is read-only');
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hanlink-token': token }, body: JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) throw new Error(answer.error ?? `HTTP ${res.status}`);
    return answer;
  }

  function say(message, kind = 'ok') {
    statusBar.textContent = message;
    statusBar.className = kind;
  }

  const reviewer = () => reviewerInput.value.trim();

  // ---- routes ------------------------------------------------------------------------------

  let view = null; // the current view's key handler and state

  async function route() {
    closeOverlay();
    hideTip();
    const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
    try {
      if (parts[0] === 'run' && parts[2] === 'a' && parts[4] === 'source') await showSource(Number(parts[1]), Number(parts[3]));
      else if (parts[0] === 'run' && parts[2] === 'a') await showArticle(Number(parts[1]), Number(parts[3]));
      else if (parts[0] === 'run') await showQueue(Number(parts[1]));
      else if (report) location.hash = `#/run/${report.run}`;
      else await showRuns();
    } catch (err) {
      main.replaceChildren(h('p', { class: 'error' }, String(err.message ?? err)));
    }
  }

  function crumbs(...items) {
    document.getElementById('crumbs').replaceChildren(...items.map(([label, href]) => (href ? h('a', { href }, label) : h('span', {}, label))));
  }

  // ---- runs --------------------------------------------------------------------------------

  async function showRuns() {
    const runs = await get('/api/runs');
    crumbs(['runs']);
    const rows = runs.slice().reverse().map((r) =>
      h('tr', { tabindex: 0, 'data-href': `#/run/${r.id}` },
        h('td', {}, h('a', { href: `#/run/${r.id}` }, `run:${r.id}`)), h('td', {}, r.status), h('td', {}, r.startedAt.replace('T', ' ').slice(0, 19)),
        h('td', { class: 'num' }, r.articles), h('td', { class: 'num' }, r.processed), h('td', { class: 'num' }, r.reused), h('td', { class: 'num' }, r.failed),
        h('td', { class: 'mono' }, r.codeVersion)));
    main.replaceChildren(h('section', { class: 'runs' }, h('h1', {}, 'Runs'),
      runs.length === 0 ? h('p', {}, 'No runs in this store yet: run `hanlink process --db FILE` first.') :
        h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['run', 'status', 'started', 'articles', 'computed', 'reused', 'failed', 'code'].map((c) => h('th', {}, c)))), h('tbody', {}, rows))));
    view = listKeys(main.querySelectorAll('tbody tr'));
  }

  /** j/k/Enter over focusable rows that carry data-href. */
  function listKeys(rows) {
    rows[0]?.focus();
    return {
      key(e) {
        const list = [...main.querySelectorAll('tbody tr')];
        const i = list.indexOf(document.activeElement);
        if (e.key === 'j' || e.key === 'ArrowDown') list[Math.min(list.length - 1, i + 1)]?.focus();
        else if (e.key === 'k' || e.key === 'ArrowUp') list[Math.max(0, i - 1)]?.focus();
        else if (e.key === 'Enter' && i >= 0) location.hash = list[i].dataset.href;
        else return false;
        return true;
      },
    };
  }

  // ---- queue -------------------------------------------------------------------------------

  const queueState = { sort: 'need', desc: true, entity: '', band: '' };

  async function showQueue(runId) {
    const [{ run, rows }, ov] = await Promise.all([get(`/api/runs/${runId}/queue`), get(`/api/runs/${runId}/overview`)]);
    crumbs(['runs', report ? null : '#/'], [`run:${run.id}`]);
    const linkedIds = [...new Set(rows.flatMap((r) => r.links))].sort();
    const body = h('tbody');
    const columns = [
      ['seq', '#', (r) => r.seq], ['id', 'article', (r) => r.id], ['need', 'need', (r) => r.need], ['lowEntities', 'low ent.', (r) => r.lowEntities],
      ['lowLinks', 'low links', (r) => r.lowLinks], ['nils', 'NIL', (r) => r.nils], ['warnings', 'warn.', (r) => r.warnings],
      ...TYPES.map((t) => [t, t, (r) => r.byType[t]]), ['review', 'review', (r) => (r.review ? (r.review.reviewed ? 2 : 1) : 0)],
    ];
    const fill = () => {
      const col = columns.find((c) => c[0] === queueState.sort) ?? columns[2];
      const shown = rows
        .filter((r) => !queueState.entity || r.links.includes(queueState.entity))
        .filter((r) => !queueState.band || r.bands[queueState.band] > 0)
        .sort((a, b) => {
          const x = col[2](a), y = col[2](b);
          return (x < y ? -1 : x > y ? 1 : a.seq - b.seq) * (queueState.desc ? -1 : 1);
        });
      body.replaceChildren(...shown.map((r) => h('tr', { tabindex: 0, 'data-href': `#/run/${run.id}/a/${r.seq}`, class: r.error ? 'failed' : null },
        h('td', { class: 'num' }, r.seq),
        h('td', { class: 'title' }, h('a', { href: `#/run/${run.id}/a/${r.seq}` }, r.id), r.title ? h('span', { class: 'sub' }, r.title) : null, r.error ? h('span', { class: 'sub error' }, r.error) : null),
        h('td', { class: 'num need' }, r.need), h('td', { class: 'num' }, r.lowEntities), h('td', { class: 'num' }, r.lowLinks), h('td', { class: 'num' }, r.nils), h('td', { class: 'num' }, r.warnings),
        TYPES.map((t) => h('td', { class: `num t-${t}` }, r.byType[t] || '')),
        h('td', {}, r.review ? `${r.review.reviewed ? '✓ reviewed' : `✎ ${r.review.corrections}`}${r.review.agrees === null ? '' : r.review.agrees ? ' · run agrees' : ' · run differs'}` : ''))));
      document.getElementById('shown').textContent = `${shown.length} of ${rows.length} articles`;
    };
    const header = h('tr', {}, columns.map(([key, label]) => h('th', { class: key === queueState.sort ? (queueState.desc ? 'sorted desc' : 'sorted') : null },
      h('button', { type: 'button', onclick: () => { queueState.desc = key === queueState.sort ? !queueState.desc : true; queueState.sort = key; showQueue(runId); } }, label))));
    const entityInput = h('input', { id: 'entity-filter', list: 'linked-ids', placeholder: 'person:lloyd-austin', value: queueState.entity, oninput: (e) => { queueState.entity = e.target.value.trim(); fill(); } });
    const bandSelect = h('select', { id: 'band-filter', onchange: (e) => { queueState.band = e.target.value; fill(); } },
      [['', 'any confidence'], ['low', 'has < 50%'], ['mid', 'has 50–80%'], ['high', 'has ≥ 80%']].map(([v, l]) => h('option', { value: v, selected: v === queueState.band }, l)));
    const exportBox = readOnly ? null : h('div', { class: 'export' },
      h('button', { type: 'button', id: 'export', onclick: () => exportRun(run.id) }, 'Export reviewed as gold (x)'), h('span', { id: 'export-result' }));
    main.replaceChildren(h('section', { class: 'queue' },
      h('div', { class: 'runhead' }, h('h1', {}, `run:${run.id}`), h('span', { class: 'sub' }, `${run.status} · ${run.articles} articles · ${run.failed} failed · started ${run.startedAt.replace('T', ' ').slice(0, 19)}`), exportBox),
      charts(ov, run.id),
      h('div', { class: 'filters' },
        h('label', {}, 'links to ', entityInput, h('datalist', { id: 'linked-ids' }, linkedIds.map((id) => h('option', { value: id })))),
        h('label', {}, 'confidence ', bandSelect), h('span', { id: 'shown', class: 'sub' })),
      h('table', { class: 'grid', id: 'queue' }, h('thead', {}, header), body)));
    fill();
    const list = listKeys(body.querySelectorAll('tr'));
    view = {
      key(e) {
        if (e.key === '/') { entityInput.focus(); return true; }
        if (e.key === 'x' && !readOnly) { exportRun(run.id); return true; }
        return list.key(e);
      },
    };
  }

  async function exportRun(runId) {
    try {
      const r = await post(`/api/runs/${runId}/export`, {});
      const out = document.getElementById('export-result');
      const text = `${r.written.length} gold file(s) written${r.written.length ? `: ${r.written.join(', ')}` : ''}` +
        (r.refused.length ? `; not valid yet: ${r.refused.map((x) => `${x.id} (${x.problems.join('; ')})`).join(', ')}` : '');
      if (out) out.textContent = text;
      say(text, r.refused.length ? 'warn' : 'ok');
    } catch (err) {
      say(`export failed: ${err.message}`, 'error');
    }
  }

  // ---- charts (plain SVG) --------------------------------------------------------------------

  /** Labels longer than the room for them end in an ellipsis (the full text is in the bar's title). */
  const clip = (text, chars) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

  function barChart(title, entries, { width = 260, labelWidth = 40, color = () => 'var(--bar)' } = {}) {
    const rowH = 18, max = Math.max(1, ...entries.map((e) => e.value));
    const height = entries.length * rowH + 4;
    return h('figure', { class: 'chart' }, h('figcaption', {}, title),
      svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
        entries.map((e, i) => {
          const w = Math.max(e.value > 0 ? 2 : 0, ((width - labelWidth - 40) * e.value) / max);
          return svg('g', { transform: `translate(0 ${i * rowH + 2})` },
            svg('title', {}, `${e.title ?? e.label}: ${e.value}`),
            svg('text', { x: labelWidth - 4, y: 13, 'text-anchor': 'end', class: 'lbl' }, clip(e.label, Math.floor(labelWidth / 6.5))),
            svg('rect', { x: labelWidth, y: 2, width: w, height: rowH - 5, fill: color(e) }),
            svg('text', { x: labelWidth + w + 4, y: 13, class: 'val' }, e.value));
        })));
  }

  function histogram(title, bins) {
    const width = 230, height = 110, max = Math.max(1, ...bins), bw = (width - 20) / bins.length;
    return h('figure', { class: 'chart' }, h('figcaption', {}, title),
      svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
        bins.map((n, i) => {
          const bh = ((height - 30) * n) / max;
          return svg('g', {}, svg('title', {}, `${i * 10}–${i * 10 + 10}%: ${n}`),
            svg('rect', { x: 10 + i * bw + 1, y: height - 18 - bh, width: bw - 2, height: bh, fill: i < 5 ? 'var(--low)' : i < 8 ? 'var(--mid)' : 'var(--high)' }),
            n ? svg('text', { x: 10 + i * bw + bw / 2, y: height - 21 - bh, 'text-anchor': 'middle', class: 'val' }, n) : null);
        }),
        svg('text', { x: 10, y: height - 4, class: 'lbl' }, '0'), svg('text', { x: width / 2, y: height - 4, 'text-anchor': 'middle', class: 'lbl' }, '50%'),
        svg('text', { x: width - 10, y: height - 4, 'text-anchor': 'end', class: 'lbl' }, '100%')));
  }

  function charts(ov) {
    return h('div', { class: 'charts' },
      barChart('Entities by type', TYPES.map((t) => ({ label: t, value: ov.byType[t], title: TYPE_NAMES[t] })), { color: (e) => `var(--${e.label})` }),
      barChart('Top linked entities', ov.topLinked.map((t) => ({ label: t.name_en, value: t.count, title: t.id })), { labelWidth: 170, width: 380 }),
      histogram('Entity confidence', ov.entityConfidence),
      histogram('Link confidence', ov.linkConfidence));
  }

  // ---- article -------------------------------------------------------------------------------

  let art = null; // { runId, seq, data, focus: {kind, start, end} | null }

  async function showArticle(runId, seq, keepFocus) {
    const data = await get(`/api/runs/${runId}/articles/${seq}`);
    const focus = keepFocus ?? (art && art.runId === runId && art.seq === seq ? art.focus : null);
    art = { runId, seq, data, focus };
    renderArticle();
  }

  const stateOf = () => art.data.review.state;
  const baseEntity = (e) => (e.origin === null ? null : art.data.review.base.entities[e.origin] ?? null);
  const baseDate = (d) => (d.origin === null ? null : art.data.review.base.dates[d.origin] ?? null);
  const kbName = (id) => art.data.kb[id];
  const focusedEntity = () => (art.focus?.kind === 'ent' ? stateOf().entities.find((e) => e.start === art.focus.start && e.end === art.focus.end) : undefined);
  const focusedDate = () => {
    const f = art.focus;
    if (!f) return undefined;
    return stateOf().dates.find((d) => d.start === f.start && d.end === f.end);
  };

  function renderArticle() {
    const { data } = art;
    const s = stateOf();
    crumbs(['runs', report ? null : '#/'], [`run:${data.run.id}`, `#/run/${data.run.id}`], [data.line.id]);
    const text = h('div', { id: 'text', class: 'text', lang: 'ko' }, articleText(s));
    const side = h('aside', { class: 'side' }, detailPanel(), agreementPanel(), logPanel());
    const nav = h('div', { class: 'artnav' },
      data.prev !== null ? h('a', { href: `#/run/${data.run.id}/a/${data.prev}` }, '← previous (K)') : h('span'),
      h('a', { href: `#/run/${data.run.id}/a/${data.seq}/source`, id: 'source-link' }, 'original source (o)'),
      data.next !== null ? h('a', { href: `#/run/${data.run.id}/a/${data.next}` }, 'next (J) →') : h('span'));
    const head = h('div', { class: 'arthead' },
      h('h1', {}, data.line.title ?? data.line.id),
      h('div', { class: 'sub' }, `${data.line.id} · published ${data.line.published ?? 'unknown'} (${data.line.published_from}) · ${data.line.source}`),
      h('div', { class: 'badges' },
        s.reviewed ? h('span', { class: 'badge ok' }, '✓ reviewed') : h('span', { class: 'badge' }, readOnly ? 'not reviewed' : 'not reviewed (d marks it)'),
        data.line.error ? h('span', { class: 'badge error' }, `failed in ${data.line.error.stage}: ${data.line.error.message}`) : null,
        data.line.warnings.map((w) => h('span', { class: 'badge warn' }, w))),
      legend());
    main.replaceChildren(h('section', { class: 'article' }, h('div', { class: 'col' }, head, nav, text), side));
    const target = art.focus && text.querySelector(`[data-start="${art.focus.start}"][data-end="${art.focus.end}"][data-kind="${art.focus.kind}"]`);
    if (target) target.focus({ preventScroll: false });
    view = { key: articleKey };
  }

  function legend() {
    return h('div', { class: 'legend' }, TYPES.map((t) => h('span', { class: `ent ${t}` }, `${t} ${TYPE_NAMES[t]}`)), h('u', { class: 'date' }, 'date value'),
      h('span', { class: 'ent PS accepted' }, 'accepted'), h('span', { class: 'ent PS corrected' }, 'corrected'));
  }

  /** The cleaned text: entity spans highlighted by type, dates underlined, every piece a text node with its offset. */
  function articleText(s) {
    const nodes = [];
    const piece = (start, end) => h('span', { 'data-o': start }, s.text.slice(start, end));
    /** Text from start to end with the dates inside it underlined (a date crossing the edge is cut there). */
    const withDates = (start, end, inEntity) => {
      const out = [];
      let at = start;
      for (const d of s.dates) {
        if (d.end <= at || d.start >= end) continue;
        const a = Math.max(at, d.start), b = Math.min(end, d.end);
        if (a > at) out.push(piece(at, a));
        const attrs = { class: `date ${d.status}`, 'data-kind': 'date', 'data-start': d.start, 'data-end': d.end };
        if (!inEntity) attrs.tabindex = 0;
        const u = h('u', attrs, piece(a, b));
        if (!inEntity) hoverable(u, () => ({ kind: 'date', start: d.start, end: d.end }));
        out.push(u);
        at = b;
      }
      if (at < end) out.push(piece(at, end));
      return out;
    };
    let at = 0;
    for (const e of s.entities) {
      if (e.start > at) nodes.push(...withDates(at, e.start, false));
      const base = baseEntity(e);
      const low = base && Math.min(base.confidence, base.link?.confidence ?? 1) < 0.6;
      const el = h('span', { class: `ent ${e.type} ${e.status}${low ? ' low' : ''}${e.link === 'nil' ? ' nil' : ''}`, tabindex: 0, 'data-kind': 'ent', 'data-start': e.start, 'data-end': e.end, 'aria-label': `${e.type} ${e.text}` },
        withDates(e.start, e.end, true));
      hoverable(el, () => ({ kind: 'ent', start: e.start, end: e.end }));
      nodes.push(el);
      at = e.end;
    }
    if (at < s.text.length) nodes.push(...withDates(at, s.text.length, false));
    return nodes;
  }

  function hoverable(el, where) {
    el.addEventListener('mouseenter', () => showTip(el, where()));
    el.addEventListener('mouseleave', () => { if (document.activeElement !== el) hideTip(); });
    el.addEventListener('focus', () => {
      art.focus = where();
      showTip(el, art.focus);
      const side = main.querySelector('.side .detail');
      if (side) side.replaceWith(detailPanel());
    });
    el.addEventListener('blur', hideTip);
  }

  /** What the tooltip and the detail panel say about a span. */
  function describe(f) {
    const s = stateOf();
    const lines = [];
    if (f.kind === 'ent') {
      const e = s.entities.find((x) => x.start === f.start && x.end === f.end);
      if (!e) return lines;
      const base = baseEntity(e);
      lines.push(h('div', { class: 'tip-head' }, h('span', { class: `ent ${e.type}` }, e.type), ` ${TYPE_NAMES[e.type]}${e.subtype && e.subtype !== TYPE_NAMES[e.type] ? ` / ${e.subtype}` : ''}`, h('span', { class: 'sub' }, ` ${e.status}`)));
      lines.push(h('div', { class: 'tip-text' }, `“${e.text}” `, h('span', { class: 'sub' }, `${e.start}–${e.end}`)));
      if (base) lines.push(h('div', {}, `confidence ${pct(base.confidence)}`));
      else lines.push(h('div', { class: 'sub' }, 'added by a reviewer'));
      if (LINKABLE.has(e.type)) lines.push(linkLine(e, base));
      const date = s.dates.find((d) => d.start === e.start && d.end === e.end);
      if (date) lines.push(h('div', {}, `date ${date.kind} = `, h('code', {}, date.value)));
      const cands = base?.link?.candidates ?? [];
      if (cands.length) lines.push(h('div', { class: 'cands' }, h('div', { class: 'sub' }, 'candidates'), h('ol', {}, cands.map((c) => h('li', {}, candidateLabel(c.id), h('span', { class: 'score' }, c.score.toFixed(2)))))));
    } else {
      const d = s.dates.find((x) => x.start === f.start && x.end === f.end);
      if (!d) return lines;
      const base = baseDate(d);
      lines.push(h('div', { class: 'tip-head' }, h('u', { class: 'date' }, 'date'), ` ${d.kind}`, h('span', { class: 'sub' }, ` ${d.status}`)));
      lines.push(h('div', { class: 'tip-text' }, `“${d.text}” = `, h('code', {}, d.value)));
      if (base) lines.push(h('div', {}, `confidence ${pct(base.confidence)}`));
    }
    return lines;
  }

  function linkLine(e, base) {
    if (e.link === null || e.link === 'nil') {
      return h('div', { class: 'link nil' }, 'link: NIL (not in the KB)', base?.link && base.link.id.startsWith('nil:') ? h('span', { class: 'sub' }, ` ${base.link.id}`) : null);
    }
    const info = kbName(e.link);
    const sameAsRun = base?.link?.id === e.link;
    return h('div', { class: 'link' }, 'link: ', h('strong', {}, info ? info.name_en : e.link), info ? ` ${info.name}` : '', h('span', { class: 'sub' }, ` ${e.link}`),
      sameAsRun ? h('span', { class: 'sub' }, ` · link confidence ${pct(base.link.confidence)}`) : null,
      info?.offices.length ? h('div', { class: 'office' }, `on ${art.data.line.published}: ${info.offices.join('; ')}`) : info?.type === 'person' ? h('div', { class: 'office sub' }, art.data.line.published ? `no office on ${art.data.line.published} in the KB` : 'no publication date: office unknown') : null);
  }

  function candidateLabel(id) {
    const info = kbName(id);
    return h('span', {}, info ? `${info.name_en} ${info.name}` : id, info?.offices.length ? h('span', { class: 'sub' }, ` · ${info.offices[0]}`) : null, h('span', { class: 'sub' }, ` ${id}`));
  }

  function showTip(el, f) {
    const lines = describe(f);
    if (!lines.length) return;
    tip.replaceChildren(...lines);
    tip.hidden = false;
    const r = el.getBoundingClientRect();
    const left = Math.min(window.innerWidth - tip.offsetWidth - 8, Math.max(8, r.left));
    const below = r.bottom + 6 + tip.offsetHeight < window.innerHeight;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${(below ? r.bottom + 6 : r.top - tip.offsetHeight - 6) + window.scrollY}px`;
  }
  function hideTip() { tip.hidden = true; }

  function detailPanel() {
    const f = art.focus;
    const actions = readOnly ? null : h('div', { class: 'actions' },
      [['a', 'accept'], ['x', 'reject'], ['t', 'type'], ['l', 'relink'], ['n', 'NIL'], ['e', 'date value'], ['c', 'span from selection'], ['r', 'resize to selection'], ['u', 'undo'], ['d', stateOf().reviewed ? 'unmark reviewed' : 'mark reviewed']]
        .map(([k, label]) => h('button', { type: 'button', 'data-key': k, onclick: () => articleKey(new KeyboardEvent('keydown', { key: k })) }, h('kbd', {}, k), ` ${label}`)));
    return h('div', { class: 'detail' }, h('h2', {}, 'Mention'),
      f ? describe(f) : h('p', { class: 'sub' }, 'Focus a mention (j / k, Tab, or hover) to see it here.'), actions);
  }

  function agreementPanel() {
    const a = art.data.agreement;
    if (!a) return null;
    const d = a.diff;
    const items = [
      ...d.gained.map((x) => `run adds ${x.type} “${x.text}”`), ...d.lost.map((x) => `run misses ${x.type} “${x.text}”${x.link ? ` → ${x.link}` : ''}`),
      ...d.retyped.map((x) => `“${x.a.text}”: gold ${x.a.type}, run ${x.b.type}`), ...d.relinked.map((x) => `“${x.a.text}”: gold ${x.a.link}, run ${x.b.link}`),
      ...d.dates.gained.map((x) => `run adds date “${x.text}”`), ...d.dates.lost.map((x) => `run misses date “${x.text}” = ${x.value}`),
      ...d.dates.changed.map((x) => `“${x.a.text}”: gold ${x.a.value}, run ${x.b.value}`),
    ];
    return h('div', { class: `agreement ${a.agrees ? 'ok' : 'differs'}` }, h('h2', {}, a.agrees ? `run:${art.data.run.id} agrees with the review` : `run:${art.data.run.id} differs from the review`),
      items.length ? h('ul', {}, items.slice(0, 30).map((t) => h('li', {}, t))) : null);
  }

  function logPanel() {
    const log = art.data.review.log;
    return h('div', { class: 'log' }, h('h2', {}, `Corrections (${log.filter((c) => c.applied).length})`),
      log.length === 0 ? h('p', { class: 'sub' }, 'none yet') :
        h('ol', { id: 'corrections' }, log.slice().reverse().map((c) => {
          const corr = JSON.parse(c.correction);
          const what = corr.action === 'reviewed' ? (corr.done ? 'marked reviewed' : 'unmarked reviewed') :
            `${corr.action} “${stateOf().text.slice(corr.start, corr.end)}”${corr.type ? ` → ${corr.type}` : ''}${corr.link ? ` → ${corr.link}` : ''}${corr.value ? ` = ${corr.value}` : ''}${corr.newStart !== undefined ? ` → “${stateOf().text.slice(corr.newStart, corr.newEnd)}”` : ''}`;
          return h('li', { class: c.applied ? null : 'undone' }, what, h('span', { class: 'sub' }, ` · ${c.reviewer} · ${c.createdAt.replace('T', ' ').slice(0, 19)}${c.undoneAt ? ` · undone by ${c.undoneBy}` : ''}${c.problem ? ` · no longer fits: ${c.problem}` : ''}`));
        })));
  }

  // ---- corrections ---------------------------------------------------------------------------

  async function send(correction, nextFocus) {
    if (!reviewer()) { say('enter a reviewer name first (top right)', 'error'); reviewerInput.focus(); return; }
    try {
      art.data = await post(`/api/runs/${art.runId}/articles/${art.seq}/corrections`, { reviewer: reviewer(), correction });
      if (nextFocus !== undefined) art.focus = nextFocus;
      renderArticle();
      say(`saved: ${correction.action} (${new Date().toLocaleTimeString()})`);
    } catch (err) {
      say(`not saved: ${err.message}`, 'error');
    }
  }

  async function undoLast() {
    try {
      art.data = await post(`/api/runs/${art.runId}/articles/${art.seq}/undo`, { reviewer: reviewer() || 'unknown' });
      renderArticle();
      say('undone');
    } catch (err) {
      say(`undo failed: ${err.message}`, 'error');
    }
  }

  /** The current text selection as offsets into the cleaned text, or null. */
  function selectionSpan() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const offset = (node, off) => {
      const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node)?.closest('[data-o]');
      return el && document.getElementById('text')?.contains(el) ? Number(el.dataset.o) + (node.nodeType === Node.TEXT_NODE ? off : 0) : null;
    };
    const a = offset(sel.anchorNode, sel.anchorOffset), b = offset(sel.focusNode, sel.focusOffset);
    if (a === null || b === null) return null;
    let start = Math.min(a, b), end = Math.max(a, b);
    const text = stateOf().text;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return start < end ? { start, end } : null;
  }

  function chooseType(title, onPick) {
    const pick = (t) => { closeOverlay(); onPick(t); };
    openOverlay(h('div', { class: 'dialog', id: 'type-dialog' }, h('h2', {}, title),
      h('div', { class: 'types' }, TYPES.map((t, i) => h('button', { type: 'button', class: `ent ${t}`, onclick: () => pick(t) }, h('kbd', {}, i + 1), ` ${t} ${TYPE_NAMES[t]}`))),
      h('p', { class: 'sub' }, '1–6 or the type letter (p o l d t q); Esc cancels')), (e) => {
      const t = /^[1-6]$/.test(e.key) ? TYPES[Number(e.key) - 1] : { p: 'PS', o: 'OG', l: 'LC', d: 'DT', t: 'TI', q: 'QT' }[e.key.toLowerCase()];
      if (t) { pick(t); return true; }
      return false;
    });
  }

  function relinkDialog(e) {
    const base = baseEntity(e);
    const cands = (base?.link?.candidates ?? []).filter((c) => !c.id.startsWith('nil'));
    const results = h('ol', { class: 'results', id: 'kb-results' });
    let found = [];
    let chosen = -1;
    const choose = (id) => { closeOverlay(); send({ action: 'relink', start: e.start, end: e.end, link: id }); };
    const search = h('input', { id: 'kb-search', placeholder: 'search the KB by any name or alias', autocomplete: 'off', spellcheck: 'false' });
    const mark = () => [...results.children].forEach((li, i) => li.classList.toggle('chosen', i === chosen));
    let pending = 0;
    search.addEventListener('input', async () => {
      const q = search.value.trim();
      const mine = ++pending;
      if (!q) { results.replaceChildren(); found = []; return; }
      try {
        const list = await get(`/api/kb?q=${encodeURIComponent(q)}${art.data.line.published ? `&day=${art.data.line.published}` : ''}`);
        if (mine !== pending) return;
        found = list;
        for (const info of list) art.data.kb[info.id] = info;
        chosen = list.length ? 0 : -1;
        results.replaceChildren(...list.map((info) => h('li', { onclick: () => choose(info.id) }, `${info.name_en} ${info.name}`, info.offices.length ? h('span', { class: 'sub' }, ` · ${info.offices[0]}`) : null, h('span', { class: 'sub' }, ` ${info.id}`))));
        mark();
      } catch (err) {
        results.replaceChildren(h('li', { class: 'error' }, err.message));
      }
    });
    search.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') { chosen = Math.max(0, Math.min(found.length - 1, chosen + (ev.key === 'ArrowDown' ? 1 : -1))); mark(); ev.preventDefault(); }
      else if (ev.key === 'Enter' && found[chosen]) { ev.preventDefault(); choose(found[chosen].id); }
      else if (ev.key === 'Escape') { ev.preventDefault(); search.blur(); }
      ev.stopPropagation();
    });
    openOverlay(h('div', { class: 'dialog', id: 'relink-dialog' }, h('h2', {}, `Link “${e.text}”`),
      h('ol', { class: 'cands' }, cands.map((c, i) => h('li', {}, h('button', { type: 'button', onclick: () => choose(c.id) }, h('kbd', {}, i + 1), ' ', candidateLabel(c.id), h('span', { class: 'score' }, c.score.toFixed(2)))))),
      cands.length === 0 ? h('p', { class: 'sub' }, 'the run had no candidates; search the KB') : null,
      h('div', { class: 'search' }, h('kbd', {}, '/'), ' ', search), results,
      h('p', { class: 'sub' }, '1–5 picks a candidate · / searches (↑ ↓ Enter) · n marks NIL · Esc cancels')), (ev) => {
      if (/^[1-5]$/.test(ev.key) && cands[Number(ev.key) - 1]) { choose(cands[Number(ev.key) - 1].id); return true; }
      if (ev.key === '/') { search.focus(); return true; }
      if (ev.key === 'n') { closeOverlay(); send({ action: 'nil', start: e.start, end: e.end }); return true; }
      return false;
    });
  }

  function dateDialog(start, end) {
    const s = stateOf();
    const d = s.dates.find((x) => x.start === start && x.end === end);
    const kind = h('select', { id: 'date-kind' }, ['date', 'time', 'interval', 'duration', 'set'].map((k) => h('option', { value: k, selected: (d?.kind ?? 'date') === k }, k)));
    const value = h('input', { id: 'date-value', value: d?.value ?? '', spellcheck: 'false', autocomplete: 'off' });
    const save = () => { closeOverlay(); send({ action: 'date', start, end, kind: kind.value, value: value.value.trim() }); };
    value.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') { ev.preventDefault(); save(); }
      if (ev.key === 'Escape') { ev.preventDefault(); closeOverlay(); }
      ev.stopPropagation();
    });
    openOverlay(h('div', { class: 'dialog', id: 'date-dialog' }, h('h2', {}, `Date value of “${s.text.slice(start, end)}”`),
      h('label', {}, 'kind ', kind), h('label', {}, 'value ', value), h('button', { type: 'button', onclick: save }, 'save (Enter)'),
      h('p', { class: 'sub' }, `ISO 8601 at the expression's precision (CONTRACT.md): 2023-07-24, 2023-07, XXXX-XX-30, P15Y, 2023-07-24TMO, A/B. Published ${art.data.line.published ?? 'unknown'}.`)), () => false);
    value.focus();
    value.select();
  }

  /** Move the focus over mentions (entities and free-standing dates) in text order. */
  function moveFocus(step) {
    const els = [...document.querySelectorAll('#text [tabindex="0"]')];
    if (!els.length) return;
    const i = els.indexOf(document.activeElement);
    const next = els[i < 0 ? (step > 0 ? 0 : els.length - 1) : Math.max(0, Math.min(els.length - 1, i + step))];
    next.focus();
  }

  function articleKey(e) {
    const { data } = art;
    const ent = focusedEntity();
    const key = e.key;
    if (key === 'j') { moveFocus(1); return true; }
    if (key === 'k') { moveFocus(-1); return true; }
    if (key === 'J' && data.next !== null) { location.hash = `#/run/${data.run.id}/a/${data.next}`; return true; }
    if (key === 'K' && data.prev !== null) { location.hash = `#/run/${data.run.id}/a/${data.prev}`; return true; }
    if (key === 'o') { location.hash = `#/run/${data.run.id}/a/${data.seq}/source`; return true; }
    if (key === 'g' || key === 'Escape') { location.hash = `#/run/${data.run.id}`; return true; }
    if (readOnly) return false;
    if ((key === 'u' && !e.ctrlKey) || (key === 'z' && (e.ctrlKey || e.metaKey))) { undoLast(); return true; }
    if (key === 'd') { send({ action: 'reviewed', done: !stateOf().reviewed }); return true; }
    if (key === 'c') {
      const span = selectionSpan();
      if (!span) { say('select text in the article first, then press c', 'error'); return true; }
      chooseType(`New span “${stateOf().text.slice(span.start, span.end)}”`, (type) => send({ action: 'create', ...span, type }, { kind: 'ent', ...span }));
      return true;
    }
    if (key === 'e') {
      const target = ent && (ent.type === 'DT' || ent.type === 'TI') ? ent : focusedDate();
      if (!target) { say('focus a date (DT, TI or an underlined date) first', 'error'); return true; }
      dateDialog(target.start, target.end);
      return true;
    }
    if (!ent) {
      if ('axtlnr'.includes(key) || key.startsWith('Arrow') || key === '[' || key === ']' || key === 'Delete') { say('focus a mention first (j / k)', 'error'); return true; }
      return false;
    }
    const at = { start: ent.start, end: ent.end };
    const resize = (newStart, newEnd) => send({ action: 'resize', ...at, newStart, newEnd }, { kind: 'ent', start: newStart, end: newEnd });
    if (key === 'a') send({ action: 'accept', ...at });
    else if (key === 'x' || key === 'Delete') {
      const next = stateOf().entities.find((x) => x.start >= ent.end);
      send({ action: 'reject', ...at }, next ? { kind: 'ent', start: next.start, end: next.end } : null);
    }
    else if (key === 't') chooseType(`Type of “${ent.text}”`, (type) => send({ action: 'retype', ...at, type }));
    else if (key === 'l') {
      if (!LINKABLE.has(ent.type)) { say(`${ent.type} mentions take no link`, 'error'); return true; }
      relinkDialog(ent);
    } else if (key === 'n') send({ action: 'nil', ...at });
    else if (key === 'r') {
      const span = selectionSpan();
      if (!span) { say('select the new extent in the text first, then press r', 'error'); return true; }
      resize(span.start, span.end);
    } else if (e.shiftKey && key === 'ArrowRight') resize(ent.start, ent.end + 1);
    else if (e.shiftKey && key === 'ArrowLeft') resize(ent.start, ent.end - 1);
    else if (key === '[') resize(ent.start - 1, ent.end);
    else if (key === ']') resize(ent.start + 1, ent.end);
    else return false;
    return true;
  }

  // ---- source ------------------------------------------------------------------------------

  async function showSource(runId, seq) {
    const [src, article] = await Promise.all([get(`/api/runs/${runId}/articles/${seq}/source`), get(`/api/runs/${runId}/articles/${seq}`)]);
    crumbs(['runs', report ? null : '#/'], [`run:${runId}`, `#/run/${runId}`], [article.line.id, `#/run/${runId}/a/${seq}`], ['source']);
    const marks = src.removed.flatMap((r, i) => r.ranges.map(([a, b]) => ({ a, b, reason: r.reason, i }))).sort((x, y) => x.a - y.a);
    const pieces = [];
    let at = 0;
    for (const m of marks) {
      if (m.a < at) continue;
      if (m.a > at) pieces.push(src.original.slice(at, m.a));
      pieces.push(h('mark', { class: 'removed', title: `removed: ${m.reason}`, 'data-reason': m.reason }, src.original.slice(m.a, m.b)));
      at = m.b;
    }
    pieces.push(src.original.slice(at));
    main.replaceChildren(h('section', { class: 'source' },
      h('h1', {}, `Original of ${article.line.id}`),
      h('p', { class: 'sub' }, `${src.source} (${src.kind}) · struck-through parts were removed by cleaning · `, h('a', { href: `#/run/${runId}/a/${seq}` }, 'back to the article (o)')),
      src.note ? h('p', { class: 'badge' }, src.note) : null,
      h('div', { class: 'cols' },
        h('pre', { class: 'original', lang: 'ko' }, pieces),
        h('div', { class: 'removals' }, h('h2', {}, `Removed by cleaning (${src.removed.length})`),
          h('ol', {}, src.removed.map((r) => h('li', {}, h('strong', {}, r.reason), h('pre', {}, r.text))))))));
    view = { key: (e) => { if (e.key === 'o' || e.key === 'Escape') { location.hash = `#/run/${runId}/a/${seq}`; return true; } return false; } };
  }

  // ---- overlays, help, keys ------------------------------------------------------------------

  let overlayKey = null;
  function openOverlay(content, onKey) {
    hideTip();
    overlay.replaceChildren(content);
    overlay.hidden = false;
    overlayKey = onKey;
  }
  function closeOverlay() {
    overlay.hidden = true;
    overlay.replaceChildren();
    overlayKey = null;
    if (art?.focus) document.querySelector(`#text [data-start="${art.focus.start}"][data-end="${art.focus.end}"][data-kind="${art.focus.kind}"]`)?.focus();
  }
  overlay.addEventListener('click', (e) => { if (e.target === overlay) closeOverlay(); });

  const SHORTCUTS = [
    ['Everywhere', [['?', 'this help'], ['Esc', 'close a dialog; back to the queue'], ['g', 'back to the queue']]],
    ['Runs and queue', [['j / k, ↓ / ↑', 'next / previous row'], ['Enter', 'open'], ['/', 'filter by linked entity id'], ['x', 'export reviewed articles as gold']]],
    ['Article: move', [['j / k, Tab', 'next / previous mention'], ['J / K', 'next / previous article'], ['o', 'original source (what cleaning removed)']]],
    ['Article: correct (saved at once)', [
      ['a', 'accept the mention'], ['x, Delete', 'reject it'], ['t', 'change its type (then 1–6 or p o l d t q)'],
      ['l', 'relink: 1–5 a candidate, / search the KB by any alias'], ['n', 'mark NIL (not in the KB)'],
      ['Shift+← / Shift+→', 'move the end left / right'], ['[ / ]', 'move the start left / right'],
      ['r', 'resize the mention to the selected text'], ['c', 'create a span from the selected text'],
      ['e', 'fix the date value'], ['d', 'mark the article reviewed (exported as gold)'], ['u, Ctrl+Z', 'undo the last correction']]],
  ];
  function showHelp() {
    openOverlay(h('div', { class: 'dialog help', id: 'help' }, h('h2', {}, 'Keyboard shortcuts'),
      SHORTCUTS.map(([group, keys]) => h('section', {}, h('h3', {}, group), h('dl', {}, keys.flatMap(([k, what]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, what)])))),
      readOnly ? h('p', { class: 'sub' }, 'This report is read-only: corrections need `hanlink review`.') : null), () => false);
  }
  document.getElementById('help-button').addEventListener('click', showHelp);

  document.addEventListener('keydown', (e) => {
    const inField = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName ?? '');
    if (!overlay.hidden) {
      if (e.key === 'Escape') { closeOverlay(); e.preventDefault(); return; }
      if (!inField && overlayKey?.(e)) e.preventDefault();
      return;
    }
    if (inField) {
      if (e.key === 'Escape') document.activeElement.blur();
      return;
    }
    if (e.ctrlKey && e.key !== 'z' || e.altKey || e.metaKey) return;
    if (e.key === '?') { showHelp(); e.preventDefault(); return; }
    if (view?.key(e)) e.preventDefault();
  });

  // ---- start ---------------------------------------------------------------------------------

  reviewerInput.addEventListener('change', () => localStorage.setItem('hanlink.reviewer', reviewer()));
  async function start() {
    if (readOnly) {
      document.getElementById('who').hidden = true;
    } else {
      const config = await get('/api/config');
      reviewerInput.value = localStorage.getItem('hanlink.reviewer') || config.reviewer;
    }
    window.addEventListener('hashchange', route);
    await route();
  }
  start();
})();
