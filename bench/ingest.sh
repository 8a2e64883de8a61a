#!/usr/bin/env bash
# The device-report (ingest) benchmark: how many state reports a second
# pushcheck takes, next to what PostgreSQL itself does with the equivalent
# single-row upsert, and the latency at half that load.
#
#   bench/ingest.sh            PostgreSQL (PGHOST/PGUSER/PGPORT, defaults 127.0.0.1/postgres/5432)
#   bench/ingest.sh --sqlite   the embedded SQLite database: reports/s only
#
# Environment: DEVICES (100000), DURATION seconds per run (20), CONNECTIONS
# (32), THREADS for wrk and pgbench (2), PORT (0: any free one), LOG_LEVEL of the
# server (warn: one log line a request would measure the logger).
# See bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
MODE=postgres
case "${1:-}" in
--sqlite) MODE=sqlite ;;
"") ;;
*)
	echo "usage: bench/ingest.sh [--sqlite]" >&2
	exit 2
	;;
esac
DEVICES=${DEVICES:-100000}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-0}
LOG_LEVEL=${LOG_LEVEL:-warn}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGPORT=${PGPORT:-5432}

# shellcheck source=bench/lib.sh
. bench/lib.sh
WORK=$(mktemp -d /tmp/pushcheck-ingest.XXXXXX)
DB=pushcheck_bench_ingest_$$
SERVER_PID=""
cleanup() {
	stop_server
	if [ "$MODE" = postgres ]; then
		dropdb --if-exists "$DB" 2>/dev/null || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

need wrk wrk
need curl curl
if [ "$MODE" = postgres ]; then
	need psql postgresql-client
	need pgbench postgresql-client
fi

echo "== building the server"
# Built as the Dockerfile builds it, so the memory figures are the image's.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$WORK/pushcheck" ./web

export PUSHCHECK_ADDR=127.0.0.1:$PORT PUSHCHECK_LOG_LEVEL=$LOG_LEVEL
export PUSHCHECK_SECRET_KEY
PUSHCHECK_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
# The bench measures the server, not the per-key and per-address limits.
export PUSHCHECK_RATE_DEVICE_PER_KEY=0 PUSHCHECK_RATE_DEVICE_PER_ADDRESS=0
if [ "$MODE" = postgres ]; then
	createdb "$DB"
	export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB?sslmode=disable"
else
	unset DATABASE_URL
	export PUSHCHECK_DATA_DIR=$WORK/data
fi

echo "== seeding $DEVICES devices ($MODE)"
"$WORK/pushcheck" seed --devices "$DEVICES" | tee "$WORK/seed.out" | grep -v '^  [a-z ]*  *[0-9]*/[0-9]*  '
API_KEY=$(sed -n 's/^  device API key: *//p' "$WORK/seed.out")

# run_wrk NAME [RATE]: one wrk run (paced to RATE a second when given);
# its RESULT line lands in $WORK/NAME.
run_wrk() {
	local name=$1 rate=${2:-0}
	PUSHCHECK_WRK_PACED=$([ "$rate" = 0 ] && echo 0 || echo 1) \
		wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" -s bench/state.lua \
		"$URL" -- "$DEVICES" "$API_KEY" "$rate" "$THREADS" >"$WORK/$name.wrk" 2>&1 || {
		cat "$WORK/$name.wrk" >&2
		exit 1
	}
	grep '^RESULT' "$WORK/$name.wrk" >"$WORK/$name"
}

start_server

if [ "$MODE" = postgres ]; then
	echo "== pgbench: single-row upsert, $CONNECTIONS clients, ${DURATION}s"
	psql -q -v ON_ERROR_STOP=1 -d "$DB" <<-'SQL'
		CREATE TABLE bench_devices (LIKE devices INCLUDING ALL) WITH (fillfactor = 80);
		INSERT INTO bench_devices SELECT * FROM devices;
		ANALYZE bench_devices;
	SQL
	read -r LO HI < <(psql -At -F ' ' -d "$DB" -c "SELECT min(id), max(id) FROM bench_devices")
	cat >"$WORK/upsert.sql" <<-'SQL'
		\set id random(:lo, :hi)
		\set fg random(0, 1)
		\set unread random(0, 99)
		INSERT INTO bench_devices (id, app_id, device_id, user_id, platform, vendor, token, state, unread, state_since, registered_at, last_seen_at, created_at)
		VALUES (:id, 1, 'bench-' || :id, 'bench', 'android', 'fcm', 'bench', CASE WHEN :fg = 1 THEN 'foreground' ELSE 'background' END, :unread, now(), now(), now(), now())
		ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, unread = EXCLUDED.unread, state_since = now(), last_seen_at = now();
	SQL
	pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -D lo="$LO" -D hi="$HI" -f "$WORK/upsert.sql" "$DB" >"$WORK/pgbench.out" 2>&1 || {
		cat "$WORK/pgbench.out" >&2
		exit 1
	}
	TPS=$(sed -n 's/^tps = \([0-9]*\)\.[0-9]* (without initial connection time)/\1/p' "$WORK/pgbench.out")
	psql -q -d "$DB" -c "DROP TABLE bench_devices"
fi

echo "== wrk: POST /api/v1/devices/{id}/state, $CONNECTIONS connections, ${DURATION}s"
run_wrk full
RPS=$(field "$WORK/full" rps)

if [ "$MODE" = postgres ]; then
	HALF=$(awk -v r="$RPS" 'BEGIN { printf "%d", r / 2 }')
	echo "== wrk: the same paced to half the measured rate ($HALF/s), ${DURATION}s"
	run_wrk half "$HALF"
fi

echo
echo "ingest benchmark ($MODE, $DEVICES devices, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
if [ "$MODE" = postgres ]; then
	printf '  %-28s %10s\n' "pgbench upsert tps" "$TPS"
	printf '  %-28s %10s   (%s × pgbench)\n' "server reports/s" "$RPS" "$(awk -v a="$RPS" -v b="$TPS" 'BEGIN { printf "%.2f", a / b }')"
	printf '  %-28s %10s ms / %s ms\n' "full load p50 / p99" "$(field "$WORK/full" p50_ms)" "$(field "$WORK/full" p99_ms)"
	printf '  %-28s %10s   (asked %s/s)\n' "half load reports/s" "$(field "$WORK/half" rps)" "$HALF"
	printf '  %-28s %10s ms / %s ms\n' "half load p50 / p99" "$(field "$WORK/half" p50_ms)" "$(field "$WORK/half" p99_ms)"
	BAD=$(($(failed "$WORK/full") + $(failed "$WORK/half")))
else
	printf '  %-28s %10s\n' "server reports/s" "$RPS"
	printf '  %-28s %10s ms / %s ms\n' "p50 / p99" "$(field "$WORK/full" p50_ms)" "$(field "$WORK/full" p99_ms)"
	BAD=$(failed "$WORK/full")
fi
printf '  %-28s %10s\n' "non-2xx answers + errors" "$BAD"
if [ "$BAD" -ne 0 ]; then
	echo "ingest: FAILED: $BAD requests were not answered 2xx; the server log's last lines:" >&2
	grep -v 'level=INFO' "$WORK/server.log" | tail -20 >&2
	exit 1
fi
