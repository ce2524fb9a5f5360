// A compact list of appeals (the address card, the intake form's "already open here" panel): each
// row opens its appeal.
import { Chip, Link, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { Appeal } from '../../../shared/contract/schemas.js';
import { isOnControl } from '../../../shared/domain/appeal-vocabulary.js';
import { routeHref } from '../app/routing.js';
import { useNow } from '../app/use-now.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n/ru.js';

export function AppealMiniList({
  appeals,
  highlightFlat,
  rowAction,
  tabbable = true,
}: {
  appeals: readonly Appeal[];
  highlightFlat?: string;
  /** An extra last cell per row (the intake panel's «Присоединить как повторный звонок»). */
  rowAction?: (appeal: Appeal, index: number) => React.ReactNode;
  /**
   * Links reachable by Tab, one line per cell. In a form's panel neither: its links would sit between
   * the form's fields, and a table wider than the panel would make it a scroller — a Tab stop too.
   */
  tabbable?: boolean;
}) {
  const now = useNow();
  return (
    <Table size="small" aria-label={t.building.appeals} sx={tabbable ? { '& td, & th': { whiteSpace: 'nowrap' } } : { '& td, & th': { px: 1 } }}>
      <TableHead>
        <TableRow>
          <TableCell>{t.appeals.number}</TableCell>
          <TableCell>{t.appeals.received}</TableCell>
          <TableCell>{t.card.flat}</TableCell>
          <TableCell>{t.appeals.category}</TableCell>
          <TableCell>{t.appeals.status}</TableCell>
          <TableCell>{t.appeals.deadline}</TableCell>
          {rowAction && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {appeals.map((a, index) => {
          const open = isOnControl(a.status);
          const overdue = open && a.deadlineAt < now;
          return (
            <TableRow key={a.id} selected={Boolean(highlightFlat) && a.flat === highlightFlat}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Link href={routeHref({ screen: 'appeal', id: a.id })} tabIndex={tabbable ? undefined : -1}>
                  {a.number}
                </Link>
              </TableCell>
              <TableCell>{formatDateTime(a.receivedAt)}</TableCell>
              <TableCell>{a.flat}</TableCell>
              <TableCell>{t.categories[a.category]}</TableCell>
              <TableCell>
                <Chip size="small" label={t.statuses[a.status]} color={open ? 'warning' : 'default'} variant={open ? 'filled' : 'outlined'} />
              </TableCell>
              <TableCell sx={overdue ? { color: 'error.main', fontWeight: 500 } : undefined}>{formatDateTime(a.deadlineAt)}</TableCell>
              {rowAction && <TableCell>{rowAction(a, index)}</TableCell>}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
