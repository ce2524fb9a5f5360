// Address search as the intake form and the global search box use it: the query as the operator
// types it, and how one found building reads in a list.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, type HTMLAttributes } from 'react';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

/** Searching starts from this many characters. */
export const MIN_QUERY_LENGTH = 2;

export function useAddressSearch(input: string) {
  const query = useDeferredValue(input.trim());
  const enabled = query.length >= MIN_QUERY_LENGTH;
  const hits = useQuery({
    queryKey: ['buildings', 'search', query],
    queryFn: () => api.searchBuildings({ query, limit: 10 }),
    enabled,
    placeholderData: keepPreviousData,
  });
  return { options: enabled ? (hits.data ?? []) : [], typed: enabled, loading: hits.isFetching };
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
