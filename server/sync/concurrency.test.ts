import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseOfficialNumber } from '../../shared/sync/official-number.js';
import type { OpAnswer } from '../../shared/sync/protocol.js';
import { TRANSFER, type Workstation } from '../test/sync-fixture.js';
import { useSyncServer } from '../test/use-sync-server.js';

// Several server processes on one database: on PGlite two apps share the in-process database; with
// TEST_DATABASE_URL each has its own connection pool and its own LISTEN connection.
describe('sync across server processes', () => {
  const server = useSyncServer();

  it('give official numbers unique city-wide to registrations pushed in parallel through two processes', async () => {
    const second = await server.another();
    const workstations: Workstation[] = [];
    for (const [i, district] of (['Октябрьский', 'Октябрьский', 'Кировский', 'Кировский', 'Октябрьский', 'Кировский'] as const).entries()) {
      workstations.push(await server.workstation(`operator${i}`, 'operator', district));
    }
    const pushes = workstations.map((w, i) => {
      const district = w.userId === 'operator2' || w.userId === 'operator3' || w.userId === 'operator5' ? 'Кировский' : 'Октябрьский';
      const buildingId = district === 'Кировский' ? 'b-kir-1' : 'b-okt-1';
      const ops = [w.register({ buildingId, district }), w.register({ buildingId, district }), w.register({ buildingId, district })];
      return w.push(ops, i % 2 === 0 ? server.app : second);
    });
    const answers = (await Promise.all(pushes)).flatMap((r) => r.results);
    expect(answers.every((a) => a.result === 'applied')).toBe(true);
    const numbers = answers.map((a) => (a as Extract<OpAnswer, { result: 'applied' }>).officialNumber!);
    expect(new Set(numbers).size).toBe(18);
    expect(numbers.map((n) => parseOfficialNumber(n)!.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(numbers.filter((n) => n.includes('-КИР-'))).toHaveLength(9);
    const { rows } = await server.database.db.query<{ n: number }>('SELECT count(DISTINCT official_number)::int AS n FROM appeals');
    expect(rows[0]?.n).toBe(18);
  });

  it('serialise two processes’ concurrent changes of one appeal: both answered, nothing lost, one conflict', async () => {
    const operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
    const registration = operator.register();
    const seen = (await operator.push([registration])).serverSeq;
    const second = await server.another();
    const a = await server.workstation('petrova', 'district_controller', 'Октябрьский');
    const b = await server.workstation('sidorova', 'district_controller', 'Октябрьский');
    const [fromA, fromB] = await Promise.all([
      a.push([a.op('transfer', registration.entityId, TRANSFER('uk-1'), { seenServerSeq: seen, hlcMs: server.clock.now + 1000 })], server.app),
      b.push([b.op('transfer', registration.entityId, TRANSFER('uk-2'), { seenServerSeq: seen, hlcMs: server.clock.now + 2000 })], second),
    ]);
    expect([fromA.results[0]?.result, fromB.results[0]?.result].sort()).toEqual(['applied', 'merged']);
    const db = server.database.db;
    const { rows } = await db.query<{ version: number; applied: Record<string, number> }>('SELECT version, applied FROM appeals');
    expect(rows[0]?.version).toBe(3);
    expect(Object.keys(rows[0]!.applied).sort()).toEqual([operator.deviceId, a.deviceId, b.deviceId].sort());
    const { rows: events } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeal_events');
    expect(events[0]?.n).toBe(3);
    const { rows: conflicts } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conflicts');
    expect(conflicts[0]?.n).toBe(1);
    const { rows: seqs } = await db.query<{ server_seq: number }>('SELECT server_seq FROM change_log ORDER BY server_seq');
    expect(new Set(seqs.map((r) => r.server_seq)).size).toBe(seqs.length);
  });

  it('poke the online clients of the touched district within 2 s of a push through another process, over LISTEN/NOTIFY', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (server.app.server.address() as AddressInfo).port;
    const oktyabrsky = await server.workstation('petrova', 'district_controller', 'Октябрьский');
    const kirovsky = await server.workstation('kirova', 'district_controller', 'Кировский');
    const okt = await openStream(port, oktyabrsky.token);
    const kir = await openStream(port, kirovsky.token);
    await okt.next();
    await kir.next();

    const second = await server.another();
    const operator = await server.workstation('ivanova', 'operator', 'Октябрьский');
    const pushed = await operator.push([operator.register()], second);
    const poke = await okt.next();
    expect(poke.event).toBe('poke');
    expect(JSON.parse(poke.data)).toEqual({ type: 'poke', serverSeq: pushed.serverSeq });

    const kirOperator = await server.workstation('kirov-operator', 'operator', 'Кировский');
    const kirPushed = await kirOperator.push([kirOperator.register({ buildingId: 'b-kir-1', district: 'Кировский' })], second);
    // The Кировский stream's next poke is its own district's change: the Октябрьский one never reached it.
    expect(JSON.parse((await kir.next()).data)).toEqual({ type: 'poke', serverSeq: kirPushed.serverSeq });
    okt.close();
    kir.close();
  });
});

interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/** An SSE stream on /sync/events; next() waits at most 2 s for the next event. */
async function openStream(port: number, token: string): Promise<{ next(): Promise<SseEvent>; close(): void }> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/sync/events', headers: { authorization: `Bearer ${token}` } }, resolve);
    req.on('error', reject);
    req.end();
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/event-stream');
  response.setEncoding('utf8');
  const queue: SseEvent[] = [];
  const waiters: ((event: SseEvent) => void)[] = [];
  let buffer = '';
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      if (!fields.event) continue;
      const event = { event: fields.event, data: fields.data ?? '' };
      const waiter = waiters.shift();
      if (waiter) waiter(event);
      else queue.push(event);
    }
  });
  return {
    next: () => {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise<SseEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no poke within 2 s')), 2000);
        waiters.push((event) => {
          clearTimeout(timer);
          resolve(event);
        });
      });
    },
    close: () => response.destroy(),
  };
}
