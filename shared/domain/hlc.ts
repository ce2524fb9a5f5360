// Hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter, so that ops made on
// different workstations order consistently even when their clocks disagree a little.
// Serialised as a fixed-width string that sorts lexicographically: 13-digit ms, 5-digit counter, node.

export interface HlcState {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

/** The next timestamp for a local event. */
export function hlcTick(prev: HlcState, nowMs: number): HlcState {
  if (nowMs > prev.wallMs) return { wallMs: nowMs, counter: 0, node: prev.node };
  return { wallMs: prev.wallMs, counter: prev.counter + 1, node: prev.node };
}

/** Merge a timestamp received from elsewhere, then tick. */
export function hlcReceive(prev: HlcState, remote: HlcState, nowMs: number): HlcState {
  const wallMs = Math.max(prev.wallMs, remote.wallMs, nowMs);
  let counter: number;
  if (wallMs === prev.wallMs && wallMs === remote.wallMs) counter = Math.max(prev.counter, remote.counter) + 1;
  else if (wallMs === prev.wallMs) counter = prev.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  return { wallMs, counter, node: prev.node };
}

export function formatHlc(state: HlcState): string {
  return `${String(state.wallMs).padStart(13, '0')}-${String(state.counter).padStart(5, '0')}-${state.node}`;
}

export function parseHlc(value: string): HlcState {
  const m = /^(\d{13})-(\d{5})-(.+)$/.exec(value);
  if (!m) throw new Error(`not a hybrid logical clock timestamp: ${value}`);
  return { wallMs: Number(m[1]), counter: Number(m[2]), node: m[3] as string };
}
