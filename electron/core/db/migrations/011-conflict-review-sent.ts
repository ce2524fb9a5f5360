// Version 11: a conflict marked «Просмотрено» here goes to the server (POST /sync/conflicts/review)
// so every workstation of its district sees it reviewed. review_pending = 1: reviewed here, not yet
// taken by the server (offline, or the request failed); the engine sends them after its push.
// Reviews made before this version were never sent: they go with the next sync.
export const version = 11;
export const sql = /* sql */ `
ALTER TABLE sync_conflicts ADD COLUMN review_pending INTEGER NOT NULL DEFAULT 0 CHECK (review_pending IN (0, 1));
UPDATE sync_conflicts SET review_pending = 1 WHERE reviewed_at IS NOT NULL;
CREATE INDEX sync_conflicts_review_pending ON sync_conflicts(review_pending) WHERE review_pending = 1;
`;
