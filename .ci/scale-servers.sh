# Sourced by .ci/run (and usable by hand): PostgreSQL and a Chroma server on loopback, for the integration
# suite tests/integration/test_scale_*.py. Exports CANDOR_TEST_DATABASE_URL and CANDOR_TEST_CHROMA_URL, and
# stops both servers when the calling shell exits.

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
SCALE_TMP=$(mktemp -d /tmp/candor-scale.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_PORT=$(free_port)
CHROMA_PORT=$(free_port)

# PostgreSQL refuses to run as root: its cluster belongs to an unprivileged user.
PG_USER=nobody
chmod 755 "$SCALE_TMP"
mkdir -p "$SCALE_TMP/pg" "$SCALE_TMP/chroma"
chown "$PG_USER" "$SCALE_TMP/pg"
as_pg() { runuser -u "$PG_USER" -- "$@"; }
as_pg "$PG_BIN/initdb" -D "$SCALE_TMP/pg/data" -U candor --auth=trust -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$SCALE_TMP/pg/data" -l "$SCALE_TMP/pg/log" -w -s \
  -o "-h 127.0.0.1 -p $PG_PORT -k $SCALE_TMP/pg -c fsync=on" start

chroma run --path "$SCALE_TMP/chroma" --host 127.0.0.1 --port "$CHROMA_PORT" >"$SCALE_TMP/chroma.log" 2>&1 &
CHROMA_PID=$!

scale_servers_stop() {
  kill "$CHROMA_PID" 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$SCALE_TMP/pg/data" -m fast -s stop 2>/dev/null || true
  rm -rf "$SCALE_TMP"
}
trap scale_servers_stop EXIT

for _ in $(seq 1 60); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$CHROMA_PORT/api/v2/heartbeat')" \
    2>/dev/null && break
  sleep 0.5
done
export CANDOR_TEST_DATABASE_URL="postgresql+psycopg://candor@127.0.0.1:$PG_PORT/postgres"
export CANDOR_TEST_CHROMA_URL="http://127.0.0.1:$CHROMA_PORT"
