// Keeps open screens live: when the core announces a change (this window, another one, another
// process, later the sync), the cached queries are refetched without a reload.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/api.js';

export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.onChange((event) => {
        // Sync's own status events refresh only the sync queries (sync/SyncStatus.tsx); an export's
        // progress only its dialog (appeals/ExportDialog.tsx).
        if (event.entity === 'sync' || event.entity === 'export') return;
        void queryClient.invalidateQueries({ queryKey: [event.entity === 'building' ? 'buildings' : 'appeals'] });
        if (event.entity === 'appeal') {
          void queryClient.invalidateQueries({ queryKey: ['appeal'] });
          // Address cards and the control list are made of appeals too.
          void queryClient.invalidateQueries({ queryKey: ['buildings', 'card'] });
          void queryClient.invalidateQueries({ queryKey: ['control'] });
          // …and so is the open-appeals column of «Дома без тепла».
          void queryClient.invalidateQueries({ queryKey: ['buildings', 'heating', 'without'] });
        }
      }),
    [queryClient],
  );
}
