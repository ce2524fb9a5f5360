// Every example message in docs/sync-protocol.md validates against its schema, and the examples of
// refusals say what the code says: the document cannot drift from the protocol.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkClientClock } from '../../shared/sync/clock-skew.js';
import { opSchema } from '../../shared/sync/op-payloads.js';
import {
  pokeSchema,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  snapshotPageSchema,
  snapshotRequestSchema,
  syncErrorSchema,
} from '../../shared/sync/protocol.js';
import { planPush } from '../../shared/sync/push-order.js';
import { upgradeOp } from '../../shared/sync/schema-versions.js';

const SCHEMAS: Record<string, z.ZodType> = {
  op: opSchema,
  'push-request': pushRequestSchema,
  'push-response': pushResponseSchema,
  'pull-request': pullRequestSchema,
  'pull-response': pullResponseSchema,
  'snapshot-request': snapshotRequestSchema,
  'snapshot-page': snapshotPageSchema,
  poke: pokeSchema,
  'sync-error': syncErrorSchema,
};

const doc = readFileSync(fileURLToPath(new URL('../../docs/sync-protocol.md', import.meta.url)), 'utf8');
const examples = [...doc.matchAll(/```json ([a-z-]+)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1] as string, value: JSON.parse(m[2] as string) as unknown }));

describe('docs/sync-protocol.md', () => {
  it('shows every message', () => {
    expect(new Set(examples.map((e) => e.kind))).toEqual(new Set(Object.keys(SCHEMAS)));
  });

  it.each(examples.map((e, i) => [`${i + 1}: ${e.kind}`, e] as const))('example %s validates', (_name, example) => {
    const schema = SCHEMAS[example.kind];
    if (!schema) throw new Error(`no schema for ${example.kind}`);
    const parsed = schema.safeParse(example.value);
    expect(parsed.success ? 'ok' : JSON.stringify(parsed.error.issues, null, 1)).toBe('ok');
  });

  it('the ops of the push example are valid ops, in order, as the server would plan them', () => {
    const push = pushRequestSchema.parse(examples.find((e) => e.kind === 'push-request')?.value);
    for (const op of push.ops) expect(opSchema.safeParse(op).success).toBe(true);
    const plan = planPush(push.ops, { lastDeviceSeq: 40, opIdAt: () => push.ops[0]?.opId });
    expect(plan).toMatchObject({ ok: true, duplicates: [{ deviceSeq: 40 }], fresh: [{ deviceSeq: 41 }, { deviceSeq: 42 }, { deviceSeq: 43 }] });
  });

  it('the refusals shown are the ones the code gives', () => {
    const errors = examples.filter((e) => e.kind === 'sync-error').map((e) => syncErrorSchema.parse(e.value));
    const clock = errors.find((e) => e.code === 'clock_ahead');
    const details = clock?.details as { serverNow: number; clientNow: number };
    expect(checkClientClock(details.clientNow, details.serverNow)).toMatchObject({ message: clock?.message, userAction: clock?.userAction });
    const tooNew = errors.find((e) => e.code === 'schema_too_new');
    const op = pushRequestSchema.parse(examples.find((e) => e.kind === 'push-request')?.value).ops[0]!;
    expect(upgradeOp({ ...op, schemaVersion: 2 }, 1)).toMatchObject({ message: tooNew?.message, userAction: tooNew?.userAction });
    const gap = errors.find((e) => e.code === 'out_of_order');
    expect(planPush([{ opId: 'x', deviceSeq: 46 }], { lastDeviceSeq: 43, opIdAt: () => undefined })).toMatchObject({ ok: false, error: { message: gap?.message, userAction: gap?.userAction } });
  });
});
