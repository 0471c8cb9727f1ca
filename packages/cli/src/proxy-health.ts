/** Whether a healthy headroom proxy answers `GET /livez` at `url` (within `timeoutMs`). */
export async function isHealthyProxy(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`${url}/livez`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { status?: string };
    return body.status === 'ok';
  } catch {
    return false;
  }
}

export function localProxyUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export const DEFAULT_PORT = 8787;
