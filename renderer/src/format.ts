// Dates and times as operators read them: Samara time, Russian format, whatever the PC's zone.
const dateTime = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Samara',
  day: '2-digit',
  month: '2-digit',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(ms: number): string {
  return dateTime.format(new Date(ms));
}
