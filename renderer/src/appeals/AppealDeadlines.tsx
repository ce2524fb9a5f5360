// Every deadline of an appeal on its card: the kind, the moment in Samara time, where it stands
// (met in time, late, pending, overdue — shared/domain/deadline-progress.ts) and, on hover, the rule
// it was computed by at registration.
import { Chip, Table, TableBody, TableCell, TableRow, Tooltip, Typography } from '@mui/material';
import type { AppealDeadlineView } from '../../../shared/contract/deadline-schemas.js';
import type { DeadlineState } from '../../../shared/domain/deadline-progress.js';
import { TableHeadRow } from '../app/table-head.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

const STATE_COLORS: Record<DeadlineState, 'success' | 'warning' | 'error' | 'default' | 'info'> = {
  pending: 'info',
  overdue: 'error',
  met: 'success',
  late: 'warning',
  done: 'default',
  dropped: 'default',
};

export function AppealDeadlines({ deadlines, nowMs }: { deadlines: readonly AppealDeadlineView[]; nowMs: number }) {
  return (
    <Table size="small" aria-label={t.priority.cardDeadlines} data-testid="appeal-deadlines" sx={{ mb: 1 }}>
      <TableHeadRow columns={[t.deadlines.kind, t.priority.deadlineAt, t.priority.deadlineState]} />
      <TableBody>
        {deadlines.map((d) => {
          // The card stays open while time passes: a pending deadline turns overdue on screen too.
          const state: DeadlineState = d.state === 'pending' && d.at < nowMs ? 'overdue' : d.state;
          const source = d.sourceIsCurrent ? t.priority.sourceNow(d.source) : d.source;
          return (
            <Tooltip key={d.kind} title={source} placement="left">
              <TableRow data-testid="appeal-deadline" data-kind={d.kind} data-state={state}>
                <TableCell>{t.deadlines.kinds[d.kind]}</TableCell>
                <TableCell>{formatDateTime(d.at)}</TableCell>
                <TableCell>
                  <Chip size="small" color={STATE_COLORS[state]} variant={state === 'pending' ? 'outlined' : 'filled'} label={t.priority.states[state]} />
                  {d.doneAt !== null && (
                    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                      {t.priority.doneAt(formatDateTime(d.doneAt))}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            </Tooltip>
          );
        })}
      </TableBody>
    </Table>
  );
}
