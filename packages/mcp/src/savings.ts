import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStoreLocation, ensurePrivateDir, PRIVATE_FILE_MODE } from '@headroom/core';

/** Savings counted by the MCP tools. Net: tokens a retrieval put back into the context count against them. */
export interface Savings {
  /** `headroom_compress` calls. */
  compressions: number;
  tokensBefore: number;
  tokensAfter: number;
  /** `headroom_retrieve` calls that returned an original. */
  retrievals: number;
  /** Tokens those originals put back into the agent's context. */
  retrievedTokens: number;
  /** `tokensBefore - tokensAfter - retrievedTokens`. */
  netSavedTokens: number;
}

export const EMPTY_SAVINGS: Savings = { compressions: 0, tokensBefore: 0, tokensAfter: 0, retrievals: 0, retrievedTokens: 0, netSavedTokens: 0 };

type Delta = Partial<Omit<Savings, 'netSavedTokens'>>;

function add(s: Savings, d: Delta): Savings {
  const n = {
    compressions: s.compressions + (d.compressions ?? 0),
    tokensBefore: s.tokensBefore + (d.tokensBefore ?? 0),
    tokensAfter: s.tokensAfter + (d.tokensAfter ?? 0),
    retrievals: s.retrievals + (d.retrievals ?? 0),
    retrievedTokens: s.retrievedTokens + (d.retrievedTokens ?? 0),
  };
  return { ...n, netSavedTokens: n.tokensBefore - n.tokensAfter - n.retrievedTokens };
}

/**
 * The MCP server's savings: this session in memory, the lifetime total in `<HEADROOM_HOME>/mcp-savings.json`
 * (written atomically: a crash mid-write leaves the previous total, never a torn file).
 */
export class SavingsLedger {
  private session: Savings = EMPTY_SAVINGS;
  readonly file: string;
  readonly home: string;

  constructor(home: string = defaultStoreLocation().home) {
    this.home = home;
    this.file = join(home, 'mcp-savings.json');
  }

  record(delta: Delta): void {
    this.session = add(this.session, delta);
    try {
      const next = add(this.lifetime(), delta);
      ensurePrivateDir(join(this.file, '..'));
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(next) + '\n', { mode: PRIVATE_FILE_MODE });
      renameSync(tmp, this.file);
    } catch {
      // A read-only home must not break compression; the session figures stay right.
    }
  }

  sessionTotals(): Savings {
    return this.session;
  }

  lifetime(): Savings {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Savings>;
      return add(EMPTY_SAVINGS, {
        compressions: num(raw.compressions),
        tokensBefore: num(raw.tokensBefore),
        tokensAfter: num(raw.tokensAfter),
        retrievals: num(raw.retrievals),
        retrievedTokens: num(raw.retrievedTokens),
      });
    } catch {
      return EMPTY_SAVINGS;
    }
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}
