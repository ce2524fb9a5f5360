// The admin CLI's commands over an open database: users of the districts, passwords, workstations,
// and the reference data every workstation receives (the register).
import { readFile } from 'node:fs/promises';
import { DEFAULT_REGISTER, generateRegister } from '../shared/demo/register.js';
import { isDistrict, type District } from '../shared/domain/districts.js';
import { isCityWide, ROLES, type Role } from '../shared/domain/roles.js';
import type { Database } from './db/database.js';
import { listDevices, revokeDevice } from './identity/devices.js';
import { generatePassword, type ScryptCost } from './identity/passwords.js';
import { createUser, listUsers, setPassword, setUserDisabled, UserRuleError } from './identity/users.js';
import { importRegisterFile, loadDemoRegister } from './reference/import-register.js';
import { compactChangeLog } from './sync/store.js';

export const ADMIN_USAGE = `Usage: npm run server:admin -- <command> [--data-dir DIR]   (DATABASE_URL selects PostgreSQL)
  create-user --login L --role ROLE [--district D] [--name "Full Name"] [--password P]
      ROLE: ${ROLES.join(', ')}; a district for every role but department and admin.
      Without --password a random one is generated and printed once.
  reset-password --login L [--password P]   new password; ends the user's sessions
  disable-user --login L [--enable]         disable (or enable again); ends the user's sessions
  list-users [--json]
  list-devices [--json]
  revoke-device --id DEVICE_ID
  import-register FILE                      load buildings and organisations from a register file (CSV or XLSX,
                                            the workstation's format); all rows or none; every workstation receives them
  demo-register [--seed N]                  the demo city's register (the same buildings and ids as the
                                            workstation's demo-data --seed N; default 1, as start:browser --demo)
  compact-log [--keep-days N]               forget the sync change log older than N days (default 90); workstations
                                            that have not synced since then load their data anew`;

export interface AdminArgs {
  readonly login?: string | undefined;
  readonly role?: string | undefined;
  readonly district?: string | undefined;
  readonly name?: string | undefined;
  readonly password?: string | undefined;
  readonly id?: string | undefined;
  readonly enable?: boolean | undefined;
  readonly json?: boolean | undefined;
  /** import-register: the file. */
  readonly file?: string | undefined;
  readonly seed?: string | undefined;
  readonly keepDays?: string | undefined;
}

export interface AdminOutput {
  out(line: string): void;
  err(line: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Runs one command; returns the process exit code. */
export async function runAdminCommand(
  db: Database,
  command: string | undefined,
  args: AdminArgs,
  io: AdminOutput,
  options: { now?: () => number; scryptCost?: ScryptCost } = {},
): Promise<number> {
  const now = options.now ?? Date.now;
  try {
    switch (command) {
      case 'create-user': {
        const role = parseRole(args.role);
        const district = parseDistrict(args.district, role);
        const password = args.password ?? generatePassword();
        const user = await createUser(db, { login: required(args.login, '--login'), displayName: args.name ?? '', role, district, password }, now(), options.scryptCost);
        io.out(`Created ${user.login} (${user.role}${user.district ? `, ${user.district}` : ''}), id ${user.id}`);
        if (args.password === undefined) io.out(`Password (shown once): ${password}`);
        return 0;
      }
      case 'reset-password': {
        const password = args.password ?? generatePassword();
        const user = await setPassword(db, required(args.login, '--login'), password, now(), options.scryptCost);
        io.out(`Password of ${user.login} reset; their sessions are ended`);
        if (args.password === undefined) io.out(`Password (shown once): ${password}`);
        return 0;
      }
      case 'disable-user': {
        const user = await setUserDisabled(db, required(args.login, '--login'), !args.enable, now());
        io.out(user.disabledAt === null ? `${user.login} enabled` : `${user.login} disabled; their sessions are ended`);
        return 0;
      }
      case 'list-users': {
        const users = await listUsers(db);
        if (args.json) {
          io.out(JSON.stringify(users.map(({ passwordHash: _hash, ...user }) => user), null, 2));
        } else {
          for (const u of users) {
            io.out([u.login, u.role, u.district ?? '—', u.displayName, u.disabledAt === null ? 'active' : 'disabled'].join('\t'));
          }
        }
        return 0;
      }
      case 'list-devices': {
        const devices = await listDevices(db);
        if (args.json) io.out(JSON.stringify(devices, null, 2));
        else for (const d of devices) io.out([d.id, d.name, d.district ?? '—', d.revokedAt === null ? 'active' : 'revoked'].join('\t'));
        return 0;
      }
      case 'revoke-device': {
        const id = required(args.id, '--id');
        if (!UUID.test(id)) throw new UsageError(`--id is a workstation id (UUID), not ${id}`);
        const device = await revokeDevice(db, id, null, now());
        if (!device) throw new UserRuleError(`No device ${args.id}`);
        io.out(`Device ${device.id} (${device.name}) revoked`);
        return 0;
      }
      case 'import-register': {
        const file = required(args.file, 'FILE');
        let bytes: Uint8Array;
        try {
          bytes = await readFile(file);
        } catch (error) {
          throw new UserRuleError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
        const result = await importRegisterFile(db, bytes, now());
        if (!result.ok) {
          if (result.fileError) io.err(result.fileError);
          for (const e of result.errors) io.err(`Строка ${e.row}: ${e.message}`);
          io.err('Реестр не загружен: ни одна строка не записана.');
          return 1;
        }
        io.out(`Register imported: ${result.rows} rows, ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged`);
        return 0;
      }
      case 'demo-register': {
        const seed = args.seed === undefined ? 1 : Number(args.seed);
        if (!Number.isInteger(seed)) throw new UsageError(`--seed is an integer, not ${args.seed}`);
        const register = generateRegister({ ...DEFAULT_REGISTER, seed });
        const changed = await loadDemoRegister(db, register, now());
        io.out(
          `Demo register (seed ${seed}): ${register.buildings.length} buildings, ${register.organisations.length} organisations, ` +
            `${register.heatSources.length} heat sources; changed: ${changed.buildings} buildings, ${changed.organisations} organisations, ${changed.heatSources} heat sources`,
        );
        return 0;
      }
      case 'compact-log': {
        const days = args.keepDays === undefined ? 90 : Number(args.keepDays);
        if (!Number.isInteger(days) || days < 1) throw new UsageError(`--keep-days is a whole number of days, at least 1, not ${args.keepDays}`);
        const result = await compactChangeLog(db, days * 24 * 60 * 60_000, now());
        io.out(`Change log compacted: ${result.removed} rows removed; positions up to ${result.compactedThrough} are gone`);
        return 0;
      }
      default:
        throw new UsageError(command ? `Unknown command: ${command}` : 'No command given');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(ADMIN_USAGE);
      return 2;
    }
    if (error instanceof UserRuleError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value;
}

function parseRole(value: string | undefined): Role {
  const role = required(value, '--role');
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`Unknown role ${role}; one of ${ROLES.join(', ')}`);
  return role as Role;
}

function parseDistrict(value: string | undefined, role: Role): District | null {
  if (isCityWide(role)) {
    if (value !== undefined) throw new UsageError(`The role ${role} has no district`);
    return null;
  }
  const district = required(value, '--district');
  if (!isDistrict(district)) throw new UsageError(`Unknown district ${district}`);
  return district;
}
