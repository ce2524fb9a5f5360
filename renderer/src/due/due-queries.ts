// The «Сроки» queries: under ['appeals', …] so that every change event refetches them, and every
// minute besides, since time alone moves appeals between the buckets.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DueBucket, ListDueInput } from '../../../shared/contract/alerts-schemas.js';
import { api } from '../api/api.js';

export const DUE_REFRESH_MS = 60_000;

export function useDueCounts() {
  return useQuery({ queryKey: ['appeals', 'due', 'counts'], queryFn: () => api.dueCounts({}), refetchInterval: DUE_REFRESH_MS });
}

export function useDueList(bucket: DueBucket, offset: number, limit: number) {
  const input: ListDueInput = { bucket, offset, limit };
  return useQuery({
    queryKey: ['appeals', 'due', 'list', input],
    queryFn: () => api.listDue(input),
    refetchInterval: DUE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
