import type { AgentSpec, WrapContext } from '../agents/types.js';
import type { FileEdit } from '../config/managed-file.js';
import { clearState, isAlive, readState, writeState } from '../state.js';

/**
 * The durable side of a wrap: config edits shared by every live wrapper of the same agent. Each wrapper
 * registers its pid as a holder; the last one out restores the files. A record whose holders are all dead
 * was left by a crash (or a SIGKILL) and is repaired on the next wrap or unwrap.
 */
interface WrapRecord {
  agent: string;
  holders: number[];
  proxyUrl: string;
  edits: FileEdit[];
}

const stateName = (agent: string) => `wrap-${agent}`;

export function readWrapRecord(agent: string): WrapRecord | undefined {
  return readState<WrapRecord>(stateName(agent));
}

export function liveHolders(rec: WrapRecord | undefined): number[] {
  return (rec?.holders ?? []).filter((pid) => pid !== process.pid && isAlive(pid));
}

/** Applies the agent's config edits (or joins a live wrap's). Returns notes for the user. */
export function beginWrap(spec: AgentSpec, ctx: WrapContext): string[] {
  if (!spec.configure || !spec.restore) return [];
  const notes: string[] = [];
  const rec = readWrapRecord(spec.name);
  const live = liveHolders(rec);
  if (rec && live.length > 0 && rec.proxyUrl === ctx.proxyUrl) {
    notes.push(`${spec.name} is already wrapped (pid ${live.join(', ')}); sharing its configuration`);
    writeState(stateName(spec.name), { ...rec, holders: [...live, process.pid] });
    return notes;
  }
  if (rec && live.length > 0) {
    notes.push(`${spec.name} is already wrapped (pid ${live.join(', ')}) through ${rec.proxyUrl}; pointing its configuration at ${ctx.proxyUrl}`);
  }
  const repaired = spec.restore(rec?.edits ?? []);
  if (live.length === 0 && repaired.length > 0) {
    notes.push(`repaired configuration left by a wrap that did not exit cleanly${rec ? ` (pid ${rec.holders.join(', ')})` : ''}:`, ...repaired.map((m) => `  ${m}`));
  }
  if (rec) clearState(stateName(spec.name));
  const edits = spec.configure(ctx);
  writeState(stateName(spec.name), { agent: spec.name, holders: [...live, process.pid], proxyUrl: ctx.proxyUrl, edits } satisfies WrapRecord);
  return notes;
}

/** Leaves the wrap: the last live holder restores the files. Returns what was restored. */
export function endWrap(spec: AgentSpec): string[] {
  if (!spec.restore) return [];
  const rec = readWrapRecord(spec.name);
  if (!rec) return [];
  const live = liveHolders(rec);
  if (live.length > 0) {
    writeState(stateName(spec.name), { ...rec, holders: live });
    return [`configuration left in place for the other wrap of ${spec.name} (pid ${live.join(', ')})`];
  }
  const restored = spec.restore(rec.edits);
  clearState(stateName(spec.name));
  return restored;
}

/** `headroom unwrap`: restore now, whoever holds it. */
export function forceUnwrap(spec: AgentSpec): { restored: string[]; live: number[] } {
  const rec = readWrapRecord(spec.name);
  const live = liveHolders(rec);
  const restored = spec.restore ? spec.restore(rec?.edits ?? []) : [];
  if (rec) clearState(stateName(spec.name));
  return { restored, live };
}
