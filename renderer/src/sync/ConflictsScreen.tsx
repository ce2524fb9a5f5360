// «Конфликты»: concurrent changes where one value stands and the other was kept (each with who and
// when), and the operations the server refused with the reason and what to do; each can be marked
// as reviewed.
import { Alert, Box, Button, Card, CardContent, FormControlLabel, Link, Stack, Switch, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RejectedOp, SyncConflict } from '../../../shared/contract/sync-schemas.js';
import { api } from '../api/api.js';
import { routeHref } from '../app/routing.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const C = t.sync.conflicts;
const R = t.sync.rejected;

function sideValue(side: SyncConflict['kept']): string {
  return typeof side.value === 'number' ? formatDateTime(side.value) : side.label;
}

function Where({ entityType, entityId, number, address }: { entityType: 'appeal' | 'incident' | 'day_closure' | 'building_heating'; entityId: string; number: string | null; address: string | null }) {
  // A building's heating status: the address card.
  if (entityType === 'building_heating') {
    return (
      <Typography variant="subtitle1" component="h3">
        <Link href={routeHref({ screen: 'building', id: entityId })}>{address ?? entityId}</Link>
      </Typography>
    );
  }
  // A district's day («Закрыть день»): named, not linked (its screen goes by the day chosen there).
  if (entityType === 'day_closure') {
    return (
      <Typography variant="subtitle1" component="h3">
        {number ?? entityId}
      </Typography>
    );
  }
  const href = routeHref(entityType === 'appeal' ? { screen: 'appeal', id: entityId } : { screen: 'incident', id: entityId });
  return (
    <Typography variant="subtitle1" component="h3">
      <Link href={href}>{number ?? entityId}</Link>
      {address && (
        <Typography component="span" sx={{ ml: 1, color: 'text.secondary' }}>
          {address}
        </Typography>
      )}
    </Typography>
  );
}

function ConflictCard({ c, onReview, busy }: { c: SyncConflict; onReview: () => void; busy: boolean }) {
  return (
    <Card variant="outlined" data-testid="sync-conflict">
      <CardContent>
        <Where {...c} />
        <Typography variant="body2" sx={{ mb: 1 }}>
          {C.field}: <b>{C.fields[c.field] ?? c.field}</b>
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
          {(
            [
              [C.kept, c.kept, 'success.main'],
              [C.other, c.other, 'text.secondary'],
            ] as const
          ).map(([label, side, color]) => (
            <Box key={label} sx={{ borderLeft: 3, borderColor: color, pl: 1.5 }}>
              <Typography variant="caption" sx={{ color }}>
                {label}
              </Typography>
              <Typography variant="body1" sx={{ fontWeight: 600 }}>
                {sideValue(side)}
              </Typography>
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {C.by(side.userId, formatDateTime(side.at), side.mine)}
              </Typography>
            </Box>
          ))}
        </Box>
        <Stack direction="row" spacing={2} sx={{ mt: 1.5, alignItems: 'center' }}>
          {c.reviewedAt !== null && c.reviewedBy ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {C.reviewed(c.reviewedBy, formatDateTime(c.reviewedAt))}
            </Typography>
          ) : (
            <Button size="small" variant="outlined" onClick={onReview} disabled={busy}>
              {C.markReviewed}
            </Button>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

function RejectedCard({ op, onReview, busy }: { op: RejectedOp; onReview: () => void; busy: boolean }) {
  return (
    <Card variant="outlined" data-testid="sync-rejected">
      <CardContent>
        <Where {...op} />
        <Typography variant="body2">
          {R.what}: <b>{R.commands[op.command] ?? op.command}</b> — {R.madeBy(op.userId, formatDateTime(op.createdAt))}
        </Typography>
        <Alert severity="error" sx={{ mt: 1 }}>
          <Typography variant="body2">
            <b>{R.why}:</b> {op.message}
          </Typography>
          <Typography variant="body2">
            <b>{R.todo}:</b> {op.userAction}
          </Typography>
        </Alert>
        <Box sx={{ mt: 1.5 }}>
          {op.reviewedAt === null ? (
            <Button size="small" variant="outlined" onClick={onReview} disabled={busy}>
              {C.markReviewed}
            </Button>
          ) : (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {C.reviewedOn(formatDateTime(op.reviewedAt))}
            </Typography>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

export function ConflictsScreen() {
  const [includeReviewed, setIncludeReviewed] = useState(false);
  const queryClient = useQueryClient();
  const conflicts = useQuery({ queryKey: ['sync', 'conflicts', includeReviewed], queryFn: () => api.listSyncConflicts({ includeReviewed }) });
  const rejected = useQuery({ queryKey: ['sync', 'rejected', includeReviewed], queryFn: () => api.listRejectedOps({ includeReviewed }) });
  const review = useMutation({
    mutationFn: (item: { kind: 'conflict' | 'rejected'; id: string }) => api.markSyncReviewed(item),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['sync'] }),
  });
  return (
    <Stack spacing={2} sx={{ maxWidth: 1000 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h2">
          {C.title}
        </Typography>
        <FormControlLabel control={<Switch checked={includeReviewed} onChange={(e) => setIncludeReviewed(e.target.checked)} />} label={C.showReviewed} />
      </Stack>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {C.intro}
      </Typography>
      {review.error && <Alert severity="error">{review.error.message}</Alert>}
      {conflicts.data?.length === 0 && <Typography>{C.empty}</Typography>}
      {conflicts.data?.map((c) => (
        <ConflictCard key={c.id} c={c} busy={review.isPending} onReview={() => review.mutate({ kind: 'conflict', id: c.id })} />
      ))}
      <Typography variant="h6" component="h2" sx={{ pt: 2 }}>
        {R.title}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {R.intro}
      </Typography>
      {rejected.data?.length === 0 && <Typography>{R.empty}</Typography>}
      {rejected.data?.map((op) => (
        <RejectedCard key={op.opId} op={op} busy={review.isPending} onReview={() => review.mutate({ kind: 'rejected', id: op.opId })} />
      ))}
    </Stack>
  );
}
