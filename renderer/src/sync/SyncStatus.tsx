// The sync status in the app frame: on line or not, how many changes wait, when the last sync
// finished; a click opens the details (the last error in plain Russian with what to do, conflicts
// and rejected operations) with «Синхронизировать». Hidden when the workstation works without a server.
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import SyncIcon from '@mui/icons-material/Sync';
import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import { Alert, Box, Button, ButtonBase, Link, Popover, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SyncStatus as Status } from '../../../shared/contract/sync-schemas.js';
import { api } from '../api/api.js';
import { routeHref } from '../app/routing.js';
import { t } from '../i18n/ru.js';

const S = t.sync;
export const SYNC_STATUS_KEY = ['sync', 'status'] as const;

const time = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Samara', hour: '2-digit', minute: '2-digit' });
const formatTime = (ms: number) => time.format(new Date(ms));

/** Sync change events refresh the status, the conflicts and the rejected operations. */
export function useSyncLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.onChange((event) => {
        if (event.entity === 'sync' || event.entity === 'serverLink') void queryClient.invalidateQueries({ queryKey: ['sync'] });
      }),
    [queryClient],
  );
}

function headline(s: Status): string {
  if (s.running && s.progress) {
    const p = s.progress;
    return p.stage === 'snapshot' ? S.progress.snapshot(p.done, p.total) : S.progress[p.stage](p.done);
  }
  if (s.running) return S.running;
  if (s.connection === 'signed_out') return S.signedOut;
  if (s.connection === 'offline') return S.offline;
  return s.lastSyncAt ? S.syncedAt(formatTime(s.lastSyncAt)) : S.neverSynced;
}

export function SyncStatusChip() {
  useSyncLiveUpdates();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: SYNC_STATUS_KEY, queryFn: () => api.syncStatus({}), refetchInterval: 30_000 });
  const syncNow = useMutation({
    mutationFn: () => api.syncNow({}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['sync'] }),
  });
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const s = status.data;
  if (!s || s.connection === 'standalone') return null;
  const problem = s.lastError !== null || s.connection !== 'online';
  const attention = S.attention(s.conflictCount, s.rejectedCount);
  const icon = s.running ? <SyncIcon fontSize="small" /> : s.connection === 'offline' ? <CloudOffIcon fontSize="small" /> : problem ? <SyncProblemIcon fontSize="small" /> : <CloudDoneIcon fontSize="small" />;
  const bg = s.connection === 'offline' || s.connection === 'signed_out' ? 'warning.main' : s.lastError ? 'error.main' : 'rgba(255,255,255,0.15)';
  return (
    <>
      <ButtonBase
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-label={`${S.statusLabel}: ${headline(s)}${s.pendingCount > 0 ? `, ${S.pending(s.pendingCount)}` : ''}`}
        aria-haspopup="dialog"
        data-testid="sync-status"
        sx={{ ml: 2, borderRadius: 1, px: 0.75, py: 0.25, gap: 0.75, color: 'inherit', bgcolor: bg, flexShrink: 0 }}
      >
        {icon}
        <Typography component="span" sx={{ fontSize: 13, whiteSpace: 'nowrap' }}>
          {s.connection === 'online' || s.running ? headline(s) : s.connection === 'offline' ? S.offline : S.signedOut}
        </Typography>
        {s.pendingCount > 0 && (
          <Typography component="span" data-testid="sync-pending" sx={{ fontSize: 12, fontWeight: 700, bgcolor: 'rgba(0,0,0,0.25)', borderRadius: 1, px: 0.5 }}>
            {S.pending(s.pendingCount)}
          </Typography>
        )}
        {attention && (
          <Typography component="span" sx={{ fontSize: 12, fontWeight: 700, bgcolor: 'error.dark', borderRadius: 1, px: 0.5 }}>
            {attention}
          </Typography>
        )}
      </ButtonBase>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { sx: { p: 2, maxWidth: 420 }, role: 'dialog', 'aria-label': S.statusLabel } }}
      >
        <Stack spacing={1}>
          <Typography variant="subtitle1">{S.statusLabel}</Typography>
          <Typography variant="body2">
            {s.connection === 'online' ? S.online : s.connection === 'offline' ? S.offline : S.signedOut}
            {' · '}
            {s.lastSyncAt ? S.syncedAt(formatTime(s.lastSyncAt)) : S.neverSynced}
          </Typography>
          {s.pendingCount > 0 && <Typography variant="body2">{S.pending(s.pendingCount)}</Typography>}
          {s.lastError && (
            <Alert severity={s.connection === 'offline' ? 'warning' : 'error'} data-testid="sync-error">
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {s.lastError.message}
              </Typography>
              <Typography variant="body2">{s.lastError.userAction}</Typography>
            </Alert>
          )}
          {s.nextAttemptAt && !s.running && s.lastError && <Typography variant="caption">{S.nextAttempt(formatTime(s.nextAttemptAt))}</Typography>}
          {attention && (
            <Link href={routeHref({ screen: 'conflicts' })} onClick={() => setAnchor(null)}>
              {S.openConflicts(attention)}
            </Link>
          )}
          {syncNow.error && <Alert severity="error">{syncNow.error.message}</Alert>}
          <Box>
            <Button
              variant="contained"
              size="small"
              startIcon={<SyncIcon />}
              disabled={s.running || syncNow.isPending || s.connection === 'signed_out'}
              onClick={() => syncNow.mutate()}
              title={S.syncNowHint}
            >
              {S.syncNow}
            </Button>
          </Box>
        </Stack>
      </Popover>
    </>
  );
}
