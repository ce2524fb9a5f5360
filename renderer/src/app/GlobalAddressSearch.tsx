// The address search box in the app frame: Ctrl+K from anywhere, type, Enter opens the address card.
import SearchIcon from '@mui/icons-material/Search';
import { Autocomplete, InputAdornment, TextField } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { renderBuildingOption, useAddressSearch, useKeysAheadOfSearch } from './address-search.js';
import { t } from '../i18n/ru.js';
import { navigate } from './routing.js';

export function GlobalAddressSearch() {
  const [input, setInput] = useState('');
  const inputRef = useRef<HTMLInputElement | null>(null);
  const search = useAddressSearch(input);
  const { options } = search;
  const open = useCallback((hit: BuildingHit) => {
    setInput('');
    inputRef.current?.blur();
    navigate({ screen: 'building', id: hit.id });
  }, []);
  const keyAhead = useKeysAheadOfSearch(search, open);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Autocomplete<BuildingHit>
      value={null}
      onChange={(_, hit) => {
        if (hit) open(hit);
      }}
      onKeyDown={(event) => keyAhead(event)}
      inputValue={input}
      onInputChange={(_, next, reason) => {
        if (reason !== 'reset') setInput(next);
      }}
      options={options}
      filterOptions={(x) => x}
      getOptionLabel={(o) => o.address}
      autoHighlight
      blurOnSelect
      clearOnEscape
      onBlur={() => setInput('')}
      loading={search.loading}
      loadingText={t.intake.addressLoading}
      noOptionsText={t.globalSearch.noOptions}
      renderOption={renderBuildingOption}
      sx={{ width: 360, mx: 2, flexShrink: 1 }}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={inputRef}
          placeholder={t.globalSearch.placeholder}
          aria-label={t.globalSearch.label}
          size="small"
          sx={{ bgcolor: 'rgba(255,255,255,0.95)', borderRadius: 1 }}
          slotProps={{
            ...params.slotProps,
            input: {
              ...params.slotProps.input,
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
      )}
    />
  );
}
