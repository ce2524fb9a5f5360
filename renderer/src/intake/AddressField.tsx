// «Адрес»: search-as-you-type over the buildings register; Enter or Tab takes the highlighted one.
import { Autocomplete, TextField } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { forwardRef, useDeferredValue, useState } from 'react';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { api } from '../api/api.js';
import { t } from '../i18n/ru.js';

interface AddressFieldProps {
  value: BuildingHit | null;
  onChange: (value: BuildingHit | null) => void;
  onBlur: () => void;
  error?: string | undefined;
}

export const AddressField = forwardRef<HTMLInputElement, AddressFieldProps>(function AddressField(
  { value, onChange, onBlur, error },
  ref,
) {
  const [input, setInput] = useState('');
  const query = useDeferredValue(input.trim());
  const hits = useQuery({
    queryKey: ['buildings', 'search', query],
    queryFn: () => api.searchBuildings({ query, limit: 10 }),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
  });
  const options = query.length >= 2 ? (hits.data ?? []) : [];
  const helper = error ?? (value ? `${t.intake.managementOrg}: ${value.managementOrg ?? t.intake.noManagementOrg} · ${value.district}` : ' ');

  return (
    <Autocomplete<BuildingHit>
      value={value}
      onChange={(_, next) => onChange(next)}
      inputValue={input}
      onInputChange={(_, next) => setInput(next)}
      options={options}
      filterOptions={(x) => x}
      getOptionLabel={(o) => o.address}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      autoHighlight
      autoSelect
      loading={hits.isFetching}
      loadingText={t.intake.addressLoading}
      noOptionsText={query.length >= 2 ? t.intake.addressNoOptions : t.intake.addressTyping}
      renderOption={(props, option) => {
        const { key, ...rest } = props as typeof props & { key: string };
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
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={ref}
          label={t.intake.address}
          placeholder={t.intake.addressPlaceholder}
          required
          autoFocus
          onBlur={onBlur}
          error={Boolean(error)}
          helperText={helper}
        />
      )}
    />
  );
});
