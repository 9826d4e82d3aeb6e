// Why the team server does not start, in words for the administrator (the serve command prints the
// message and exits; nothing else is thrown as a refusal).
export class ServeRefusal extends Error {}
