// A table's header row: the column titles in order; a column of numbers can be right-aligned.
import { TableCell, TableHead, TableRow } from '@mui/material';

export type TableColumn = string | { readonly label: string; readonly align: 'right' };

export function TableHeadRow({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <TableHead>
      <TableRow>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <TableCell key={column}>{column}</TableCell>
          ) : (
            <TableCell key={column.label} align={column.align}>
              {column.label}
            </TableCell>
          ),
        )}
      </TableRow>
    </TableHead>
  );
}
