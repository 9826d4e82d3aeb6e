#!/bin/sh
# The part of the official PostgreSQL image's entry point deploy/compose.yaml relies on, for the stand-in
# image beside this file: started as root, it makes the data and socket folders PostgreSQL's and reads
# POSTGRES_PASSWORD_FILE, then goes on as the user postgres; on an empty data folder it makes the
# cluster with POSTGRES_USER, that password and POSTGRES_INITDB_ARGS, password sign-in over TCP
# ("host all all all scram-sha-256", as the official image adds) and the database POSTGRES_DB;
# then it runs the command (`postgres` and its options).
set -eu
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  chmod 03775 /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE")
    export POSTGRES_PASSWORD
    unset POSTGRES_PASSWORD_FILE
  fi
  exec setpriv --reuid=postgres --regid=postgres --init-groups /bin/sh "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  password_file=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE is required}" >"$password_file"
  # shellcheck disable=SC2086 # The official image splits POSTGRES_INITDB_ARGS into words too.
  initdb -D "$PGDATA" --username="${POSTGRES_USER:-postgres}" --pwfile="$password_file" --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$password_file"
  printf '\nhost all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf 'CREATE DATABASE "%s"\n' "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" | postgres --single -D "$PGDATA" postgres >/dev/null
fi
if [ "${1:-}" = postgres ]; then shift; fi
exec postgres -D "$PGDATA" "$@"
