#!/bin/sh
# A cluster made on first start: the user `punchcard` with the password in $POSTGRES_PASSWORD_FILE,
# the database `punchcard`, password sign-in over TCP only, listening on loopback at $PGPORT.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | head -n 1)
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  "$bin/initdb" -D "$PGDATA" -U punchcard --auth-local=trust --auth-host=scram-sha-256 --pwfile="$POSTGRES_PASSWORD_FILE" -E UTF8 --locale=C >/dev/null
  echo 'CREATE DATABASE punchcard' | "$bin/postgres" --single -D "$PGDATA" postgres >/dev/null
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses=127.0.0.1 -c port="${PGPORT:-5432}" -c unix_socket_directories=/tmp
