// What a caller receives on pull and in the snapshot, and the cursors that carry where it stopped.
// The scope comes from the access token (role, district), never from the request. District staff
// receive their district's appeals, events, conflicts and the incidents that touch it; the Department
// and the admin the whole city; reference data (organisations, heat sources, buildings) goes to all.
// A cursor remembers the scope it was issued for: when a user's district or role changes, the old
// cursor would silently miss everything of the new scope before it, so it is refused (must-refetch).
import type { District } from '../domain/districts.js';
import { isCityWide, type Actor } from '../domain/roles.js';
import { seesPersonalData } from './personal-data.js';
import { SNAPSHOT_SECTIONS, type EntityType } from './protocol.js';

/** What the server knows of a change to decide who may receive it. */
export type ChangeScope =
  | { readonly kind: 'reference' }
  | { readonly kind: 'district'; readonly district: District }
  | { readonly kind: 'districts'; readonly districts: readonly District[] };

export const REFERENCE_TYPES: readonly EntityType[] = ['organisation', 'heat_source', 'building'];

export function inScope(viewer: Actor, scope: ChangeScope): boolean {
  if (scope.kind === 'reference' || isCityWide(viewer.role)) return true;
  if (viewer.district === null) return false;
  return scope.kind === 'district' ? scope.district === viewer.district : scope.districts.includes(viewer.district);
}

/** The scope a cursor is valid for: what the caller may see, and whether with personal data. */
export function scopeKey(viewer: Actor): string {
  const where = isCityWide(viewer.role) ? '*' : (viewer.district ?? '-');
  return `${where}|${seesPersonalData(viewer.role) ? 'pd' : 'no-pd'}`;
}

/** FNV-1a, as hex: a short fingerprint of a scope key (tokens stay ASCII). */
function fingerprint(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function encodeCursor(serverSeq: number, viewer: Actor): string {
  return `c1.${serverSeq}.${fingerprint(scopeKey(viewer))}`;
}

export type CursorCheck =
  | { readonly ok: true; readonly serverSeq: number }
  | { readonly ok: false; readonly reason: 'cursor_invalid' | 'scope_changed' | 'cursor_too_old'; readonly message: string };

/**
 * May this cursor be served? `oldestSeq` is the first change-log position the server still keeps
 * (older ones are compacted); a cursor before it would miss changes, so the client takes a snapshot.
 */
export function checkCursor(cursor: string, viewer: Actor, oldestSeq: number, latestSeq: number): CursorCheck {
  const m = /^c1\.(\d{1,15})\.([0-9a-f]{8})$/.exec(cursor);
  if (!m) return { ok: false, reason: 'cursor_invalid', message: 'Отметка синхронизации не распознана: данные будут загружены заново' };
  const serverSeq = Number(m[1]);
  if (m[2] !== fingerprint(scopeKey(viewer))) {
    return { ok: false, reason: 'scope_changed', message: 'Изменились ваши район или роль: данные будут загружены заново' };
  }
  if (serverSeq > latestSeq) {
    return { ok: false, reason: 'cursor_invalid', message: 'Отметка синхронизации новее данных сервера (сервер восстановлен из копии?): данные будут загружены заново' };
  }
  if (serverSeq < oldestSeq - 1) {
    return { ok: false, reason: 'cursor_too_old', message: 'Рабочее место долго не синхронизировалось: данные будут загружены заново' };
  }
  return { ok: true, serverSeq };
}

export interface SnapshotPosition {
  /** The change-log position the snapshot is consistent with. */
  readonly serverSeq: number;
  readonly section: (typeof SNAPSHOT_SECTIONS)[number];
  /** The last id sent in that section; null at its start. */
  readonly afterId: string | null;
}

export function encodePageToken(position: SnapshotPosition, viewer: Actor): string {
  const section = SNAPSHOT_SECTIONS.indexOf(position.section);
  return `s1.${position.serverSeq}.${section}.${fingerprint(scopeKey(viewer))}.${position.afterId === null ? '' : encodeURIComponent(position.afterId)}`;
}

export function decodePageToken(token: string, viewer: Actor): SnapshotPosition | null {
  const m = /^s1\.(\d{1,15})\.(\d)\.([0-9a-f]{8})\.(.*)$/.exec(token);
  if (!m || m[3] !== fingerprint(scopeKey(viewer))) return null;
  const section = SNAPSHOT_SECTIONS[Number(m[2])];
  if (!section) return null;
  let afterId: string | null;
  try {
    afterId = m[4] === '' ? null : decodeURIComponent(m[4] as string);
  } catch {
    return null;
  }
  return { serverSeq: Number(m[1]), section, afterId };
}
