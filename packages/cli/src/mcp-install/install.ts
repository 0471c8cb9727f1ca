import { clearState, readState, writeState } from '../state.js';
import { serverCommand } from './server-command.js';
import { MCP_TARGETS, type InstallEdit, type McpTarget } from './targets.js';

const STATE = 'mcp-install';
type Record_ = Record<string, InstallEdit>;

export interface InstallOutcome {
  agent: string;
  file: string;
  status: 'installed' | 'reinstalled' | 'skipped' | 'failed';
  detail?: string;
}

function pick(agents: string[] | undefined): McpTarget[] {
  if (!agents || agents.length === 0) return MCP_TARGETS;
  return agents.map((a) => {
    const t = MCP_TARGETS.find((x) => x.agent === a);
    if (!t) throw new Error(`unknown agent "${a}" (known: ${MCP_TARGETS.map((x) => x.agent).join(', ')})`);
    return t;
  });
}

/**
 * Registers `headroom mcp serve` with each agent found on the machine (or the ones named, found or not).
 * Re-running refreshes our entry; an entry called "headroom" that we did not add is left alone.
 */
export function installMcp(agents?: string[]): InstallOutcome[] {
  const explicit = Boolean(agents && agents.length > 0);
  const record = readState<Record_>(STATE) ?? {};
  const cmd = serverCommand();
  const out: InstallOutcome[] = [];
  for (const t of pick(agents)) {
    const file = t.file();
    if (!explicit && !t.detected()) {
      out.push({ agent: t.agent, file, status: 'skipped', detail: 'not found on this machine' });
      continue;
    }
    try {
      const previous = record[t.agent];
      if (previous) t.uninstall(previous);
      else if (t.hasForeignEntry()) {
        out.push({ agent: t.agent, file, status: 'skipped', detail: 'already has an MCP server named "headroom" that headroom did not add; leaving it' });
        continue;
      }
      record[t.agent] = t.install(cmd);
      writeState(STATE, record);
      out.push({ agent: t.agent, file, status: previous ? 'reinstalled' : 'installed', ...(record[t.agent]!.backup ? { detail: `backup: ${record[t.agent]!.backup}` } : {}) });
    } catch (err) {
      out.push({ agent: t.agent, file, status: 'failed', detail: (err as Error).message });
    }
  }
  return out;
}

export interface UninstallOutcome {
  agent: string;
  file: string;
  status: 'removed' | 'not-installed' | 'gone';
  /** True when the file is back to its exact original bytes. */
  exact: boolean;
}

/** Removes exactly the entries `installMcp` added, and nothing else. */
export function uninstallMcp(agents?: string[]): UninstallOutcome[] {
  const record = readState<Record_>(STATE) ?? {};
  const out: UninstallOutcome[] = [];
  for (const t of pick(agents)) {
    const edit = record[t.agent];
    if (!edit) {
      if (agents && agents.length > 0) out.push({ agent: t.agent, file: t.file(), status: 'not-installed', exact: false });
      continue;
    }
    const r = t.uninstall(edit);
    out.push({ agent: t.agent, file: edit.file, status: r.removed ? 'removed' : 'gone', exact: r.exact });
    delete record[t.agent];
  }
  if (Object.keys(record).length === 0) clearState(STATE);
  else writeState(STATE, record);
  return out;
}

export function installedMcpAgents(): string[] {
  return Object.keys(readState<Record_>(STATE) ?? {});
}
