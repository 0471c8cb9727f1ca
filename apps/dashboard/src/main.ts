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

async function refresh(): Promise<void> {
  try {
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
  }
}

function route(): void {
  const m = /^#\/requests\/(\d+)$/.exec(location.hash);
  $('overview').hidden = m !== null;
  $('request').hidden = m === null;
  if (m) void renderRequest(Number(m[1]), $('request'));
}

window.addEventListener('hashchange', route);
route();
void refresh();
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, POLL_MS);
