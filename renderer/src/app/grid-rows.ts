// A grid row opens its card by a click or by Enter on any of its cells — except the selection
// checkbox, which only selects.
import type { DataGridProps, GridValidRowModel } from '@mui/x-data-grid';

const CHECKBOX_FIELD = '__check__';

export function rowsOpen<R extends GridValidRowModel>(open: (id: string) => void): Pick<DataGridProps<R>, 'onCellClick' | 'onCellKeyDown'> {
  return {
    onCellClick: (params) => {
      if (params.field !== CHECKBOX_FIELD) open(String(params.id));
    },
    onCellKeyDown: (params, event) => {
      if (event.key === 'Enter' && params.field !== CHECKBOX_FIELD) open(String(params.id));
    },
  };
}
