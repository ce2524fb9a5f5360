// Address search as the intake form and the global search box use it: the query as the operator
// types it, and how one found building reads in a list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef, type HTMLAttributes, type KeyboardEvent } from 'react';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

/** Searching starts from this many characters. */
export const MIN_QUERY_LENGTH = 2;

/**
 * The hits for what is typed now. While the answer for the latest keystrokes has not come, no
 * options are offered (`loading` instead): a stale list's first line is another building, and
 * Enter or Tab would take it (a fast typist's «Мичурина 73» became «Мичурина 3»).
 */
export function useAddressSearch(input: string) {
  const typedNow = input.trim();
  const query = useDeferredValue(typedNow);
  const enabled = query.length >= MIN_QUERY_LENGTH;
  const hits = useQuery({
    queryKey: ['buildings', 'search', query],
    queryFn: () => api.searchBuildings({ query, limit: 10 }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const fresh = query === typedNow && !hits.isPlaceholderData && hits.data !== undefined;
  const typed = typedNow.length >= MIN_QUERY_LENGTH;
  return {
    options: typed && fresh ? hits.data : [],
    typed,
    loading: typed && (!fresh || hits.isFetching),
    /** The options answer the text as it is now. */
    fresh: !typed || fresh,
  };
}

type Pending = 'Enter' | 'Tab' | null;

/**
 * Enter or Tab pressed before the hits for the typed text came: held, and when they come the first
 * hit is taken (and after Tab the focus moves on), as if the operator had waited for the list.
 * Not when the field shows the building already chosen (`chosenLabel`): choosing puts its address
 * into the field, which starts a search of its own, and a Tab pressed then must move on at once —
 * held, it kept the focus in «Адрес» and the next keystrokes (the flat…) went into the address.
 */
export function useKeysAheadOfSearch(
  search: { options: BuildingHit[]; fresh: boolean; typed: boolean },
  take: (hit: BuildingHit) => void,
  chosenLabel?: string | null,
) {
  const pending = useRef<{ key: Pending; input: HTMLInputElement | null }>({ key: null, input: null });
  const { options, fresh, typed } = search;
  useEffect(() => {
    const { key, input } = pending.current;
    if (!key || !fresh) return;
    pending.current = { key: null, input: null };
    const first = options[0];
    if (!first) return;
    take(first);
    if (key === 'Tab' && input) focusNextAfter(input);
  }, [fresh, options, take]);

  return (event: KeyboardEvent<HTMLElement> & { defaultMuiPrevented?: boolean }, keys: readonly Exclude<Pending, null>[] = ['Enter']) => {
    if (!typed || fresh) return;
    if (event.key !== 'Enter' && event.key !== 'Tab') return;
    if (!keys.includes(event.key)) return;
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const text = event.target instanceof HTMLInputElement ? event.target.value.trim() : '';
    if (chosenLabel && text === chosenLabel.trim()) return;
    event.preventDefault();
    event.defaultMuiPrevented = true;
    pending.current = { key: event.key, input: event.target instanceof HTMLInputElement ? event.target : null };
  };
}

/** The next field in tab order after this one inside its form (or the document). */
function focusNextAfter(input: HTMLInputElement): void {
  const scope = input.form ?? input.ownerDocument;
  const focusable = [...scope.querySelectorAll<HTMLElement>('input, select, textarea, button, [tabindex]')].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.offsetParent !== null,
  );
  const next = focusable[focusable.indexOf(input) + 1];
  next?.focus();
}

export function renderBuildingOption(props: HTMLAttributes<HTMLLIElement>, option: BuildingHit) {
  const { key, ...rest } = props as HTMLAttributes<HTMLLIElement> & { key: string };
  return (
    <li key={key} {...rest}>
      <span>
        {option.address}
        <br />
        <small style={{ opacity: 0.7 }}>
          {option.district} · {option.managementOrg ?? t.intake.noManagementOrg}
        </small>
      </span>
    </li>
  );
}
