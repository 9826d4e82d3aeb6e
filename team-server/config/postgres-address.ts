// A PostgreSQL address as the team server's config names its store (`"store": "postgres://…"`), read
// the way libpq and pg read one, so the address an administrator tests with psql is the one the server
// uses: over TCP to a host, or through the Unix socket in a folder (deploy/compose.yaml shares that
// folder between PostgreSQL's container and the server's). Pure: the config's validation and the store
// both read it here.

/** Where a `postgres://` store is: a host and port over TCP, or the folder of PostgreSQL's Unix socket. */
export interface PostgresAddress {
  /** A host name or address, or with `socket` the folder that holds the socket file `.s.PGSQL.<port>`. */
  host: string;
  port: number;
  user: string | undefined;
  database: string;
  socket: boolean;
}

const POSTGRES_ADDRESS_EXAMPLES =
  'such as postgres://punchcard@db.example.com:5432/punchcard, or postgres://punchcard@/punchcard?host=/run/postgresql for its Unix socket';

/**
 * A PostgreSQL address read as libpq and pg read it, or what is wrong with it: a host, or a socket's
 * folder in `?host=` (or percent-encoded in the host's place, postgres://punchcard@%2Frun%2Fpostgresql/punchcard),
 * a database, and no password. Other parameters are refused rather than ignored: TLS is postgres.tls's.
 */
export function parsePostgresAddress(text: string): PostgresAddress | string {
  // The URL parser refuses a user without a host (postgres://punchcard@/punchcard), which is how an
  // address whose host is in ?host= is written: such an address is read with a stand-in host.
  const parts = /^(postgres(?:ql)?:\/\/)([^/?#]*)(.*)$/s.exec(text.trim());
  if (!parts) return `a PostgreSQL address ${POSTGRES_ADDRESS_EXAMPLES}`;
  const [, scheme, authority = '', rest] = parts;
  const userPart = authority.slice(0, authority.lastIndexOf('@') + 1);
  const hostPart = authority.slice(userPart.length);
  const noHost = hostPart === '' || hostPart.startsWith(':');
  let url: URL;
  try {
    url = new URL(`${scheme}${userPart}${noHost ? 'no-host.invalid' : ''}${hostPart}${rest}`);
  } catch {
    return `a PostgreSQL address ${POSTGRES_ADDRESS_EXAMPLES}`;
  }
  if (url.password) return 'an address without the password: put the password in a variable and name it in postgres.password_env, so it is not in the file';
  const other = [...url.searchParams.keys()].find((name) => name !== 'host');
  if (other !== undefined) {
    return `an address without "?${other}=": only ?host= (the folder of PostgreSQL's Unix socket) is read from it; TLS is set with postgres.tls and postgres.ca_file`;
  }
  const hostParameters = url.searchParams.getAll('host');
  const encodedFolder = !noHost && /^%2f/i.test(url.hostname) ? decodeURIComponent(url.hostname) : undefined;
  if (hostParameters.length > 1 || (hostParameters.length === 1 && !noHost))
    return `one host: either a host before the database or ?host= with the folder of PostgreSQL's Unix socket, ${POSTGRES_ADDRESS_EXAMPLES}`;
  const folder = hostParameters[0] ?? encodedFolder;
  if (folder !== undefined && !folder.startsWith('/'))
    return `?host= names the folder of PostgreSQL's Unix socket, an absolute path such as /run/postgresql; a host name goes before the database (postgres://punchcard@${folder}/punchcard)`;
  if ((noHost && folder === undefined) || url.pathname.length <= 1) return `a PostgreSQL address with a host and a database, ${POSTGRES_ADDRESS_EXAMPLES}`;
  return {
    host: folder ?? decodeURIComponent(url.hostname).replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)),
    socket: folder !== undefined,
  };
}
