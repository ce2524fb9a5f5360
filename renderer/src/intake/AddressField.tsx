// «Адрес»: search-as-you-type over the buildings register; Enter or Tab takes the highlighted one
// (pressed before the hits for the typed text came, they take its first hit when they come).
import { Autocomplete, TextField } from '@mui/material';
import { forwardRef, useState } from 'react';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { renderBuildingOption, useAddressSearch, useKeysAheadOfSearch } from '../app/address-search.js';
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
  const search = useAddressSearch(input);
  const { options, typed, loading } = search;
  const keyAhead = useKeysAheadOfSearch(search, onChange, value?.address);
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
      onKeyDown={(event) => keyAhead(event, ['Enter', 'Tab'])}
      loading={loading}
      loadingText={t.intake.addressLoading}
      noOptionsText={typed ? t.intake.addressNoOptions : t.intake.addressTyping}
      renderOption={renderBuildingOption}
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
