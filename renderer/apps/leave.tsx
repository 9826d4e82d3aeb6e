export function LeaveApp() {
  return null;
}
