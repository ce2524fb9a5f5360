// On the address card: the periods the address was on control, and its heat interruptions.
import { Box, Typography } from '@mui/material';
import type { BuildingHistory as History } from '../../../shared/contract/building-history-schemas.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';
import { HeatInterruptionsView } from './HeatInterruptionsView.js';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '220px 1fr', py: 0.4 }}>
      <Typography color="text.secondary">{label}</Typography>
      <Box>{children}</Box>
    </Box>
  );
}

export function BuildingHistory({ history }: { history: History }) {
  return (
    <>
      <Row label={t.incidents.controlHistory}>
        {history.controlPeriods.length === 0 ? (
          <Typography color="text.secondary">{t.incidents.neverOnControl}</Typography>
        ) : (
          <Box component="ul" data-testid="control-history" sx={{ m: 0, pl: 2.5 }}>
            {history.controlPeriods.map((p) => (
              <li key={p.startedAt}>
                {t.incidents.controlPeriod(formatDateTime(p.startedAt), p.endedAt === null ? null : formatDateTime(p.endedAt))}
              </li>
            ))}
          </Box>
        )}
      </Row>
      <Row label={t.incidents.hours}>
        <HeatInterruptionsView value={history.interruptions} />
      </Row>
    </>
  );
}
