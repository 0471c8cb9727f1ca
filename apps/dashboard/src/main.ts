// The Headroom dashboard: live totals and chart, the request list, one request's decisions. Polls the
// proxy that serves it every two seconds (only while the tab is visible).
import './styles.css';
import { renderChart } from './chart.js';
import { getJson } from './format.js';
import { filterQuery, renderFilters, renderList } from './list.js';
import { renderRequest } from './request-view.js';
import { renderTotals } from './totals.js';
import type { RequestPage, Stats } from './types.js';

const POLL_MS = 2000;
const $ = (id: string) => document.getElementById(id)!;
const form = $('filters') as HTMLFormElement;

let busy = false;
/** The request on screen, while its exchange is still going (its view is refreshed with the rest). */
let pending: number | undefined;

async function refresh(): Promise<void> {
  // A slow proxy must not pile up polls.
  if (busy) return;
  busy = true;
  try {
    if (pending !== undefined) pending = (await renderRequest(pending, $('request'), false)) ? undefined : pending;
    const [stats, page, all] = await Promise.all([
      getJson<Stats>('/stats'),
      getJson<RequestPage>(`/v1/requests?limit=100&${filterQuery(form)}`),
      getJson<RequestPage>('/v1/requests?limit=500'),
    ]);
    renderTotals(stats, $('totals'), $('breakdowns'));
    $('since').textContent = `since ${new Date(stats.since).toLocaleString()}`;
    renderChart(all.requests, $('chart'));
    renderFilters(form, page.facets, () => void refresh());
    renderList(page, $('rows'), $('caption'));
    $('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
    $('status').className = 'ok';
  } catch (err) {
    $('status').textContent = `cannot reach the proxy: ${(err as Error).message}`;
    $('status').className = 'error';
  } finally {
    busy = false;
  }
}

function route(): void {
  const m = /^#\/requests\/(\d+)$/.exec(location.hash);
  $('overview').hidden = m !== null;
  $('request').hidden = m === null;
  pending = undefined;
  if (m) {
    const id = Number(m[1]);
    void renderRequest(id, $('request'), true).then((done) => {
      if (!done && location.hash === `#/requests/${id}`) pending = id;
    });
  }
}

// A click anywhere on a request's row opens it (Enter too, rows take the focus).
const open = (e: Event) => {
  const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-id]');
  if (row) location.hash = `#/requests/${row.dataset.id}`;
};
$('rows').addEventListener('click', open);
$('rows').addEventListener('keydown', (e) => {
  if (e.key === 'Enter') open(e);
});

window.addEventListener('hashchange', route);
route();
void refresh();
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, POLL_MS);
