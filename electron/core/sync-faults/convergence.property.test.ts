// Property (fast-check): five district workstations and one of the Department, real cores against
// the real server process (PGlite, or PostgreSQL with TEST_DATABASE_URL), go offline and online at
// random and run random commands, each valid on the workstation where it is run (register, transfer,
// take in work, mark done, verify, close with feedback, reject, return for rework) on the district's
// shared appeals, while a fifth of the requests meet a fault of the link; a transfer to an executor
// only the workstations know is rejected by the server, as is a change a concurrent one made invalid. After all reconnect and sync, every replica equals the server, every op was applied
// or rejected with a recorded reason, none twice, and the audit trails match (convergence.ts).
// FC_SEED=<n> replays a run; fast-check prints the seed and the shrunk steps of a failure.
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS, type WorkflowAction } from '../../../shared/domain/workflow.js';
import { expectConverged } from './convergence.js';
import { randomFaults, startFaultServer, type FaultServer } from './fault-server.js';
import { act, ADDRESSES, DEPARTMENT_USER, districtUsers, getAppeal, openWorkstation, organisationId, ORGANISATIONS, REGISTER_CSV, register, settle, type Workstation } from './world.js';

const DISTRICT_WORKSTATIONS = 5;
const users = districtUsers(DISTRICT_WORKSTATIONS);
const ACTIONS = ['transfer', 'take_in_work', 'mark_done', 'verify', 'close', 'reject', 'return_for_rework'] as const satisfies readonly WorkflowAction[];

let server: FaultServer;
let all: Workstation[] = [];
let orgIds: string[] = [];

beforeAll(async () => {
  server = await startFaultServer([...users, DEPARTMENT_USER], { registerCsv: REGISTER_CSV });
  all = [];
  for (const u of [...users, DEPARTMENT_USER]) all.push(await openWorkstation(server, u.login));
  await settle(all);
  // A third executor every workstation knows and the server does not: a transfer to it is rejected (unknown_executor).
  for (const ws of all) await ws.core.db.call('seed', { organisations: [{ id: 'uk-local-9', kind: 'uk', name: 'УК «Местная»' }] });
  orgIds = [await organisationId(all[0]!.core, ORGANISATIONS[0]), await organisationId(all[0]!.core, ORGANISATIONS[1]), 'uk-local-9'];
}, 240_000);

afterAll(async () => {
  for (const ws of all) {
    await ws.core.close();
    rmSync(ws.dataDir, { recursive: true, force: true });
  }
  await server?.stop();
}, 60_000);

type Step =
  | { readonly kind: 'register'; readonly ws: number; readonly address: number }
  /** `times` actions in a row on one appeal (so appeals get far along the workflow). */
  | { readonly kind: 'act'; readonly ws: number; readonly appeal: number; readonly action: (typeof ACTIONS)[number]; readonly org: number; readonly times: number }
  | { readonly kind: 'sync'; readonly ws: number }
  /** The workstation loses its link (it keeps working offline) or gets it back. */
  | { readonly kind: 'toggle_link'; readonly ws: number };

const wsIndex = fc.nat({ max: DISTRICT_WORKSTATIONS });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), ws: fc.nat({ max: DISTRICT_WORKSTATIONS - 1 }), address: fc.nat({ max: 1 }) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('act' as const), ws: wsIndex, appeal: fc.nat(), action: fc.constantFrom(...ACTIONS), org: fc.constantFrom(0, 0, 0, 1, 1, 1, 2), times: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), ws: wsIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('toggle_link' as const), ws: wsIndex }) },
);

describe('convergence of six workstations with random offline periods and commands', () => {
  it('after all reconnect, every replica equals the server; every op applied or rejected with its reason, once', async () => {
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), fc.integer({ min: 0, max: 1_000_000 }), async (steps, faultSeed) => {
        const offline = new Set<number>();
        server.setPlan(() => ({ kind: 'pass' }));
        // Two shared appeals every workstation has, then whatever the steps add.
        const appeals = [(await register(all[0]!.core)).id, (await register(all[1]!.core, ADDRESSES[1])).id];
        await settle(all);
        // While the steps run, a fifth of the requests meet a fault of the link (fault-server.ts).
        server.setPlan(randomFaults(faultSeed, 0.2));
        for (const s of steps) {
          const ws = all[s.ws]!;
          switch (s.kind) {
            case 'register':
              appeals.push((await register(ws.core, ADDRESSES[s.address])).id);
              break;
            case 'act': {
              // An appeal of this run this workstation has, with an action its status allows here.
              const id = appeals[s.appeal % appeals.length]!;
              for (let i = 0; i < s.times; i++) {
                const appeal = await getAppeal(ws.core, id).catch(() => null);
                if (!appeal) break;
                const allowed = (a: WorkflowAction) => TRANSITIONS[a].from.includes(appeal.status);
                // The step's action when the status allows it, else the first one that moves the appeal on.
                const action = i === 0 && allowed(s.action) ? s.action : ACTIONS.find((a) => allowed(a) && a !== 'reject');
                if (!action) break;
                await act(ws.core, appeal.id, action, orgIds[s.org]!);
              }
              break;
            }
            case 'sync':
              if (!offline.has(s.ws)) await ws.core.sync.engine.syncOnce();
              break;
            case 'toggle_link':
              if (offline.has(s.ws)) offline.delete(s.ws);
              else offline.add(s.ws);
              break;
          }
        }
        server.setPlan(() => ({ kind: 'pass' }));
        await settle(all);
        await expectConverged(server, all);
      }),
      { numRuns: 8, endOnFailure: true, ...(seed === undefined ? {} : { seed }) },
    );
    // Not vacuous: the runs made ops the server applied.
    const results = await server.inspect(async (q) => (await q("SELECT answer->>'result' AS r, count(*)::int AS n FROM processed_ops GROUP BY 1")) as { r: string; n: number }[]);
    expect(results.find((r) => r.r === 'applied')?.n ?? 0).toBeGreaterThan(0);
  }, 600_000);
});
