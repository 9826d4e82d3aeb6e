export function WeekApp() {
  return null;
}
