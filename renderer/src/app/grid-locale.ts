// The DataGrid's Russian texts: MUI X's catalogue, plus what it lacks and our "nothing here" line.
import type { GridLocaleText } from '@mui/x-data-grid';
import { ruRU as gridRu } from '@mui/x-data-grid/locales';
import { t } from '../i18n/ru.js';

export function gridLocaleText(noRowsLabel: string): Partial<GridLocaleText> {
  return {
    ...gridRu.components.MuiDataGrid.defaultProps.localeText,
    noRowsLabel,
    paginationDisplayedRows: t.appeals.displayedRows,
  };
}
