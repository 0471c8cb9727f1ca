// The request list: the trace ring newest first, filtered by provider, model, tool, content type and
// outcome (the proxy filters; the page only builds the query).
import { el, int, ms, pct } from './format.js';
import type { RequestPage, RequestTrace } from './types.js';

const FILTERS = [
  ['provider', 'providers', 'any provider'],
  ['model', 'models', 'any model'],
  ['tool', 'tools', 'any tool'],
  ['contentType', 'contentTypes', 'any content type'],
] as const;

const OUTCOMES: [string, string][] = [
  ['', 'any outcome'],
  ['compressed', 'compressed'],
  ['retrieval', 'with retrievals'],
  ['failOpen', 'fail-open'],
  ['bypass', 'bypassed'],
  ['error', 'upstream error'],
];

export function filterQuery(form: HTMLFormElement): string {
  const q = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) q.set(k, v);
  return q.toString();
}

/** Keeps each select's choice while its options follow what the ring holds. */
export function renderFilters(form: HTMLFormElement, facets: RequestPage['facets'], onChange: () => void): void {
  if (!form.dataset.ready) {
    form.dataset.ready = '1';
    for (const [name, , any] of FILTERS) form.append(el('select', { name, 'aria-label': any }, el('option', { value: '' }, any)));
    form.append(el('select', { name: 'outcome', 'aria-label': 'outcome' }, ...OUTCOMES.map(([v, l]) => el('option', { value: v }, l))));
    form.addEventListener('change', onChange);
  }
  for (const [name, facet, any] of FILTERS) {
    const select = form.elements.namedItem(name) as HTMLSelectElement;
    const chosen = select.value;
    const values = new Set(facets[facet]);
    if (chosen) values.add(chosen);
    select.replaceChildren(el('option', { value: '' }, any), ...[...values].sort().map((v) => el('option', { value: v }, v)));
    select.value = chosen;
  }
}

function outcome(t: RequestTrace): string {
  if (t.error || (t.status !== undefined && t.status >= 400)) return `upstream ${t.status ?? 'error'}`;
  if (t.failOpen) return 'fail-open';
  if (t.bypass) return 'bypassed';
  if (t.tokensAfter < t.tokensBefore) return 'compressed';
  return t.blocks.length ? 'sent as is' : 'nothing to compress';
}

export function renderList(page: RequestPage, into: HTMLElement, caption: HTMLElement): void {
  caption.textContent = `${int(page.matching)} matching of the last ${int(page.capacity)} requests kept in memory`;
  const rows = page.requests.map((t) =>
    el(
      'tr',
      { 'data-id': String(t.id), tabindex: '0' },
      el('td', { class: 'num' }, el('a', { href: `#/requests/${t.id}` }, String(t.id))),
      el('td', {}, new Date(t.time).toLocaleTimeString()),
      el('td', {}, `${t.provider} ${t.model}`),
      el('td', {}, `${t.route}${t.stream ? ' (stream)' : ''}`),
      el('td', {}, outcome(t)),
      el('td', { class: 'num' }, String(t.blocks.length)),
      el('td', { class: 'num' }, `${int(t.tokensBefore)} → ${int(t.tokensAfter)}`),
      el('td', { class: 'num' }, `${int(t.netSavedTokens)} (${pct(t.netSavedTokens, t.tokensBefore)})`),
      el('td', { class: 'num' }, String(t.retrievals.length)),
      el('td', { class: 'num' }, ms(t.compressMs)),
    ),
  );
  into.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: '10', class: 'dim' }, 'no request yet: point an agent at this proxy'))]));
}
