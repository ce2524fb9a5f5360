// The address card's heating: the current status with its date, reason and who set it, «Изменить
// статус» for those who may, and the history of changes (folded).
import { Box, Button, Chip, Collapse, Link, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { HeatingStatus } from '../../../shared/heating/heating-status.js';
import { formatHeatingDate } from '../../../shared/heating/heating-date.js';
import { api } from '../api/api.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { SetHeatingStatusDialog } from './SetHeatingStatusDialog.js';

export const STATUS_COLORS: Record<HeatingStatus, 'success' | 'warning' | 'error' | 'default'> = {
  connected: 'success',
  partial: 'warning',
  problem: 'error',
  not_connected: 'default',
};

export function HeatingStatusChip({ status, noStatus = false }: { status: HeatingStatus; noStatus?: boolean }) {
  return (
    <Chip
      size="small"
      label={noStatus ? t.heating.noStatusLabel : t.heating.statuses[status]}
      color={STATUS_COLORS[status]}
      variant={noStatus ? 'outlined' : 'filled'}
    />
  );
}

export function BuildingHeatingPanel({ buildingId, address }: { buildingId: string; address: string }) {
  const heating = useQuery({ queryKey: ['buildings', 'heating', buildingId], queryFn: () => api.buildingHeating({ buildingId }) });
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const s = t.heating.card;
  if (!heating.data) return null;
  const { current, history, permission } = heating.data;
  const source = current?.source === 'import' ? ` (${s.fromFile})` : current?.source === 'demo' ? ` (${s.demo})` : '';

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '220px 1fr', py: 0.4 }} data-testid="building-heating">
      <Typography color="text.secondary">{s.heading}</Typography>
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          {current ? (
            <>
              <HeatingStatusChip status={current.status} />
              <Typography component="span">{s.since(formatHeatingDate(current.statusDate))}</Typography>
              {current.reason && <Typography component="span">— {current.reason}</Typography>}
            </>
          ) : (
            <Typography component="span">{s.none}</Typography>
          )}
          {permission.canSet && (
            <Button size="small" onClick={() => setEditing(true)}>
              {s.change}
            </Button>
          )}
        </Stack>
        {current && (
          <Typography variant="body2" color="text.secondary">
            {s.setBy(current.setBy, formatDateTime(current.setAt))}
            {source}
          </Typography>
        )}
        {history.length > 0 && (
          <>
            <Link component="button" variant="body2" onClick={() => setShowHistory((v) => !v)}>
              {s.history} ({history.length})
            </Link>
            <Collapse in={showHistory}>
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {history.map((h, i) => (
                  <Typography component="li" variant="body2" key={`${h.at}-${i}`}>
                    {formatHeatingDate(h.statusDate)}: {s.historyEntry(h.from ? t.heating.statuses[h.from] : t.heating.noStatusLabel, t.heating.statuses[h.to])}
                    {h.reason ? ` — ${h.reason}` : ''} · {h.by}, {formatDateTime(h.at)}
                  </Typography>
                ))}
              </Box>
            </Collapse>
          </>
        )}
      </Box>
      {editing && <SetHeatingStatusDialog buildingId={buildingId} address={address} initial={current?.status ?? null} onClose={() => setEditing(false)} />}
    </Box>
  );
}
