// The words an agent reads when a retrieval fails. They say what happened and what to do next, because
// the agent cannot ask anyone: "rerun the tool" is always possible, so it is always offered.
export function invalidKeyMessage(key: string): string {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return (
    `"${shown}" is not a Headroom key: keys look like hr_ followed by 24 lowercase hex digits, ` +
    'exactly as written after key= in the [headroom: omitted …] marker; copy it from there'
  );
}

export function missingMessage(key: string, ttlSecs: number, maxBytes: number): string {
  return (
    `no original stored under ${key}: it expired (originals are kept ${duration(ttlSecs)} after their last use) ` +
    `or was evicted to keep the store under ${size(maxBytes)}, or it was stored by a Headroom using another store; ` +
    'rerun the tool to get its full output again'
  );
}

export function unavailableMessage(key: string, detail: string): string {
  return `the original under ${key} could not be read because the CCR store failed (${detail}); rerun the tool to get its full output again`;
}

function duration(secs: number): string {
  if (secs % 86400 === 0 && secs >= 86400 * 2) return `${secs / 86400} days`;
  if (secs % 3600 === 0) return `${secs / 3600} h`;
  if (secs % 60 === 0) return `${secs / 60} min`;
  return `${secs} s`;
}

function size(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit += 1;
  }
  return `${value} ${units[unit]}`;
}
