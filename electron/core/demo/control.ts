// «Адреса на контроле» for bulk-loaded appeals. Live, triggers (migration 002) keep
// control_addresses and control_periods in step with every status change; the bulk seed inserts
// each appeal in its status as of "now", so the triggers see only the open ones. This tracker
// replays what the triggers would have written had the season been entered live: an address comes
// on control when an appeal is registered there with none open (since its received_at) or when a
// closed one is reopened (since then), and comes off when its last open appeal closes.
import { FINAL_STATUSES } from '../../../shared/domain/appeal-vocabulary.js';
import type { Step } from './story.js';

export interface ControlSeed {
  /** Finished periods on control. */
  readonly periods: readonly { readonly buildingId: string; readonly startedAt: number; readonly endedAt: number }[];
  /** Addresses on control now, since when. */
  readonly since: readonly { readonly buildingId: string; readonly since: number }[];
}

interface Change {
  readonly at: number;
  /** +1 an appeal becomes open, −1 it closes. */
  readonly delta: 1 | -1;
  readonly since: number;
}

export class ControlTracker {
  private readonly changes = new Map<string, Change[]>();

  /** One appeal's steps up to "now". */
  add(buildingId: string, receivedAt: number, steps: readonly Step[]): void {
    let list = this.changes.get(buildingId);
    if (!list) this.changes.set(buildingId, (list = []));
    let open = true;
    list.push({ at: (steps[0] as Step).at, delta: 1, since: receivedAt });
    for (const step of steps.slice(1)) {
      const final = FINAL_STATUSES.includes(step.status);
      if (open && final) list.push({ at: step.at, delta: -1, since: step.at });
      else if (!open && !final) list.push({ at: step.at, delta: 1, since: step.at });
      open = !final;
    }
  }

  result(): ControlSeed {
    const periods: { buildingId: string; startedAt: number; endedAt: number }[] = [];
    const since: { buildingId: string; since: number }[] = [];
    for (const [buildingId, list] of this.changes) {
      // In time order; at the same millisecond an opening goes first (the address stays on control).
      list.sort((a, b) => a.at - b.at || b.delta - a.delta);
      let count = 0;
      let start = 0;
      for (const c of list) {
        if (count === 0 && c.delta === 1) start = c.since;
        count += c.delta;
        if (count === 0) periods.push({ buildingId, startedAt: start, endedAt: c.at });
      }
      if (count > 0) since.push({ buildingId, since: start });
    }
    return { periods, since };
  }
}
