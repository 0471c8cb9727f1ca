// One request: its decisions, what it cost, and each block's original beside what was sent, with the
// original's pieces that were not sent highlighted and every marker key linking to the stored original.
import { el, getJson, int, ms, pct } from './format.js';
import { fates } from './omissions.js';
import type { RequestTrace, TraceBlock } from './types.js';

const MARKER = /\[headroom: [^\]\n]*\]/g;
const KEY = /\bkey=(hr_[0-9a-f]{24})\b/;
/** Beyond this many lines a side shows a note instead of the rest (the page stays responsive). */
const MAX_LINES = 5000;

function fact(label: string, value: string): HTMLElement {
  return el('div', { class: 'fact' }, el('span', { class: 'label' }, label), el('span', {}, value));
}

/** The sent text with each marker highlighted and its key a link to the original. */
function compressedPane(text: string): HTMLElement {
  const pre = el('pre', { class: 'pane compressed' });
  const lines = text.split('\n');
  const shown = lines.slice(0, MAX_LINES).join('\n');
  let at = 0;
  for (const m of shown.matchAll(MARKER)) {
    pre.append(shown.slice(at, m.index));
    const key = KEY.exec(m[0])?.[1];
    const mark = el('mark', { class: 'marker' });
    if (key) {
      const i = m[0].indexOf(key);
      mark.append(m[0].slice(0, i), el('a', { href: `/v1/retrieve/${key}`, target: '_blank', rel: 'noopener', class: 'key' }, key), m[0].slice(i + key.length));
    } else mark.append(m[0]);
    pre.append(mark);
    at = m.index + m[0].length;
  }
  pre.append(shown.slice(at));
  if (lines.length > MAX_LINES) pre.append(el('div', { class: 'dim' }, `… ${int(lines.length - MAX_LINES)} more lines`));
  return pre;
}

/** The original with each piece marked by its fate (see omissions.ts); as it came when nothing was dropped. */
function originalPane(original: string, sent: string, compressed: boolean): HTMLElement {
  const pre = el('pre', { class: 'pane original' });
  const lines = original.split('\n');
  const shown = lines.slice(0, MAX_LINES).join('\n');
  if (!compressed) pre.append(shown);
  else for (const p of fates(shown, sent)) pre.append(p.fate === 'kept' ? p.text : el('span', { class: p.fate }, p.text));
  if (lines.length > MAX_LINES) pre.append(el('div', { class: 'dim' }, `… ${int(lines.length - MAX_LINES)} more lines`));
  return pre;
}

function block(b: TraceBlock, i: number): HTMLElement {
  const decided = b.transform ? `compressed: ${b.transform}` : `sent as is: ${b.skipped ?? 'nothing to gain'}`;
  const head = el(
    'div',
    { class: 'block-head' },
    el('strong', {}, `#${i + 1} ${b.tool ?? 'unknown tool'}`),
    ` · ${b.contentType}${b.language ? ` (${b.language})` : ''} — ${b.reason} · ${decided} · ${int(b.tokensBefore)} → ${int(b.tokensAfter)} tokens (${pct(b.tokensBefore - b.tokensAfter, b.tokensBefore)} saved) · engine ${ms(b.engineMs)}`,
    b.keys.length ? el('div', { class: 'dim' }, `keys: ${b.keys.join(', ')}`) : '',
  );
  const sent = b.compressed ?? '';
  const left = b.original != null ? originalPane(b.original, sent, Boolean(b.transform)) : el('pre', { class: 'pane original dim' }, `original not available: ${b.originalMissing ?? 'unknown'}`);
  return el(
    'section',
    { class: 'block', 'data-block': String(i) },
    head,
    el('div', { class: 'sides' }, el('div', {}, el('h4', {}, 'original (client)'), left), el('div', {}, el('h4', {}, 'sent upstream'), compressedPane(sent))),
  );
}

/**
 * Shows request `id`; true once its exchange is over (the upstream answered and reported usage, or
 * failed), false while later polls may still add to it.
 */
function retrievals(t: RequestTrace): string {
  if (!t.retrievals.length) return t.retrievalTool ? 'none (retrieve tool offered)' : 'none';
  const each = t.retrievals.map((r) => `round ${r.round}: ${r.key} (${r.miss ?? `${int(r.tokens)} tokens put back`})`);
  return `${t.rounds} round${t.rounds === 1 ? '' : 's'} · ${each.join(', ')}`;
}

export async function renderRequest(id: number, into: HTMLElement, first: boolean): Promise<boolean> {
  if (first) into.replaceChildren(el('p', { class: 'dim' }, `loading request ${id}…`));
  let t: RequestTrace;
  try {
    t = await getJson<RequestTrace>(`/v1/requests/${id}`);
  } catch (err) {
    into.replaceChildren(el('p', { class: 'error' }, (err as Error).message), el('a', { href: '#/' }, '← all requests'));
    return true;
  }
  const u = t.usage;
  into.replaceChildren(
    el('a', { href: '#/' }, '← all requests'),
    el('h2', { 'data-request': String(t.id) }, `Request ${t.id}`),
    el(
      'div',
      { class: 'facts' },
      fact('time', new Date(t.time).toLocaleString()),
      fact('provider · model', `${t.provider} · ${t.model}`),
      fact('route', `${t.route} (${t.api}${t.stream ? ', streamed' : ''})`),
      fact('upstream', t.error ? `failed: ${t.error}` : t.status !== undefined ? `HTTP ${t.status}` : 'waiting'),
      fact('compression', t.bypass ? 'bypassed (x-headroom-bypass)' : t.failOpen ? `fail-open: ${t.failOpen}` : `${ms(t.compressMs)} of the ${int(t.budgetMs)} ms budget`),
      fact('tool output', `${int(t.tokensBefore)} → ${int(t.tokensAfter)} tokens`),
      fact('retrievals', retrievals(t)),
      fact('net saved', `${int(t.netSavedTokens)} tokens (${pct(t.netSavedTokens, t.tokensBefore)}), after retrievals`),
      fact('upstream usage', `input ${int(u.input)} · output ${int(u.output)} · cache read ${int(u.cacheRead)} · cache write ${int(u.cacheWrite)} · ${u.responses} response${u.responses === 1 ? '' : 's'}`),
    ),
    el(
      'p',
      { class: 'legend dim' },
      'Left: the tool result as the client sent it — ',
      el('span', { class: 'omitted' }, 'not sent'),
      ', ',
      el('span', { class: 'rewritten' }, 'sent in another form'),
      ' (its values are in the sent text: minified, rows as a table), plain where sent verbatim. Right: what went upstream, each ',
      el('mark', { class: 'marker' }, 'marker'),
      '’s key a link to the stored original.',
    ),
    ...(t.blocks.length ? t.blocks.map(block) : [el('p', { class: 'dim' }, 'no tool result in this request was large enough to consider')]),
  );
  // An upstream that reports no usage would keep the view refreshing: a minute is long enough.
  const settled = t.error !== undefined || (t.status !== undefined && (t.status !== 200 || u.responses > 0));
  return settled || Date.now() - Date.parse(t.time) > 60_000;
}
