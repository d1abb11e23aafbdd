// Journey tracker dashboard. Plain JS, no build step, no third-party code.
// Every piece of data reaches the page through textContent or an attribute, never parsed as HTML markup.
'use strict';
(function () {
  const main = document.getElementById('main');
  const state = { info: null, view: null, source: null };
  const PAGE = 25;

  const LABELS = {
    QUEUED: 'Queued', ACCEPTED: 'Accepted by eSMS', PENDING_APPROVAL: 'Pending approval', WAITING: 'Waiting to send',
    SENT: 'Sent to Zalo', DELIVERED: 'Delivered', FAILED: 'Failed', REJECTED: 'Rejected', EXPIRED: 'Expired',
    CANCELLED: 'Cancelled', VALIDATED: 'Validated (sandbox)', ACTIVE: 'In progress'
  };
  const TYPES = {
    SUBMITTED: 'submitted through the API', ACCEPTED: 'eSMS accepted the send', REJECTED: 'eSMS refused the send',
    QUEUED: 'eSMS unreachable, will retry', RETRY: 'retried the send', CALLBACK: 'callback from eSMS',
    POLL: 'status polled from eSMS', EXPIRED: 'no final report in time', CANCELLED: 'cancelled before sending',
    GIVEN_UP: 'not sent again: eSMS may already have it', PHONE: 'on the customer\'s phone',
    HELD: 'held: sending is paused for the account', RESCHEDULED: 'resent at 06:00 (not allowed at night)',
    NOT_RESCHEDULED: 'not resent: its send-before comes first'
  };
  // what a failure means beyond this message (failureKind)
  const KINDS = {
    recipient: 'this recipient only', configuration: 'the OA or template needs fixing', account: 'the eSMS or Zalo account needs attention',
    journey: "Zalo's journey token", timing: 'not allowed at this time of day', transient: 'never reached eSMS', unknown: 'cause unknown'
  };
  // Zalo's own messages are terse or vague; say what they mean for the customer
  const ZALO = {
    '-114': 'the recipient is inactive on Zalo, blocked the OA, declined the message or uses an outdated Zalo app',
    '-124': "the OA's Zalo access token is invalid: reconnect the OA in the eSMS dashboard"
  };

  // ---------- DOM helpers ----------
  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v == null || v === false) continue;
        if (k === 'class') el.className = v;
        else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const kid of kids.flat()) {
      if (kid == null || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }
  function render(...nodes) { main.replaceChildren(...nodes); }
  function label(status) { return LABELS[status] || status || ''; }
  function badge(status) {
    return h('span', { class: 'badge st st-' + status, title: status, 'data-status': status }, label(status));
  }
  function journeyHref(orderId) { return '#/journey/' + encodeURIComponent(orderId); }

  const timeFmt = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'
  });
  const clockFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const hourFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
  const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  function when(iso) {
    if (!iso) return h('span', { class: 'muted' }, '—');
    return h('time', { datetime: iso, title: iso.replace('T', ' ').replace('Z', ' UTC') }, timeFmt.format(new Date(iso)));
  }
  function duration(ms) {
    if (ms == null) return '—';
    const s = ms / 1000;
    if (s < 60) return (s < 10 ? s.toFixed(1) : Math.round(s)) + ' s';
    const m = Math.round(s / 60);
    if (m < 60) return m + ' min';
    const hrs = Math.floor(m / 60);
    return hrs < 48 ? hrs + ' h ' + (m % 60) + ' min' : Math.round(hrs / 24) + ' days';
  }
  function isoMinutes(iso) { // PT10M, PT1H30M -> milliseconds
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || '');
    return m ? ((+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0)) * 1000 : null;
  }
  const numFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  function price(p) { return p == null ? null : numFmt.format(Number(p)) + ' VND'; }
  function pct(x) { return x == null ? '—' : (x * 100).toFixed(x === 1 ? 0 : 1) + ' %'; }

  // ---------- API ----------
  class Unauthorized extends Error {}
  async function api(path) {
    const res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (res.status === 401) throw new Unauthorized('sign in needed');
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const e = new Error(body && body.error ? body.error : 'the service answered HTTP ' + res.status);
      e.status = res.status;
      throw e;
    }
    return body;
  }
  async function post(path, body) {
    const res = await fetch(path, { method: 'POST', credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
    if (res.status === 401) throw new Unauthorized('sign in needed');
    const answer = await res.json().catch(() => null);
    if (!res.ok) throw new Error(answer && answer.error ? answer.error : 'the service answered HTTP ' + res.status);
    return answer;
  }
  function failed(e, where) {
    if (e instanceof Unauthorized) return showLogin();
    const msg = h('p', { class: 'error' }, 'Could not load this: ' + e.message);
    if (where) where.replaceChildren(msg); else render(h('div', { class: 'card' }, msg));
  }

  // ---------- live updates ----------
  function setLive(on) {
    const el = document.getElementById('live');
    el.className = 'live ' + (on ? 'on' : 'off');
    el.textContent = on ? 'live' : 'offline';
    el.title = on ? 'Updates arrive by themselves' : 'Not receiving live updates; reconnecting';
  }
  function connectLive() {
    if (state.source || !window.EventSource) return;
    const es = new EventSource('/api/live');
    state.source = es;
    let seen = false;
    es.onopen = () => { setLive(true); if (seen) refreshSoon(null); seen = true; }; // after a gap: catch up
    es.onerror = () => {
      setLive(false);
      if (es.readyState === EventSource.CLOSED) { // refused (e.g. signed out): check why, then retry
        state.source = null;
        setTimeout(() => api('/api/info').then(connectLive, e => { if (e instanceof Unauthorized) showLogin(); }), 3000);
      }
    };
    es.addEventListener('journey', ev => {
      try { refreshSoon(JSON.parse(ev.data).orderId); } catch (ignored) { /* not ours */ }
    });
    es.addEventListener('reset', () => refreshSoon(null));
  }
  function closeLive() {
    if (state.source) state.source.close();
    state.source = null;
    setLive(false);
  }
  // coalesces a burst of changes into one refetch of what the open view shows
  function refreshSoon(orderId) {
    const v = state.view;
    if (!v || !v.wants(orderId) || v.pending) return;
    v.pending = true;
    setTimeout(() => {
      v.pending = false;
      if (state.view === v) v.refresh(true).catch(e => failed(e));
    }, v.delay);
  }
  function setView(v) {
    if (state.view && state.view.timer) clearInterval(state.view.timer);
    state.view = v;
  }

  // ---------- sign-in ----------
  function showLogin(message) {
    closeLive();
    setView(null);
    document.getElementById('logout').hidden = true;
    const input = h('input', { id: 'token', type: 'password', autocomplete: 'current-password', required: true,
      placeholder: 'API token', 'aria-label': 'API token' });
    const error = h('p', { class: 'error', id: 'login-error' }, message || '');
    const form = h('form', { onsubmit: async ev => {
      ev.preventDefault();
      error.textContent = '';
      const res = await fetch('/dashboard/login', { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: input.value }) });
      input.value = '';
      if (res.status === 204) return boot();
      const body = await res.json().catch(() => null);
      error.textContent = res.status === 401 ? 'That is not the right token.' : (body && body.error) || 'Sign-in failed';
    } }, input, h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'), error);
    render(h('div', { class: 'card login' }, h('h2', null, 'Sign in'),
      h('p', { class: 'muted' }, 'This tracker is protected. Enter the API token once; this browser then stays ' +
        'signed in for 12 hours. The token is never put in a link.'), form));
    input.focus();
  }
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/dashboard/logout', { method: 'POST', credentials: 'same-origin' });
    boot();
  });

  // ---------- home: overview + journeys list ----------
  function legend(statuses) {
    return h('div', { class: 'legend', id: 'legend' }, statuses.map(badge));
  }

  function windowCard(w, title) {
    const statuses = state.info.statuses;
    const stack = h('div', { class: 'stack', role: 'img', 'aria-label': 'messages by status' });
    for (const s of statuses) {
      const n = w.counts[s] || 0;
      if (!n) continue;
      const seg = h('div', { class: 'st st-' + s, title: label(s) + ': ' + n });
      seg.style.flexGrow = n;
      stack.append(seg);
    }
    const max = Math.max(1, ...w.buckets.map(b => Object.values(b.counts).reduce((a, c) => a + c, 0)));
    const bars = h('div', { class: 'bars' });
    const hourly = w.bucketSize === 'PT1H';
    for (const b of w.buckets) {
      const total = Object.values(b.counts).reduce((a, c) => a + c, 0);
      const start = new Date(b.start);
      const name = (hourly ? hourFmt : dayFmt).format(start);
      const bar = h('div', { class: 'bar', title: name + ': ' + total + ' message' + (total === 1 ? '' : 's') });
      const inner = h('div', { class: 'fill' });
      inner.style.height = (total / max * 100) + '%';
      for (const s of statuses) {
        if (!b.counts[s]) continue;
        const seg = h('div', { class: 'st st-' + s });
        seg.style.height = (b.counts[s] / total * 100) + '%';
        inner.append(seg);
      }
      bar.append(inner);
      bars.append(bar);
    }
    const first = new Date(w.buckets[0].start);
    return h('section', { class: 'card', id: 'window-' + w.name },
      h('h2', null, title),
      h('div', { class: 'kpis' },
        h('div', { class: 'kpi' }, h('b', { class: 'total' }, numFmt.format(w.total)), h('span', null, 'messages')),
        h('div', { class: 'kpi', title: w.delivered + ' delivered of ' + w.finals + ' with a final status' },
          h('b', { class: 'rate' }, pct(w.deliveryRate)), h('span', null, 'delivered')),
        h('div', { class: 'kpi', title: 'half of the messages had their final status within this time of being sent' },
          h('b', { class: 'median' }, duration(w.medianSendToFinalMs)), h('span', null, 'median to final'))),
      stack, bars,
      h('div', { class: 'axis' }, h('span', null, (hourly ? hourFmt : dayFmt).format(first)),
        h('span', null, hourly ? 'per hour' : 'per day'), h('span', null, 'now')));
  }

  function stuckCard(stuck) {
    const after = duration(isoMinutes(stuck.olderThan));
    const now = Date.now();
    const items = stuck.messages.map(m => h('li', null, badge(m.status),
      h('a', { href: journeyHref(m.orderId), title: m.phone }, m.orderId),
      h('span', { class: 'muted small', title: 'sent ' + m.createdAt.replace('T', ' ').replace('Z', ' UTC') },
        duration(now - Date.parse(m.createdAt)))));
    return h('section', { class: 'card', id: 'stuck' },
      h('h2', null, 'Not final after ' + after),
      h('div', { class: 'kpis' }, h('div', { class: 'kpi' }, h('b', null, numFmt.format(stuck.total)),
        h('span', null, stuck.total === 1 ? 'message still open' : 'messages still open'))),
      items.length ? h('ul', { class: 'stuck-list' }, items)
        : h('p', { class: 'muted small' }, 'Nothing waiting: every message older than ' + after + ' has a final status.'));
  }

  function journeyRow(j) {
    const open = () => { location.hash = journeyHref(j.orderId); };
    return h('tr', { onclick: open, 'data-order': j.orderId },
      h('td', { class: 'order' }, h('a', { href: journeyHref(j.orderId) }, j.orderId)),
      h('td', null, j.phones.join(', ')),
      h('td', null, String(j.messages)),
      h('td', null, badge(j.status)),
      h('td', null, when(j.lastActivityAt)),
      h('td', null, when(j.createdAt)));
  }

  async function showHome(q, status) {
    document.getElementById('q').value = q;
    const v = { wants: () => true, delay: 500, cursors: [''], refresh: null, pending: false, seq: 0 };
    setView(v);
    const overview = h('div', { class: 'overview', id: 'overview' }, h('div', { class: 'card muted' }, 'Loading overview…'));
    const listArea = h('div', { id: 'journeys' }, h('p', { class: 'muted' }, 'Loading journeys…'));
    const select = h('select', { id: 'status-filter', 'aria-label': 'Filter by journey status', onchange: () => {
      location.hash = '#/?' + new URLSearchParams({ q, status: select.value }).toString();
    } }, [['', 'All statuses'], ['ACTIVE', 'In progress'], ['DELIVERED', 'Delivered'], ['FAILED', 'Failed'], ['CANCELLED', 'Cancelled'], ['VALIDATED', 'Validated (sandbox)']]
      .map(([val, text]) => h('option', { value: val, selected: val === status }, text)));
    const heading = q ? 'Journeys matching “' + q + '”' : 'Latest journeys';
    const older = h('button', { id: 'older', type: 'button' }, 'Older →');
    const newer = h('button', { id: 'newer', type: 'button' }, '← Newer');
    const pageNo = h('span', { class: 'muted small' });
    render(overview, legend(state.info.statuses),
      h('div', { class: 'toolbar' }, h('h2', null, heading), q ? h('a', { href: '#/' }, 'Clear search') : null, select),
      listArea, h('div', { class: 'pager' }, pageNo, newer, older));

    async function loadList() {
      const seq = ++v.seq;
      const cursor = v.cursors[v.cursors.length - 1];
      const params = new URLSearchParams({ limit: PAGE });
      if (q) params.set('q', q);
      if (status) params.set('status', status);
      if (cursor) params.set('cursor', cursor);
      const page = await api('/api/journeys?' + params);
      if (seq !== v.seq || state.view !== v) return;
      listArea.replaceChildren(page.journeys.length
        ? h('table', { class: 'list' },
          h('thead', null, h('tr', null, ['Order', 'Phone', 'Messages', 'Status', 'Last activity', 'Started'].map(t => h('th', null, t)))),
          h('tbody', null, page.journeys.map(journeyRow)))
        : h('p', { class: 'notice card' }, q ? 'No journey matches “' + q + '”. Try the order id, the phone number or the SMSID.' : 'No journeys yet.'));
      v.next = page.nextCursor;
      older.disabled = !page.nextCursor;
      newer.disabled = v.cursors.length === 1;
      pageNo.textContent = 'Page ' + v.cursors.length;
    }
    async function loadOverview() {
      const o = await api('/api/overview?offset=' + (-new Date().getTimezoneOffset()));
      if (state.view !== v) return;
      overview.replaceChildren(windowCard(o.windows[0], 'Last 24 hours'), windowCard(o.windows[1], 'Last 7 days'), stuckCard(o.stuck));
    }
    older.addEventListener('click', () => { if (v.next) { v.cursors.push(v.next); loadList().catch(e => failed(e, listArea)); } });
    newer.addEventListener('click', () => { if (v.cursors.length > 1) { v.cursors.pop(); loadList().catch(e => failed(e, listArea)); } });
    v.refresh = () => Promise.all([loadList(), loadOverview()]);
    v.timer = setInterval(() => loadOverview().catch(() => {}), 60000); // ages in "not final" move on
    loadList().catch(e => failed(e, listArea));
    loadOverview().catch(e => failed(e, overview));
  }

  // ---------- journey page ----------
  function reasonBox(m) {
    if (!m.failureReason) return null;
    const zalo = /Zalo error (-?\d+)/.exec(m.failureReason);
    const words = zalo && ZALO[zalo[1]] ? 'Zalo ' + zalo[1] + ': ' + ZALO[zalo[1]] : m.failureReason;
    return h('div', { class: 'reason', role: 'note' },
      h('strong', { class: 'reason-words' }, words),
      m.failureKind ? h('span', { class: 'kind', 'data-kind': m.failureKind }, 'Kind: ' + (KINDS[m.failureKind] || m.failureKind)) : null,
      words !== m.failureReason ? h('span', { class: 'raw' }, 'As reported: ' + m.failureReason) : null);
  }

  function rawDetails(e, openRaw) {
    const d = e.detail;
    if (!d || typeof d !== 'object') return null;
    const kids = [];
    if (d.fields && typeof d.fields === 'object') {
      kids.push(h('table', null, h('tbody', null, Object.entries(d.fields).map(([k, val]) =>
        h('tr', null, h('td', null, k), h('td', { class: 'mono' }, typeof val === 'string' ? val : JSON.stringify(val)))))));
    }
    if (d.query) kids.push(h('div', { class: 'small muted' }, 'Query string as received:'), h('pre', { class: 'mono' }, d.query));
    if (d.errorInfo && d.errorInfo.decoded) kids.push(h('div', { class: 'small muted' }, 'error_info decoded:'), h('pre', { class: 'mono' }, d.errorInfo.decoded));
    kids.push(h('div', { class: 'small muted' }, 'Everything recorded:'), h('pre', { class: 'mono' }, JSON.stringify(d, null, 2)));
    const det = h('details', { class: 'raw', open: openRaw.has(e.id), ontoggle: () => {
      if (det.open) openRaw.add(e.id); else openRaw.delete(e.id);
    } }, h('summary', { title: 'what was received and recorded, unaltered' }, d.fields ? 'raw fields' : 'details'), kids);
    return det;
  }

  function eventItem(e, openRaw) {
    const st = e.status || 'NONE';
    const d = e.detail && typeof e.detail === 'object' ? e.detail : {};
    return h('li', { class: 'st st-' + st, 'data-event': e.id, 'data-status': e.status || '' },
      h('span', { class: 'dot', title: e.status || 'no status' }),
      h('div', { class: 'ev' },
        h('span', { class: 'what' }, e.status ? label(e.status) : e.type),
        h('span', { class: 'muted' }, TYPES[e.type] || e.type),
        when(e.at),
        e.repeats > 1 ? h('span', { class: 'tag repeat', title: 'the same callback arrived ' + e.repeats + ' times; counted once' }, '×' + e.repeats) : null,
        e.late ? h('span', { class: 'tag late', title: 'arrived after a later status; recorded, status not moved back' }, 'late') : null,
        e.conflict ? h('span', { class: 'tag conflict', title: 'contradicts a final status already recorded; kept for the record' }, 'conflict') : null,
        e.capped > 0 ? h('span', { class: 'tag late', title: e.capped + ' other callbacks that changed nothing came after this message\'s 50 distinct ones; counted in ×, not stored' }, 'capped ' + e.capped) : null,
        rawDetails(e, openRaw)),
      d.note ? h('div', { class: 'note' }, d.note) : null);
  }

  const FINAL = new Set(['FAILED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'VALIDATED']);
  function resendButton(m) {
    if (state.info.auth === 'token' || !FINAL.has(m.status) || m.resentAs) return null;
    const b = h('button', { type: 'button', class: 'resend', 'data-resend': m.id, onclick: async () => {
      let confirmed = false;
      if (m.failureKind === 'transient') {
        confirmed = window.confirm('This message never reached eSMS for sure: an earlier try may have got through, so the customer may get it twice. Resend anyway?');
        if (!confirmed) return;
      }
      b.disabled = true;
      try {
        await post('/api/messages/' + m.id + '/resend', { confirmDuplicateRisk: confirmed });
      } catch (e) {
        b.disabled = false;
        b.replaceWith(h('span', { class: 'error' }, 'Resend refused: ' + e.message));
      }
    } }, 'Resend');
    return b;
  }

  /** "Step 2" for a first send, "Step 2 · resend 1" for its resends: a step is a message with its resends. */
  function stepLabels(messages) {
    const byId = new Map(messages.map(m => [m.id, m]));
    const roots = [], labels = new Map();
    for (const m of messages) {
      let root = m, n = 0;
      while (root.resendOf && byId.has(root.resendOf)) { root = byId.get(root.resendOf); n++; }
      if (!roots.includes(root.id)) roots.push(root.id);
      labels.set(m.id, 'Step ' + (roots.indexOf(root.id) + 1) + (n ? ' · resend ' + n : ''));
    }
    return labels;
  }

  function messageCard(m, stepLabel, openRaw) {
    const meta = [
      ['SMSID', m.smsId || 'not yet'], ['Template', m.templateId], ['OA', m.oaId],
      m.campaignId ? ['Campaign', m.campaignId] : null, ['Request id', m.requestId],
      m.attempts > 1 ? ['Attempts', String(m.attempts)] : null
    ].filter(Boolean);
    return h('section', { class: 'card msg st st-' + m.status, 'data-message': m.id, 'data-status': m.status },
      h('div', { class: 'msg-head' },
        h('span', { class: 'step' }, stepLabel),
        h('span', { class: 'mono' }, m.phone),
        badge(m.status),
        m.onPhoneAt ? h('span', { class: 'tag phone', title: 'Zalo says it reached the customer\'s phone at ' + m.onPhoneAt },
          'on the phone ' + clockFmt.format(new Date(m.onPhoneAt))) : null,
        m.sandbox ? h('span', { class: 'tag late' }, 'sandbox') : null,
        m.simulated ? h('span', { class: 'tag sim' }, 'simulated') : null,
        m.resentAs ? h('span', { class: 'tag', title: 'a newer message of this step counts instead' }, 'resent') : null,
        h('span', { class: 'price', title: 'price reported by eSMS for this message' }, price(m.price) || h('span', { class: 'muted' }, 'no charge reported')),
        resendButton(m)),
      h('div', { class: 'meta' }, meta.map(([k, val]) => h('span', null, k + ' ', h('b', { class: 'mono' }, val))),
        h('span', null, 'Sent ', when(m.createdAt)),
        m.nextAttemptAt ? h('span', null, 'Next attempt ', when(m.nextAttemptAt)) : null),
      m.params.length ? h('div', { class: 'params', title: 'template parameters, as sent' }, m.params.map(p => h('span', { class: 'param' }, p))) : null,
      reasonBox(m),
      m.heldReason ? h('div', { class: 'reason held', role: 'note' }, h('strong', null, 'Held: ' + m.heldReason)) : null,
      h('ol', { class: 'timeline' }, m.events.map(e => eventItem(e, openRaw))));
  }

  function renderJourney(v, orderId, j, live) {
    const back = h('a', { class: 'back', href: '#/' }, '← All journeys');
    const stamp = h('span', { class: 'updated' + (live ? ' flash' : ''), id: 'updated' },
      (live ? 'Updated live at ' : 'Loaded at ') + clockFmt.format(new Date()));
    if (!j) {
      render(back, h('div', { class: 'card notice' }, h('h1', null, orderId),
        h('p', null, 'No messages for this order yet. This page will show them as soon as one is sent.'), stamp));
      return;
    }
    const delivered = j.counts.DELIVERED || 0;
    const last = j.timeline.length ? j.timeline[j.timeline.length - 1].at : null;
    const phones = [...new Set(j.messages.map(m => m.phone))];
    render(back,
      h('div', { class: 'card jhead' },
        h('div', { class: 'title' }, h('div', { class: 'muted small' }, 'Order'), h('h1', { id: 'order-id' }, j.orderId),
          h('div', { class: 'small muted' }, phones.join(', '))),
        h('div', { class: 'facts' },
          h('div', { class: 'fact' }, h('span', null, 'Status'), h('b', null, badge(j.status))),
          h('div', { class: 'fact' }, h('span', null, 'Delivered'), h('b', null, delivered + ' of ' + j.messages.filter(m => !m.resentAs).length)),
          h('div', { class: 'fact' }, h('span', null, 'On the phone'), h('b', { id: 'on-phone' }, String(j.onPhone || 0))),
          h('div', { class: 'fact' }, h('span', null, 'Journey price'), h('b', { id: 'journey-price' }, price(j.price) || '—')),
          h('div', { class: 'fact' }, h('span', null, 'Last activity'), h('b', null, when(last)))),
        stamp),
      legend(state.info.statuses),
      h('div', { id: 'messages' }, (labels => j.messages.map(m => messageCard(m, labels.get(m.id), v.openRaw)))(stepLabels(j.messages))));
  }

  async function showJourney(orderId) {
    document.getElementById('q').value = '';
    const v = { wants: id => id == null || id === orderId, delay: 150, openRaw: new Set(), pending: false, seq: 0 };
    setView(v);
    render(h('p', { class: 'muted' }, 'Loading ' + orderId + '…'));
    v.refresh = async live => {
      const seq = ++v.seq;
      let j = null;
      try {
        j = await api('/api/journey?' + new URLSearchParams({ orderId })); // any order id, slashes included
      } catch (e) {
        if (e.status !== 404) throw e;
      }
      if (seq === v.seq && state.view === v) renderJourney(v, orderId, j, live);
    };
    v.refresh(false).catch(e => failed(e));
  }

  // ---------- webhooks: endpoints (registered through the API) and each one's latest attempts ----------
  function attemptRow(a) {
    const ok = a.statusCode != null && a.statusCode >= 200 && a.statusCode < 300;
    return h('tr', { 'data-ok': ok ? 'yes' : 'no' },
      h('td', null, when(a.at)), h('td', null, a.type), h('td', { class: 'mono' }, a.webhookId),
      h('td', null, h('span', { class: 'code ' + (ok ? 'ok' : 'bad') }, a.statusCode == null ? 'no answer' : String(a.statusCode))),
      h('td', null, a.latencyMs + ' ms'), h('td', { class: 'answer' }, a.answer || ''));
  }
  function endpointCard(e, attempts) {
    const health = e.enabled ? (e.failingSince ? 'failing since ' + timeFmt.format(new Date(e.failingSince)) : 'active')
      : 'disabled: ' + (e.disabledReason || '');
    return h('section', { class: 'card hook', 'data-endpoint': e.id },
      h('div', { class: 'hook-head' }, h('h2', null, e.url),
        h('span', { class: 'hook-state ' + (!e.enabled ? 'bad' : e.failingSince ? 'warn' : 'ok') }, health)),
      h('p', { class: 'muted small' }, 'Events: ' + e.events.join(', ') + ' · registered ' + timeFmt.format(new Date(e.createdAt))
        + ' · ' + e.delivered + ' delivered, ' + e.pending + ' pending, ' + e.failed + ' failed'),
      attempts.length
        ? h('table', { class: 'list attempts' },
          h('thead', null, h('tr', null, ['Time', 'Event', 'webhook-id', 'Answer', 'Latency', 'First bytes of the answer'].map(t => h('th', null, t)))),
          h('tbody', null, attempts.map(attemptRow)))
        : h('p', { class: 'muted small' }, 'No attempts yet.'));
  }
  async function showWebhooks() {
    const v = { wants: () => true, delay: 1000, pending: false };
    setView(v);
    const area = h('div', { id: 'webhooks' }, h('p', { class: 'muted' }, 'Loading webhooks…'));
    render(h('div', { class: 'toolbar' }, h('h2', null, 'Webhooks'), h('a', { href: '#/' }, '← Journeys')),
      h('p', { class: 'muted small' }, 'Endpoints are registered with POST /api/webhooks (see the README); each delivery is '
        + 'signed the Standard Webhooks way and retried for about a day. The latest attempts per endpoint:'), area);
    v.refresh = async () => {
      const list = (await api('/api/webhooks')).endpoints;
      const cards = await Promise.all(list.map(async e => endpointCard(e, (await api('/api/webhooks/' + e.id + '/attempts?limit=25')).attempts)));
      if (state.view !== v) return;
      area.replaceChildren(...(cards.length ? cards : [h('p', { class: 'notice card' }, 'No webhook endpoint registered.')]));
    };
    v.timer = setInterval(() => { if (state.view === v) v.refresh().catch(e => failed(e, area)); }, 5000);
    v.refresh().catch(e => failed(e, area));
  }

  // ---------- routing ----------
  function route() {
    if (!state.info) return;
    const hash = location.hash || '#/';
    if (hash === '#/webhooks') return showWebhooks();
    const m = /^#\/journey\/(.+)$/.exec(hash);
    if (m) {
      let id;
      try { id = decodeURIComponent(m[1]); } catch (e) { id = m[1]; }
      return showJourney(id);
    }
    const params = new URLSearchParams(hash.replace(/^#\/?\??/, ''));
    return showHome(params.get('q') || '', params.get('status') || '');
  }
  window.addEventListener('hashchange', route);
  document.getElementById('search').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = document.getElementById('q').value.trim();
    const target = q ? '#/?' + new URLSearchParams({ q }).toString() : '#/';
    if (location.hash === target) route(); else location.hash = target;
  });

  async function boot() {
    try {
      state.info = await api('/api/info');
    } catch (e) {
      state.info = null;
      return failed(e);
    }
    document.getElementById('sim-banner').hidden = !state.info.simulated;
    document.getElementById('logout').hidden = state.info.auth !== 'session';
    connectLive();
    route();
    showAccount();
    setInterval(showAccount, 60000);
  }

  // balance and quota in the header; a banner below LOW_BALANCE_VND
  async function showAccount() {
    let a;
    try { a = await api('/api/account'); } catch (e) { return; }
    const quota = (a.quotas || []).find(q => q.remaining != null);
    document.getElementById('account').textContent = (a.balanceVnd != null ? 'Balance ' + price(a.balanceVnd) : 'Balance unknown')
      + (quota ? ' · ZNS left today ' + numFmt.format(quota.remaining) : '');
    // sending paused, and account or configuration alerts: one banner each, on every page
    const banners = [];
    if (a.paused) {
      banners.push(h('div', { class: 'banner warn', 'data-alert': 'paused' }, 'Sending paused since ' + clockFmt.format(new Date(a.paused.since))
        + ': ' + a.paused.reason + ' (' + a.paused.code + '). ' + a.paused.held + (a.paused.held === 1 ? ' message' : ' messages')
        + ' held; they go out by themselves once eSMS takes the account again.'));
    }
    for (const al of a.alerts || []) {
      banners.push(h('div', { class: 'banner warn', 'data-alert': al.kind },
        (al.kind === 'account' ? 'Account problem' : 'Configuration problem') + ' on OA ' + al.oaId
        + (al.templateId ? ', template ' + al.templateId : '') + ' since ' + clockFmt.format(new Date(al.since)) + ': '
        + al.reason + ' — ' + al.messages + (al.messages === 1 ? ' message' : ' messages') + ' so far.'));
    }
    document.getElementById('alerts').replaceChildren(...banners);
    const low = document.getElementById('low-balance');
    low.hidden = !a.lowBalance;
    low.textContent = a.lowBalance ? 'The eSMS balance is low: ' + price(a.balanceVnd) + ' (warning below '
      + price(a.lowBalanceVnd) + '). Top up the account before sends are refused.' : '';
  }
  boot();
})();
