// This workstation's identity and counters, kept in the meta table: device id, the counter behind
// provisional registration numbers, the op sequence and the hybrid logical clock.
import type Database from 'better-sqlite3';
import { v4 as uuidv4 } from 'uuid';
import { formatHlc, hlcTick, parseHlc } from '../../../shared/domain/hlc.js';
import { workstationCode } from '../../../shared/domain/registration-number.js';

export class DeviceRepository {
  private readonly getMeta: Database.Statement<[string], { value: string }>;
  private readonly setMeta: Database.Statement<[string, string]>;
  readonly deviceId: string;
  readonly code: string;

  constructor(db: Database.Database) {
    this.getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setMeta = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    let id = this.get('device_id');
    if (!id) {
      id = uuidv4();
      this.setMeta.run('device_id', id);
    }
    this.deviceId = id;
    this.code = workstationCode(id);
  }

  private get(key: string): string | undefined {
    return this.getMeta.get(key)?.value;
  }

  /** Next value of a named counter; call inside the command's transaction. */
  nextCounter(name: 'appeal_number' | 'device_seq'): number {
    const next = Number(this.get(name) ?? '0') + 1;
    this.setMeta.run(name, String(next));
    return next;
  }

  /** Next hybrid logical clock timestamp; call inside the command's transaction. */
  nextHlc(nowMs: number): string {
    const stored = this.get('hlc');
    const prev = stored ? parseHlc(stored) : { wallMs: 0, counter: 0, node: this.code };
    const next = formatHlc(hlcTick(prev, nowMs));
    this.setMeta.run('hlc', next);
    return next;
  }
}
