// The app's look: MUI with Russian locales, compact enough for a full working day at an office PC.
import { createTheme } from '@mui/material/styles';
import { ruRU as coreRu } from '@mui/material/locale';
import { ruRU as gridRu } from '@mui/x-data-grid/locales';

export const theme = createTheme(
  {
    palette: { primary: { main: '#1f5fa8' }, secondary: { main: '#b3541e' }, background: { default: '#f4f6f9' } },
    typography: { fontFamily: 'Roboto, "Segoe UI", Arial, sans-serif' },
    components: {
      MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
      MuiButton: { defaultProps: { disableElevation: true } },
    },
  },
  gridRu,
  coreRu,
);
