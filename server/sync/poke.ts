// The poke (docs/sync-protocol.md §10): after each commit that changed something, the server tells
// the online clients whose scope it touched to pull now. Each op's transaction NOTIFYs (delivered
// at commit, never for a rollback); every server process LISTENs on the same database and writes
// `event: poke` to its own SSE streams whose scope matches. A poke carries only the position, no
// data; a client that missed one pulls on its timer anyway.
import type { ServerResponse } from 'node:http';
import type { District } from '../../shared/domain/districts.js';
import type { Actor } from '../../shared/domain/roles.js';
import { inScope } from '../../shared/sync/scope.js';
import type { Database, Queryable } from '../db/database.js';

export const POKE_CHANNEL = 'sync_poke';
/** An SSE comment this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;

interface PokeMessage {
  readonly serverSeq: number;
  /** null: reference data, everybody pulls. */
  readonly districts: readonly District[] | null;
}

/** In the op's transaction: delivered to every listening process when it commits. */
export async function notifyPoke(tx: Queryable, db: Database, serverSeq: number, districts: readonly District[] | null): Promise<void> {
  const message: PokeMessage = { serverSeq, districts };
  await tx.query('SELECT pg_notify($1, $2)', [db.channel(POKE_CHANNEL), JSON.stringify(message)]);
}

interface Client {
  readonly viewer: Actor;
  readonly stream: ServerResponse;
}

/** One per server process: the open SSE streams and the LISTEN that feeds them. */
export class PokeHub {
  private readonly clients = new Set<Client>();
  private stopListening: (() => Promise<void>) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(POKE_CHANNEL, (payload) => this.deliver(payload));
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.stream.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Opens an SSE stream on a hijacked response; it stays until the client goes or the server stops. */
  open(stream: ServerResponse, viewer: Actor, serverSeq: number): void {
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const client = { viewer, stream };
    this.clients.add(client);
    stream.on('close', () => this.clients.delete(client));
    // The position now: a client that reconnects after a gap pulls at once if it is behind.
    send(stream, serverSeq);
  }

  get size(): number {
    return this.clients.size;
  }

  private deliver(payload: string): void {
    let message: PokeMessage;
    try {
      message = JSON.parse(payload) as PokeMessage;
    } catch {
      return;
    }
    for (const client of this.clients) {
      const touched =
        message.districts === null
          ? true
          : inScope(client.viewer, { kind: 'districts', districts: message.districts });
      if (touched) send(client.stream, message.serverSeq);
    }
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const client of this.clients) client.stream.end();
    this.clients.clear();
    await this.stopListening?.();
    this.stopListening = undefined;
  }
}

function send(stream: ServerResponse, serverSeq: number): void {
  stream.write(`event: poke\ndata: ${JSON.stringify({ type: 'poke', serverSeq })}\n\n`);
}
