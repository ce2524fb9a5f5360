// The bearer check of protected routes: a route spreads `protectedRoute` into its options, so the
// request is authenticated before its handler runs (a failed check answers through the scope's own
// error handler), and the handler reads the caller's session with `sessionOf`.
import type { FastifyRequest } from 'fastify';
import type { IdentityService, Session } from './identity-service.js';

export interface SessionGuard {
  readonly protectedRoute: { readonly onRequest: (request: FastifyRequest) => Promise<void> };
  sessionOf(request: FastifyRequest): Session;
}

export function sessionGuard(identity: IdentityService): SessionGuard {
  const sessions = new WeakMap<FastifyRequest, Session>();
  return {
    protectedRoute: {
      onRequest: async (request) => {
        sessions.set(request, await identity.authenticate(request.headers.authorization));
      },
    },
    sessionOf: (request) => {
      const session = sessions.get(request);
      if (!session) throw new Error('Protected route without a session');
      return session;
    },
  };
}
