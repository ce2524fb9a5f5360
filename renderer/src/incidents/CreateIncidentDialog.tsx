// «Зарегистрировать инцидент»: a heat source (every building it heats) or chosen buildings, the
// cause, the start and the planned restore, in Samara time.
import { Autocomplete, FormControlLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { HeatSourceHit } from '../../../shared/contract/incident-schemas.js';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { api } from '../api/api.js';
import { renderBuildingOption, useAddressSearch, useKeysAheadOfSearch } from '../app/address-search.js';
import { navigate } from '../app/routing.js';
import { t } from '../i18n/ru.js';
import { IncidentFormDialog, RoomTemperatureField, SamaraDateTimeField, useRoomTemperature } from './IncidentFormDialog.js';
import { fromSamaraInput, toSamaraInput } from './time-input.js';

function HeatSourceField({ value, onChange }: { value: HeatSourceHit | null; onChange: (v: HeatSourceHit | null) => void }) {
  const [input, setInput] = useState('');
  const query = useDeferredValue(input.trim());
  const hits = useQuery({
    queryKey: ['appeals', 'incidents', 'heat-sources', query],
    queryFn: () => api.searchHeatSources({ query, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Autocomplete
      // Only the hits for what is typed now: an older list kept on screen while the search runs
      // could be clicked, or taken by Enter, for the wrong source.
      options={hits.isPlaceholderData ? [] : (hits.data ?? [])}
      loading={hits.isPlaceholderData || hits.isFetching}
      loadingText={t.intake.addressLoading}
      value={value}
      onChange={(_e, v) => onChange(v)}
      inputValue={input}
      onInputChange={(_e, v) => setInput(v)}
      filterOptions={(x) => x}
      autoHighlight
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderOption={(props, o) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <li key={key} {...rest}>
            <span>
              {o.name}
              <br />
              <small style={{ opacity: 0.7 }}>
                {o.district ?? '—'} · {t.incidents.buildingsCount(o.buildingCount)}
              </small>
            </span>
          </li>
        );
      }}
      renderInput={(params) => <TextField {...params} label={t.incidents.heatSource} helperText={t.incidents.heatSourceHint} required />}
    />
  );
}

function BuildingsField({ value, onChange }: { value: BuildingHit[]; onChange: (v: BuildingHit[]) => void }) {
  const [input, setInput] = useState('');
  const search = useAddressSearch(input);
  const keyAhead = useKeysAheadOfSearch(search, (hit) => {
    if (!value.some((b) => b.id === hit.id)) onChange([...value, hit]);
    setInput('');
  });
  return (
    <Autocomplete
      multiple
      options={search.options}
      loading={search.loading}
      loadingText={t.intake.addressLoading}
      onKeyDown={(event) => keyAhead(event)}
      value={value}
      autoHighlight
      onChange={(_e, v) => {
        onChange(v);
        // The house is in the list: the field is ready for the next one.
        setInput('');
      }}
      inputValue={input}
      onInputChange={(_e, v, reason) => reason !== 'reset' && setInput(v)}
      filterOptions={(x) => x}
      getOptionLabel={(o) => o.address}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderOption={renderBuildingOption}
      renderInput={(params) => <TextField {...params} label={t.incidents.buildings} helperText={t.incidents.buildingsHint} />}
    />
  );
}

export function CreateIncidentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [scope, setScope] = useState<'heat_source' | 'buildings'>('heat_source');
  const [source, setSource] = useState<HeatSourceHit | null>(null);
  const [buildings, setBuildings] = useState<BuildingHit[]>([]);
  const [cause, setCause] = useState('');
  const [startedAt, setStartedAt] = useState(() => toSamaraInput(Date.now()));
  const [planned, setPlanned] = useState('');
  const room = useRoomTemperature('');
  const create = useMutation({
    mutationFn: () => {
      const common = { cause, startedAt: fromSamaraInput(startedAt) ?? 0, plannedRestoreAt: fromSamaraInput(planned), roomCelsius: room.celsius };
      return scope === 'heat_source'
        ? api.createIncident({ scope, heatSourceId: source?.id ?? '', ...common })
        : api.createIncident({ scope, buildingIds: buildings.map((b) => b.id), ...common });
    },
    onSuccess: (incident) => {
      onClose();
      navigate({ screen: 'incident', id: incident.id });
    },
  });
  return (
    <IncidentFormDialog open={open} title={t.incidents.createTitle} submitLabel={t.incidents.create} save={create} invalid={room.invalid} onClose={onClose}>
      <RadioGroup row value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
        <FormControlLabel value="heat_source" control={<Radio />} label={t.incidents.scopes.heat_source} />
        <FormControlLabel value="buildings" control={<Radio />} label={t.incidents.scopes.buildings} />
      </RadioGroup>
      {scope === 'heat_source' ? <HeatSourceField value={source} onChange={setSource} /> : <BuildingsField value={buildings} onChange={setBuildings} />}
      <TextField label={t.incidents.cause} value={cause} onChange={(e) => setCause(e.target.value)} required multiline minRows={2} />
      <Stack direction="row" spacing={2}>
        <SamaraDateTimeField label={t.incidents.startedAt} value={startedAt} onChange={setStartedAt} sx={{ flex: 1 }} />
        <SamaraDateTimeField label={t.incidents.plannedRestoreAt} value={planned} onChange={setPlanned} sx={{ flex: 1 }} />
      </Stack>
      <RoomTemperatureField room={room} />
    </IncidentFormDialog>
  );
}
