// The clock check of a push. A workstation whose clock runs ahead would win every concurrent change
// (the later hybrid clock wins, apply.ts) and would drag every replica's clock forward with it, so a
// clock more than MAX_CLOCK_AHEAD_MS ahead of the server's is refused; a clock behind is accepted
// (the hybrid clock keeps causal order whatever the wall clock says), with a warning past an hour
// because the deadlines of appeals registered there count from a wrong receipt time.
import { parseHlc } from '../domain/hlc.js';
import { formatSamaraDateTime } from '../domain/samara-time.js';

/**
 * 5 minutes: the tolerance the workflow already gives a time «in the future» (a call, a completion,
 * an outage start), larger than what Windows Time leaves on a synced office PC (well under a second),
 * and small beside the shortest deadline (30 minutes for «нет отопления»), so that a refused clock
 * never shifts which of two operators' changes counts as the later one by more than that.
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** Behind by more than this: accepted, but the user is told to set the clock. */
export const CLOCK_BEHIND_WARNING_MS = 60 * 60_000;

export type ClockCheck =
  | { readonly ok: true; readonly warning?: string }
  | { readonly ok: false; readonly code: 'clock_ahead'; readonly message: string; readonly userAction: string; readonly aheadMs: number };

const SET_CLOCK = 'Установите на компьютере правильные дату и время (или включите синхронизацию времени Windows) и повторите синхронизацию. Операции не потеряны: они ждут отправки.';

function ahead(what: string, clientMs: number, serverNowMs: number): ClockCheck {
  const aheadMs = clientMs - serverNowMs;
  const minutes = Math.round(aheadMs / 60_000);
  return {
    ok: false,
    code: 'clock_ahead',
    message: `${what} спешат на ${minutes} мин: на сервере ${formatSamaraDateTime(serverNowMs)}, у вас ${formatSamaraDateTime(clientMs)} (допускается не больше ${MAX_CLOCK_AHEAD_MS / 60_000} мин)`,
    userAction: SET_CLOCK,
    aheadMs,
  };
}

/** The workstation's wall clock at the moment of the push. */
export function checkClientClock(clientNowMs: number, serverNowMs: number): ClockCheck {
  if (clientNowMs - serverNowMs > MAX_CLOCK_AHEAD_MS) return ahead('Часы этого компьютера', clientNowMs, serverNowMs);
  if (serverNowMs - clientNowMs > CLOCK_BEHIND_WARNING_MS) {
    const minutes = Math.round((serverNowMs - clientNowMs) / 60_000);
    return {
      ok: true,
      warning: `Часы этого компьютера отстают на ${minutes} мин: сроки новых обращений считаются от неверного времени. Установите правильное время.`,
    };
  }
  return { ok: true };
}

/**
 * An op's hybrid clock: one made while the clock was ahead is refused too, until either real time
 * catches up with it or the client engine restamps its pending ops (docs/sync-protocol.md, «Часы»).
 */
export function checkOpClock(hlc: string, serverNowMs: number): ClockCheck {
  const { wallMs } = parseHlc(hlc);
  return wallMs - serverNowMs > MAX_CLOCK_AHEAD_MS ? ahead('Часы, по которым записана операция,', wallMs, serverNowMs) : { ok: true };
}
