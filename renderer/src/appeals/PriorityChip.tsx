// The emergency mark of an appeal in the lists and on the card: a red chip for «Аварийное», nothing
// for an ordinary appeal (most are), so the eye finds the emergencies.
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Chip } from '@mui/material';
import type { Priority } from '../../../shared/domain/appeal-vocabulary.js';
import { t } from '../i18n/ru.js';

export function PriorityChip({ priority }: { priority: Priority }) {
  if (priority !== 'emergency') return null;
  return (
    <Chip
      size="small"
      color="error"
      icon={<WarningAmberIcon />}
      label={t.priority.emergencyChip}
      title={t.priority.labels.emergency}
      data-testid="priority-emergency"
    />
  );
}
