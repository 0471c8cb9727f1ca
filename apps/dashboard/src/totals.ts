// Live totals from /stats: the headline figures and the breakdowns by tool, content type, model and day.
import { el, int, pct } from './format.js';
import type { Bucket, Stats } from './types.js';

interface Row {
  label: string;
  count: number;
  tokensBefore: number;
  tokensAfter: number;
  /** Net of retrievals (per tool and content type: those whose key the proxy could still place). */
  saved: number;
}

function card(id: string, label: string, value: number, note = ''): HTMLElement {
  return el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value', 'data-stat': id }, int(value)), el('div', { class: 'note' }, note));
}

function table(title: string, unit: string, rows: Row[], note = ''): HTMLElement {
  const max = Math.max(1, ...rows.map((r) => r.saved));
  const body = rows.length
    ? rows.map((r) =>
        el(
          'tr',
          {},
          el('td', {}, r.label),
          el('td', { class: 'bar' }, el('span', { style: `width:${Math.max(0, (100 * r.saved) / max).toFixed(1)}%` })),
          el('td', { class: 'num' }, int(r.saved)),
          el('td', { class: 'num' }, pct(r.saved, r.tokensBefore)),
          el('td', { class: 'num' }, `${int(r.tokensBefore)} → ${int(r.tokensAfter)}`),
          el('td', { class: 'num dim' }, `${int(r.count)} ${unit}`),
        ),
      )
    : [el('tr', {}, el('td', { class: 'dim', colspan: '6' }, 'nothing yet'))];
  return el(
    'section',
    { class: 'breakdown' },
    el('h3', {}, title),
    el('table', {}, el('thead', {}, el('tr', {}, ...['', 'net saved', 'tokens', 'of before', 'before → after', ''].map((h) => el('th', {}, h)))), el('tbody', {}, ...body)),
    note ? el('p', { class: 'note' }, note) : '',
  );
}

const fromBuckets = (b: Record<string, Bucket> | undefined): Row[] =>
  Object.entries(b ?? {}).map(([label, x]) => ({ label, count: x.count, tokensBefore: x.tokensBefore, tokensAfter: x.tokensAfter, saved: x.tokensBefore - x.tokensAfter - x.retrievalTokens }));

const NET_OF_ATTRIBUTED = 'net of retrievals whose key the proxy could place (days, models and totals count every one)';

const bySaved = (a: Row, b: Row) => b.saved - a.saved || a.label.localeCompare(b.label);

export function renderTotals(s: Stats, into: HTMLElement, breakdowns: HTMLElement): void {
  const t = s.totals;
  into.replaceChildren(
    card('requests', 'requests', t.requests, `${int(t.compressed)} compressed · ${int(t.failOpen)} fail-open · ${int(t.errors)} errors`),
    card('tokensBefore', 'tool output in', t.tokensBefore, 'tokens before compression'),
    card('tokensAfter', 'tool output out', t.tokensAfter, 'tokens sent upstream'),
    card('retrievalTokens', 'put back', t.retrievalTokens, `${int(t.retrievals)} retrievals`),
    card('netSavedTokens', 'net saved', t.netSavedTokens, `${pct(t.netSavedTokens, t.tokensBefore)} of tool output, after retrievals`),
    card('inputTokens', 'upstream input', t.inputTokens, `cache read ${int(t.cacheReadTokens)} · write ${int(t.cacheWriteTokens)}`),
    card('outputTokens', 'upstream output', t.outputTokens, 'as billed by the provider'),
  );
  const tools = new Map<string, Row>();
  for (const m of s.models) {
    for (const [name, x] of Object.entries(m.tools)) {
      const r = tools.get(name) ?? { label: name, count: 0, tokensBefore: 0, tokensAfter: 0, saved: 0 };
      r.count += x.blocks;
      r.tokensBefore += x.tokensBefore;
      r.tokensAfter += x.tokensAfter;
      r.saved += x.tokensBefore - x.tokensAfter - (x.retrievalTokens ?? 0);
      tools.set(name, r);
    }
  }
  const models = s.models.map((m) => ({ label: `${m.provider} ${m.model}`, count: m.requests, tokensBefore: m.tokensBefore, tokensAfter: m.tokensAfter, saved: m.tokensBefore - m.tokensAfter - m.retrievalTokens }));
  breakdowns.replaceChildren(
    table('By tool', 'blocks', [...tools.values()].sort(bySaved), NET_OF_ATTRIBUTED),
    table('By content type', 'blocks', fromBuckets(s.contentTypes).sort(bySaved), NET_OF_ATTRIBUTED),
    table('By model', 'requests', models.sort(bySaved)),
    table('By day', 'requests', fromBuckets(s.days).sort((a, b) => b.label.localeCompare(a.label))),
  );
}
