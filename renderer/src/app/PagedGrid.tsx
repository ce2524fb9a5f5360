// A compact DataGrid over a list the core pages (offset + limit in, one page of rows + the total out):
// the page lives in `usePaging`, whose offset and limit the caller's query asks for; the core orders
// and filters, so the grid's own sorting and column filter are off. The query's error shows above it.
import { Alert } from '@mui/material';
import { DataGrid, type DataGridProps, type GridPaginationModel, type GridValidRowModel } from '@mui/x-data-grid';
import { useState } from 'react';

const PAGE_SIZES = [25, 50, 100];

export interface Paging {
  readonly model: GridPaginationModel;
  readonly setModel: (model: GridPaginationModel) => void;
  /** What the query asks the core for. */
  readonly offset: number;
  readonly limit: number;
  /** Back to the first page (a filter changed), keeping the page size. */
  readonly firstPage: () => void;
}

export function usePaging(): Paging {
  const [model, setModel] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  return {
    model,
    setModel,
    offset: model.page * model.pageSize,
    limit: model.pageSize,
    firstPage: () => setModel((p) => ({ ...p, page: 0 })),
  };
}

/** What PagedGrid reads of a TanStack query of one page. */
interface PageQuery<R> {
  readonly data?: { readonly rows: readonly R[]; readonly total: number } | undefined;
  readonly isFetching: boolean;
  readonly error: Error | null;
}

type OwnProps = 'rows' | 'rowCount' | 'loading' | 'paginationMode' | 'paginationModel' | 'onPaginationModelChange' | 'pageSizeOptions';

export function PagedGrid<R extends GridValidRowModel>({
  query,
  paging,
  ...grid
}: { query: PageQuery<R>; paging: Paging } & Omit<DataGridProps<R>, OwnProps>) {
  return (
    <>
      {query.error && <Alert severity="error">{query.error.message}</Alert>}
      <DataGrid<R>
        rows={query.data?.rows ?? []}
        rowCount={query.data?.total ?? 0}
        loading={query.isFetching && !query.data}
        paginationMode="server"
        paginationModel={paging.model}
        onPaginationModelChange={paging.setModel}
        pageSizeOptions={PAGE_SIZES}
        disableColumnFilter
        disableColumnSorting
        density="compact"
        {...grid}
      />
    </>
  );
}
