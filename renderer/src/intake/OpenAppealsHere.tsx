// Under «Адрес» once a building is chosen: the appeals still open at that address, the caller's
// flat first, so the operator sees a repeated call before registering a new one — and can attach
// the call to one of them («Присоединить как повторный звонок») instead of registering it anyway.
// The panel is out of the Tab sequence, so Tab still goes «Квартира» → «Заявитель» while the call is
// typed; Alt+1…5 attaches to the appeal in that row (a mouse click too).
import { Alert, Button, Link } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
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
  onAttached?: (message: string, appeal: Appeal) => void;
}) {
  const card = useQuery({ queryKey: ['buildings', 'card', buildingId], queryFn: () => api.getBuildingCard({ id: buildingId }) });
  const [attaching, setAttaching] = useState<{ appeal: Appeal; prefill: RepeatedCallPrefill } | null>(null);
  const [attached, setAttached] = useState<string | null>(null);
  const open = (card.data?.appeals ?? []).filter((a) => isOnControl(a.status));
  const sameFlatFirst = (flat ? [...open].sort((a, b) => Number(b.flat === flat) - Number(a.flat === flat)) : open).slice(0, 5);
  const startAttaching = (appeal: Appeal) => setAttaching({ appeal, prefill: prefill?.() ?? EMPTY_PREFILL });
  useEffect(() => {
    if (attaching) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !/^Digit[1-5]$/.test(e.code)) return;
      const appeal = sameFlatFirst[Number(e.code.slice(5)) - 1];
      if (!appeal) return;
      e.preventDefault();
      startAttaching(appeal);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (open.length === 0 && !attached) return null;
  return (
    <Alert severity="warning" icon={false} sx={{ '& .MuiAlert-message': { width: '100%', overflow: 'visible' } }}>
      <Link href={routeHref({ screen: 'building', id: buildingId })} sx={{ fontWeight: 500 }} tabIndex={-1}>
        {t.intake.openHere(open.length)}
      </Link>
      {attached && (
        <Alert severity="success" role="status" sx={{ my: 1 }}>
          {attached}
        </Alert>
      )}
      <AppealMiniList
        appeals={sameFlatFirst}
        tabbable={false}
        {...(flat ? { highlightFlat: flat } : {})}
        rowAction={(appeal, index) => (
          <Button
            size="small"
            tabIndex={-1}
            aria-keyshortcuts={`Alt+${index + 1}`}
            aria-label={`${t.lifecycle.repeatedCall.attach} (Alt+${index + 1})`}
            title={t.lifecycle.repeatedCall.attach}
            onClick={() => startAttaching(appeal)}
          >
            {t.lifecycle.repeatedCall.attachShort(index + 1)}
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
            onAttached?.(message, attaching.appeal);
          }}
        />
      )}
    </Alert>
  );
}
