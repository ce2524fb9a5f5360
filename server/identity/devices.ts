// Registered workstations. A workstation registers once with the id it generated itself; revoking it
// ends its sessions and refuses every later request it makes.
import type { District } from '../../shared/domain/districts.js';
import type { Device } from '../../shared/server-api/identity.js';
import type { Queryable } from '../db/database.js';

interface DeviceRow {
  id: string;
  name: string;
  district: District | null;
  registered_by: string;
  registered_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, district, registered_by, registered_at, revoked_at';

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    district: row.district,
    registeredBy: row.registered_by,
    registeredAt: row.registered_at.getTime(),
    revokedAt: row.revoked_at?.getTime() ?? null,
  };
}

export async function findDevice(db: Queryable, id: string): Promise<Device | null> {
  const { rows } = await db.query<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = $1`, [id]);
  return rows[0] ? toDevice(rows[0]) : null;
}

export async function listDevices(db: Queryable): Promise<Device[]> {
  const { rows } = await db.query<DeviceRow>(`SELECT ${COLUMNS} FROM devices ORDER BY (SELECT position FROM districts WHERE name = devices.district) NULLS FIRST, registered_at, id`);
  return rows.map(toDevice);
}

/** Inserts the device, or renames it when it is already registered (a retried registration). */
export async function upsertDevice(
  db: Queryable,
  device: { id: string; name: string; district: District | null; registeredBy: string },
  now: number,
): Promise<Device> {
  const { rows } = await db.query<DeviceRow>(
    `INSERT INTO devices (id, name, district, registered_by, registered_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name RETURNING ${COLUMNS}`,
    [device.id, device.name, device.district, device.registeredBy, new Date(now)],
  );
  return toDevice(rows[0]!);
}

/** Revokes the device and its refresh tokens; revoking twice keeps the first time. Null when unknown. */
export async function revokeDevice(db: Queryable, id: string, revokedBy: string | null, now: number): Promise<Device | null> {
  const at = new Date(now);
  const { rows } = await db.query<DeviceRow>(
    `UPDATE devices SET revoked_at = coalesce(revoked_at, $2), revoked_by = coalesce(revoked_by, $3) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, at, revokedBy],
  );
  if (!rows[0]) return null;
  await db.query(
    "UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'device_revoked' WHERE device_id = $1 AND revoked_at IS NULL",
    [id, at],
  );
  return toDevice(rows[0]);
}
