// The model's side of one scripted task, decided from what each request carries (agents send extra
// requests of their own — titles, quota probes — and may retry, so the script reads the conversation
// rather than counting calls):
//   1. no shell result yet          → call the agent's shell tool: `cat app.log`;
//   2. the shell result, compressed → call headroom_retrieve with the key in its marker, or, when the
//                                     request offers no such tool, `cat` the file the marker names;
//   3. the original back            → answer with the failure line the model found in the tool result.
// Requests that offer no shell tool get a short text answer.

export const CANARY = 'CANARY-7781 disk quota exceeded on /var/data';

/** ~16 KB of uniform log lines around one failure: over headroom's threshold, under Claude Code's ~30K preview cut. */
export function appLog(): string {
  const lines = Array.from({ length: 240 }, (_, i) => `2026-12-02T06:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z INFO worker-${i % 4} request ${i} served in ${10 + (i % 7)} ms`);
  lines[217] = `2026-12-02T06:03:37Z ERROR worker-1 request 217 failed: ${CANARY}`;
  return lines.join('\n') + '\n';
}

export const SHELL_CALL = 'call_shell_1';
export const RETRIEVE_CALL = 'call_retrieve_1';
export const READ_CALL = 'call_read_1';

export type Step = { kind: 'shell' } | { kind: 'retrieve'; key: string } | { kind: 'read'; file: string } | { kind: 'answer'; text: string };

/** One tool result as the request carries it: the call it answers and its text. */
export interface ToolOutput {
  callId: string;
  text: string;
}

/** What to do next, given the tool results in the request and whether it offers a shell tool. */
export function nextStep(outputs: ToolOutput[], offersShell: boolean, offersRetrieve: boolean): Step {
  const retrieved = outputs.find((o) => o.callId === RETRIEVE_CALL || o.callId === READ_CALL);
  const shell = outputs.find((o) => o.callId === SHELL_CALL);
  if (retrieved || shell) {
    const key = /key=(hr_[0-9a-f]{24})/.exec(shell?.text ?? '')?.[1];
    const file = /file=([^\]\s;]+)\]/.exec(shell?.text ?? '')?.[1];
    if (!retrieved && key && offersRetrieve) return { kind: 'retrieve', key };
    if (!retrieved && file && offersShell) return { kind: 'read', file };
    // The answer quotes what the model was shown: a compressor that dropped the failure line fails here.
    const found = /request 217 failed: (CANARY-\d+[^\n"\\]*)/.exec(shell?.text ?? '')?.[1];
    return { kind: 'answer', text: `Request 217 failed: ${found ?? 'no failure line in the tool output'}.` };
  }
  return offersShell ? { kind: 'shell' } : { kind: 'answer', text: 'OK' };
}

/** The text of a tool result's content (a string, or text blocks). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => (c && typeof c === 'object' && 'text' in c ? String((c as { text: unknown }).text) : '')).join('');
  return '';
}
