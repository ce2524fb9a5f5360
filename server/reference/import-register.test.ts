import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegister } from '../../shared/demo/register.js';
import { runAdminCommand, type AdminArgs } from '../admin-commands.js';
import { useSyncServer } from '../test/use-sync-server.js';
import { loadDemoRegister } from './import-register.js';

describe('the register on the server', () => {
  const server = useSyncServer();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'register-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(command: string, args: AdminArgs) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCommand(server.database.db, command, args, { out: (s) => out.push(s), err: (s) => err.push(s) }, { now: () => server.clock.now });
    return { code, out, err };
  }

  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  const count = async (sql: string) => (await server.database.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

  it('import a register file with the workstation’s rules, send its buildings to every workstation, and change nothing on the same file again', async () => {
    const path = await file(
      'register.csv',
      'Район;Адрес;Управляющая организация;Этажность\n' +
        'Советский;ул. Гагарина, д. 10;УК «Советская»;9\n' +
        'Ленинский;ул. Молодогвардейская, д. 190;ТСЖ «Молодогвардейское»;12\n',
    );
    const first = await run('import-register', { file: path });
    expect(first).toMatchObject({ code: 0, out: ['Register imported: 2 rows, 2 added, 0 updated, 0 unchanged'] });
    const { rows } = await server.database.db.query<{ district: string; address: string; floors: number }>(
      "SELECT district, address, floors FROM buildings WHERE district IN ('Советский', 'Ленинский') ORDER BY district",
    );
    expect(rows).toEqual([
      { district: 'Ленинский', address: 'ул. Молодогвардейская, д. 190', floors: 12 },
      { district: 'Советский', address: 'ул. Гагарина, д. 10', floors: 9 },
    ]);
    const workstation = await server.workstation('ivanova', 'operator', 'Советский');
    const snapshot = (await workstation.snapshot()).flatMap((p) => p.items);
    const field = (entityType: string, key: string) =>
      snapshot.filter((i) => i.entityType === entityType).map((i) => ('data' in i ? (i.data as unknown as Record<string, unknown>)[key] : undefined));
    expect(field('building', 'address')).toContain('ул. Молодогвардейская, д. 190');
    expect(field('organisation', 'name')).toContain('УК «Советская»');

    const logged = await count('SELECT count(*)::int AS n FROM change_log');
    const again = await run('import-register', { file: path });
    expect(again.out).toEqual(['Register imported: 2 rows, 0 added, 0 updated, 2 unchanged']);
    expect(await count('SELECT count(*)::int AS n FROM change_log')).toBe(logged);
  });

  it('refuse a file with a bad row, naming the row in Russian, and write nothing', async () => {
    const path = await file('bad.csv', 'Район;Адрес\nСоветский;ул. Гагарина, д. 10\nНеверный;ул. Гагарина, д. 12\n');
    const buildings = await count('SELECT count(*)::int AS n FROM buildings');
    const result = await run('import-register', { file: path });
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^Строка 3: Район «Неверный» не найден: в Самаре районы /);
    expect(result.err.at(-1)).toBe('Реестр не загружен: ни одна строка не записана.');
    expect(await count('SELECT count(*)::int AS n FROM buildings')).toBe(buildings);
    expect((await run('import-register', {})).code).toBe(2);
    expect((await run('import-register', { file: join(dir, 'missing.csv') })).err[0]).toMatch(/^Cannot read /);
    expect((await run('demo-register', { seed: 'x' })).code).toBe(2);
  });

  it('load the demo city’s register, so a demo workstation’s registration at one of its buildings is accepted in that building’s district', async () => {
    const register = generateRegister({ seed: 1, buildings: 300, organisations: 20, heatSources: 20 });
    const changed = await loadDemoRegister(server.database.db, register, server.clock.now);
    expect(changed).toEqual({ buildings: 300, organisations: register.organisations.length, heatSources: 20 });
    expect(await loadDemoRegister(server.database.db, register, server.clock.now)).toEqual({ buildings: 0, organisations: 0, heatSources: 0 });
    const building = register.buildings.find((b) => b.district === 'Кировский')!;
    const operator = await server.workstation('kirov', 'operator', 'Кировский');
    const answer = await operator.push([operator.register({ buildingId: building.id, district: 'Кировский' })]);
    expect(answer.results[0]).toMatchObject({ result: 'applied', officialNumber: '2026-КИР-000001' });
  });
});
