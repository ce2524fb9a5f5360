// Under «Адрес» once a building is chosen: the appeals still open at that address, the caller's
// flat first, so the operator sees a repeated call before registering a new one — and can attach
// the call to one of them («Присоединить как повторный звонок») instead of registering it anyway.
import { Alert, Button, Link } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Appeal } from '../../../shared/contract/schemas.js';
import { isOnControl } from '../../../shared/domain/appeal-vocabulary.js';
import { api } from '../api/api.js';
import { AppealMiniList } from '../appeals/AppealMiniList.js';
import { RepeatedCallDialog, type RepeatedCallPrefill } from '../appeals/CallDialogs.js';
import { routeHref } from '../app/routing.js';
import { t } from '../i18n/ru.js';

const EMPTY_PREFILL: RepeatedCallPrefill = { applicantName: '', applicantPhone: '', flat: '', channel: '', note: '' };

export function OpenAppealsHere({
  buildingId,
  flat,
  prefill,
  onAttached,
}: {
  buildingId: string;
  flat: string;
  /** What the operator has typed so far: the repeated call starts from it. */
  prefill?: () => RepeatedCallPrefill;
  onAttached?: (message: string) => void;
}) {
  const card = useQuery({ queryKey: ['buildings', 'card', buildingId], queryFn: () => api.getBuildingCard({ id: buildingId }) });
  const [attaching, setAttaching] = useState<{ appeal: Appeal; prefill: RepeatedCallPrefill } | null>(null);
  const [attached, setAttached] = useState<string | null>(null);
  const open = (card.data?.appeals ?? []).filter((a) => isOnControl(a.status));
  if (open.length === 0 && !attached) return null;
  const sameFlatFirst = flat ? [...open].sort((a, b) => Number(b.flat === flat) - Number(a.flat === flat)) : open;
  return (
    <Alert severity="warning" icon={false} sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <Link href={routeHref({ screen: 'building', id: buildingId })} sx={{ fontWeight: 500 }}>
        {t.intake.openHere(open.length)}
      </Link>
      {attached && (
        <Alert severity="success" role="status" sx={{ my: 1 }}>
          {attached}
        </Alert>
      )}
      <AppealMiniList
        appeals={sameFlatFirst.slice(0, 5)}
        {...(flat ? { highlightFlat: flat } : {})}
        rowAction={(appeal) => (
          <Button size="small" sx={{ whiteSpace: 'normal', lineHeight: 1.2, minWidth: 150, textAlign: 'left' }} onClick={() => setAttaching({ appeal, prefill: prefill?.() ?? EMPTY_PREFILL })}>
            {t.lifecycle.repeatedCall.attach}
          </Button>
        )}
      />
      {attaching && (
        <RepeatedCallDialog
          appealId={attaching.appeal.id}
          number={attaching.appeal.number}
          prefill={attaching.prefill}
          onClose={() => setAttaching(null)}
          onDone={(message) => {
            setAttaching(null);
            setAttached(message);
            onAttached?.(message);
          }}
        />
      )}
    </Alert>
  );
}
