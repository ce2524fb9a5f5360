// An operation: one local command as it is kept in the outbox and later pushed to the central
// endpoint. The command name and payload describe intent (register, transfer…), never raw rows.
import type { WorkflowAction } from '../domain/workflow.js';

/**
 * 2: «Закрыть день» — the appeal command carry_over and the entity day_closure (sign_day,
 * return_day); «Отопительный сезон» — the entity building_heating (set_heating_status). Additive:
 * a version-1 op is a valid version-2 op (schema-versions.ts).
 */
export const SCHEMA_VERSION = 2;

export type OpCommand = 'register_appeal' | WorkflowAction | 'log_call' | 'attach_repeated_call' | 'carry_over' | IncidentOpCommand | DayClosureOpCommand | 'set_heating_status';

/** «Закрыть день»: the deputy head's sign-off of a district's day, and the Department's return of it. */
export type DayClosureOpCommand = 'sign_day' | 'return_day';

/** Mass outages: the incident's own commands, and the move of a linked appeal when heat is restored. */
export type IncidentOpCommand = 'create_incident' | 'update_incident' | 'restore_incident' | 'incident_restored';

export interface Op<P = unknown> {
  /** UUIDv7: sortable by creation time. */
  readonly opId: string;
  readonly deviceId: string;
  /** Per-device sequence, gap-free from 1. */
  readonly deviceSeq: number;
  /** Hybrid logical clock timestamp (see shared/domain/hlc.ts). */
  readonly hlc: string;
  readonly userId: string;
  readonly entityType: 'appeal' | 'incident' | 'day_closure' | 'building_heating';
  readonly entityId: string;
  /**
   * Version of the entity the command was based on; 0 for a creation. Meant as the server's version
   * the author had; the core writes its local version for now (docs/sync-protocol.md §6).
   */
  readonly baseVersion: number;
  readonly schemaVersion: number;
  readonly command: OpCommand;
  readonly payload: P;
}
