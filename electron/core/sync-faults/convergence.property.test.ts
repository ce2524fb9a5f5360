// Property (fast-check): five district workstations and one of the Department, real cores against
// the real server process (PGlite, or PostgreSQL with TEST_DATABASE_URL), go offline and online at
// random and run random commands, each valid on the workstation where it is run (register, transfer,
// take in work, mark done, verify, close with feedback, reject, return for rework) on the district's
// shared appeals. After all reconnect and sync, every replica equals the server, every op was applied
// or rejected with a recorded reason, none twice, and the audit trails match (convergence.ts).
// FC_SEED=<n> replays a run; fast-check prints the seed and the shrunk steps of a failure.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS, type WorkflowAction } from '../../../shared/domain/workflow.js';
import { expectConverged } from './convergence.js';
import { startFaultServer, type FaultServer } from './fault-server.js';
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
  orgIds = [await organisationId(all[0]!.core, ORGANISATIONS[0]), await organisationId(all[0]!.core, ORGANISATIONS[1])];
}, 240_000);

afterAll(async () => {
  for (const ws of all) await ws.core.close();
  await server?.stop();
}, 60_000);

type Step =
  | { readonly kind: 'register'; readonly ws: number; readonly address: number }
  | { readonly kind: 'act'; readonly ws: number; readonly appeal: number; readonly action: (typeof ACTIONS)[number]; readonly org: number }
  | { readonly kind: 'sync'; readonly ws: number }
  /** The workstation loses its link (it keeps working offline) or gets it back. */
  | { readonly kind: 'toggle_link'; readonly ws: number };

const wsIndex = fc.nat({ max: DISTRICT_WORKSTATIONS });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), ws: fc.nat({ max: DISTRICT_WORKSTATIONS - 1 }), address: fc.nat({ max: 1 }) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('act' as const), ws: wsIndex, appeal: fc.nat(), action: fc.constantFrom(...ACTIONS), org: fc.nat({ max: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), ws: wsIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('toggle_link' as const), ws: wsIndex }) },
);

describe('convergence of six workstations with random offline periods and commands', () => {
  it('after all reconnect, every replica equals the server; every op applied or rejected with its reason, once', async () => {
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
        const offline = new Set<number>();
        // Two shared appeals every workstation has, then whatever the steps add.
        const appeals = [(await register(all[0]!.core)).id, (await register(all[1]!.core, ADDRESSES[1])).id];
        await settle(all);
        for (const s of steps) {
          const ws = all[s.ws]!;
          switch (s.kind) {
            case 'register':
              appeals.push((await register(ws.core, ADDRESSES[s.address])).id);
              break;
            case 'act': {
              // An appeal of this run this workstation has, with an action its status allows here.
              const known = appeals.length > 0 ? appeals[s.appeal % appeals.length]! : null;
              const appeal = known ? await getAppeal(ws.core, known).catch(() => null) : null;
              if (!appeal) break;
              const action = TRANSITIONS[s.action].from.includes(appeal.status) ? s.action : ACTIONS.find((a) => TRANSITIONS[a].from.includes(appeal.status));
              if (action) await act(ws.core, appeal.id, action, orgIds[s.org]!);
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
        await settle(all);
        await expectConverged(server, all);
      }),
      { numRuns: 8, endOnFailure: true, ...(seed === undefined ? {} : { seed }) },
    );
    // Not vacuous: the runs made ops, and some of them met a concurrent change (merged).
    const results = await server.inspect(async (q) => (await q("SELECT answer->>'result' AS r, count(*)::int AS n FROM processed_ops GROUP BY 1")) as { r: string; n: number }[]);
    expect(results.find((r) => r.r === 'applied')?.n ?? 0).toBeGreaterThan(0);
  }, 600_000);
});
