// The filters of the building lists («Адреса на контроле», «Дома без тепла»): the district and the
// management organisation, whose choice is every organisation that manages houses (not the heat
// suppliers), of the district when one is chosen.
import { MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { OrganisationKind } from '../../../shared/contract/register-schemas.js';
import { DISTRICTS, type District } from '../../../shared/domain/districts.js';
import { api } from '../api/api.js';

const MANAGING_KINDS: OrganisationKind[] = ['uk', 'tszh', 'zhsk', 'tsn', 'other'];

export function useManagementOrganisations(district: District | undefined) {
  return useQuery({
    queryKey: ['buildings', 'organisations', district ?? ''],
    queryFn: () => api.listOrganisations({ kinds: MANAGING_KINDS, ...(district ? { district } : {}) }),
  });
}

interface FilterProps<V> {
  readonly label: string;
  /** The first line, «все»: no filter. */
  readonly allLabel: string;
  readonly value: V | '';
  readonly onChange: (value: V | '') => void;
  readonly sx: SxProps<Theme>;
}

export function DistrictFilter({ label, allLabel, value, onChange, sx }: FilterProps<District>) {
  return (
    <TextField select label={label} value={value} onChange={(e) => onChange(e.target.value as District | '')} sx={sx}>
      <MenuItem value="">{allLabel}</MenuItem>
      {DISTRICTS.map((d) => (
        <MenuItem key={d} value={d}>
          {d}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function OrganisationFilter({
  organisations,
  label,
  allLabel,
  value,
  onChange,
  sx,
}: FilterProps<string> & { readonly organisations: readonly { readonly id: string; readonly name: string }[] | undefined }) {
  return (
    <TextField select label={label} value={value} onChange={(e) => onChange(e.target.value)} sx={sx}>
      <MenuItem value="">{allLabel}</MenuItem>
      {(organisations ?? []).map((o) => (
        <MenuItem key={o.id} value={o.id}>
          {o.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
