// One timeline event's data as a Russian line: who got it, what was done, the °C measured…
import type { AppealEvent } from '../../../shared/contract/schemas.js';
import type { CallResult } from '../../../shared/contract/lifecycle-schemas.js';
import type { Channel } from '../../../shared/domain/appeal-vocabulary.js';
import type { CheckMethod, FeedbackResult, RoomTemperature, TransferMethod } from '../../../shared/domain/workflow.js';
import { formatPhone } from '../../../shared/domain/phone.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const L = t.lifecycle;

export function eventTitle(e: AppealEvent): string {
  if (e.type === 'call') {
    const dir = e.data['direction'] === 'from_applicant' ? 'from_applicant' : 'to_applicant';
    return L.callDirections[dir];
  }
  return L.events[e.type] ?? t.events[e.type] ?? e.type;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function formatTemperatures(list: readonly RoomTemperature[]): string {
  return list
    .map((r) => `${r.room || '—'}${r.corner ? ` (${L.eventData.corner})` : ''}: ${r.celsius > 0 ? '+' : ''}${r.celsius.toLocaleString('ru-RU')} °C`)
    .join('; ');
}

/** The event's data as «label: value» parts, in Russian. */
export function eventDetails(e: AppealEvent): string[] {
  const d = e.data;
  const D = L.eventData;
  const parts: string[] = [];
  const add = (label: string, value: string) => {
    if (value) parts.push(`${label}: ${value}`);
  };
  switch (e.type) {
    case 'registered':
      // The channel is on the card above; the number is what it was registered under.
      add(D.number, str(d['number']));
      break;
    case 'transfer':
      add(D.executor, str(d['executorName']) || str(d['executorOrgId']));
      add(D.method, L.transferMethods[d['method'] as TransferMethod] ?? '');
      add(D.contact, str(d['contactPerson']));
      break;
    case 'mark_done':
      add(D.whatWasDone, str(d['whatWasDone']));
      if (typeof d['doneAt'] === 'number') add(D.doneAt, formatDateTime(d['doneAt']));
      break;
    case 'verify':
    case 'verify_failed': {
      add(D.check, L.checkMethods[d['method'] as CheckMethod] ?? '');
      const temps = Array.isArray(d['temperatures']) ? (d['temperatures'] as RoomTemperature[]) : [];
      if (temps.length > 0) add(D.temperatures, formatTemperatures(temps));
      add(D.note, str(d['note']));
      break;
    }
    case 'close':
      add(D.feedback, L.feedback[d['feedback'] as FeedbackResult] ?? '');
      if (d['feedback'] === 'unreachable') add(D.attempts, str(d['attempts']));
      add(D.note, str(d['note']));
      break;
    case 'reject':
    case 'return_for_rework':
      add(D.reason, str(d['reason']));
      break;
    case 'carried_over':
      // «Закрыть день» (docs/day-closure.md): dates as YYYY-MM-DD → ДД.ММ.ГГГГ.
      add(D.reason, str(d['reason']));
      add(D.controlDate, str(d['controlDate']).split('-').reverse().join('.'));
      add(D.dayClosed, str(d['day']).split('-').reverse().join('.'));
      break;
    case 'mark_duplicate':
      add(D.original, str(d['originalNumber']) || str(d['originalId']));
      break;
    case 'call':
      parts.push(L.callResults[d['result'] as CallResult] ?? str(d['result']));
      add(D.note, str(d['note']));
      break;
    case 'incident_linked':
    case 'incident_restored':
      // Mass outages (docs/incidents.md): the incident by its number.
      add(t.incidents.incident, str(d['incidentNumber']));
      break;
    case 'sync_rejected':
      // Sync (docs/sync-protocol.md §12): an action the server refused, its reason and what to do.
      add(t.sync.rejected.what, t.sync.rejected.commands[str(d['command'])] ?? str(d['command']));
      add(t.sync.rejected.why, str(d['message']));
      add(t.sync.rejected.todo, str(d['userAction']));
      break;
    case 'repeated_call':
      add(D.applicant, str(d['applicantName']));
      add(D.flat, str(d['flat']));
      add(D.phone, formatPhone(str(d['applicantPhone'])));
      if (d['channel']) add(D.channel, t.channels[d['channel'] as Channel] ?? '');
      add(D.note, str(d['note']));
      break;
  }
  return parts;
}
