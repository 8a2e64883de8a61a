#!/usr/bin/env bash
# Responsiveness and memory under load, on PostgreSQL: one test push to a
# group of GROUP devices (10,000) through the sandbox's vendor emulators,
# while device reports stream in at RATE a second and /healthz and a user
# page are measured with one connection each. Prints their p50/p99, the
# push's deliveries a second, and the server's memory: idle before the
# load, and the peak during it.
#
#   bench/load.sh
#
# Environment: DEVICES seeded (20000), GROUP (10000), RATE of device reports
# (1000), DURATION seconds of load (30), PGHOST/PGUSER/PGPORT.
# See bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
DEVICES=${DEVICES:-20000}
GROUP=${GROUP:-10000}
RATE=${RATE:-1000}
DURATION=${DURATION:-30}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGPORT=${PGPORT:-5432}

# shellcheck source=bench/lib.sh
. bench/lib.sh
WORK=$(mktemp -d /tmp/pushcheck-load.XXXXXX)
DB=pushcheck_bench_load_$$
SERVER_PID=""
cleanup() {
	stop_server
	dropdb --if-exists "$DB" 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

need wrk wrk
need curl curl
need psql postgresql-client

echo "== building the server"
# Built as the Dockerfile builds it, so the memory figures are the image's.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$WORK/pushcheck" ./web

# The server logs at its default level, info: a line per request, which is
# also where the user page's own time is read from.
export PUSHCHECK_ADDR=127.0.0.1:0 PUSHCHECK_LOG_LEVEL=${LOG_LEVEL:-info}
export PUSHCHECK_METRICS_TOKEN
PUSHCHECK_METRICS_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d " \n")
export PUSHCHECK_SECRET_KEY
PUSHCHECK_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
export PUSHCHECK_RATE_DEVICE_PER_KEY=0 PUSHCHECK_RATE_DEVICE_PER_ADDRESS=0
createdb "$DB"
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB?sslmode=disable"

echo "== seeding $DEVICES devices"
"$WORK/pushcheck" seed --devices "$DEVICES" --pushes 1000 | tee "$WORK/seed.out" | grep -v '^  [a-z ]*  *[0-9]*/[0-9]*  '
API_KEY=$(sed -n 's/^  device API key: *//p' "$WORK/seed.out")
sql() { psql -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }
APP=$(sql "SELECT id FROM apps WHERE name = 'Scale test'")
USER_ID=$(sql "SELECT max(user_id) FROM devices WHERE app_id = $APP")
sql "ANALYZE" >/dev/null

start_server
sleep 2
IDLE_RSS=$(rss_kb "$SERVER_PID" VmRSS)
# A sign-in checks a password with argon2id, which takes 19 MiB for the
# check and hands it back right after; read a second later.
sign_in
sleep 1
SIGNED_IN_RSS=$(rss_kb "$SERVER_PID" VmRSS)
# pool_waits: how often, and how long in all, a query waited for a free
# database connection since the server started, in the background pool and
# in the console's (from the server's /metrics).
pool_waits() {
	curl -fs -H "Authorization: Bearer $PUSHCHECK_METRICS_TOKEN" "$URL/metrics" | awk '
		$1 ~ /^go_sql_wait_count_total\{db_name="pushcheck"/ { n = $2 }
		$1 ~ /^go_sql_wait_duration_seconds_total\{db_name="pushcheck"/ { s = $2 }
		$1 ~ /^go_sql_wait_count_total\{db_name="pushcheck_console"/ { cn = $2 }
		$1 ~ /^go_sql_wait_duration_seconds_total\{db_name="pushcheck_console"/ { cs = $2 }
		END { printf "%d %.3f %d %.3f\n", n, s, cn, cs }'
}
WAITS_BEFORE=$(pool_waits)

echo "== a group of the first $GROUP devices"
{
	printf '{"name":"load","device_ids":['
	seq -f '"d%07g"' 1 "$GROUP" | paste -sd, -
	printf ']}'
} >"$WORK/group.json"
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
	--data-binary @"$WORK/group.json" "$URL/api/v1/apps/$APP/groups"

# sample_rss: the server's RSS every half second into $WORK/rss.
sample_rss() {
	while kill -0 "$SERVER_PID" 2>/dev/null; do
		rss_kb "$SERVER_PID" VmRSS >>"$WORK/rss"
		sleep 0.5
	done
}
sample_rss &
SAMPLER=$!

echo "== load: $RATE device reports/s, /healthz and the user page, ${DURATION}s; the push starts after 3s"
PUSHCHECK_WRK_PACED=1 wrk -t 2 -c 16 -d "${DURATION}s" -s bench/state.lua "$URL" -- "$DEVICES" "$API_KEY" "$RATE" 2 >"$WORK/ingest.wrk" 2>&1 &
INGEST=$!
wrk -t 1 -c 1 -d "${DURATION}s" -s bench/report.lua "$URL/healthz" >"$WORK/healthz.wrk" 2>&1 &
HEALTHZ=$!
wrk -t 1 -c 1 -d "${DURATION}s" -H "Cookie: $SESSION" -s bench/report.lua "$URL/apps/$APP/users/$USER_ID" >"$WORK/user.wrk" 2>&1 &
USERPAGE=$!
sleep 3

START=$(date +%s.%N)
curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
	-d '{"target":{"group":"load"},"mode":"force","title":"load test","desc":"a push to the whole group"}' \
	"$URL/api/v1/apps/$APP/pushes?deliveries=false" >"$WORK/push.json"
PUSH=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$WORK/push.json")
[ -n "$PUSH" ] || {
	echo "load: the push was not accepted:" >&2
	head -c 600 "$WORK/push.json" >&2
	exit 1
}
DONE=0
while :; do
	curl -fs -H "Authorization: Bearer $TOKEN" "$URL/api/v1/apps/$APP/pushes/$PUSH?deliveries=false" >"$WORK/progress.json"
	DONE=$(sed -n 's/.*"progress":{"done":\([0-9]*\).*/\1/p' "$WORK/progress.json")
	grep -q '"finished":true' "$WORK/progress.json" && break
	sleep 0.2
done
END=$(date +%s.%N)
wait "$INGEST" "$HEALTHZ" "$USERPAGE"
kill "$SAMPLER" 2>/dev/null || true
for f in ingest healthz user; do grep '^RESULT' "$WORK/$f.wrk" >"$WORK/$f"; done
PEAK_RSS=$(sort -n "$WORK/rss" | tail -1)
WAITS_AFTER=$(pool_waits)
[ -z "${KEEP_LOG:-}" ] || cp "$WORK/server.log" "$KEEP_LOG"

echo
echo "load benchmark (PostgreSQL, $DEVICES devices, a $GROUP-device push, $RATE reports/s asked, $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
printf '  %-30s %s deliveries in %.1f s (%.0f/s)\n' "push" "$DONE" "$(awk -v a="$START" -v b="$END" 'BEGIN { print b - a }')" \
	"$(awk -v a="$START" -v b="$END" -v n="$DONE" 'BEGIN { print n / (b - a) }')"
printf '  %-30s %s/s\n' "device reports" "$(field "$WORK/ingest" rps)"
printf '  %-30s %s ms / %s ms\n' "/healthz p50 / p99" "$(field "$WORK/healthz" p50_ms)" "$(field "$WORK/healthz" p99_ms)"
printf '  %-30s %s ms / %s ms\n' "user page p50 / p99" "$(field "$WORK/user" p50_ms)" "$(field "$WORK/user" p99_ms)"
# The server's own time for the page, from its request log: without the
# time the request and answer wait for wrk, the kernel and the scheduler.
printf '  %-30s %s\n' "user page, server time" "$(grep -F "path=/apps/$APP/users/$USER_ID " "$WORK/server.log" | sed -n 's/.* duration_ms=\([0-9.]*\).*/\1/p' | sort -n |
	awk '{ a[NR] = $1 } END { if (NR) printf "%.2f ms / %.2f ms (p50 / p99 of %d)", a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1], NR; else print "not logged (LOG_LEVEL above info)" }')"
# The sandbox's receipt callbacks the console took (each carries up to 100
# receipts, as the vendors batch them).
printf '  %-30s %s\n' "receipt callbacks" "$(grep -c 'path=/receipts/' "$WORK/server.log" || true)"
printf '  %-30s %s\n' "database pool waits" "$(echo "$WAITS_BEFORE $WAITS_AFTER" | awk '{ printf "background %d (%.1f s in all), console %d (%.1f s)", $5 - $1, $6 - $2, $7 - $3, $8 - $4 }')"
printf '  %-30s %s MB idle, %s MB after a sign-in, %s MB peak\n' "server RSS" "$((IDLE_RSS / 1024))" "$((SIGNED_IN_RSS / 1024))" "$((PEAK_RSS / 1024))"
BAD=$(($(failed "$WORK/ingest") + $(failed "$WORK/healthz") + $(failed "$WORK/user")))
printf '  %-30s %s\n' "non-2xx answers + errors" "$BAD"
[ "$BAD" -eq 0 ] || {
	echo "load: FAILED: $BAD requests were not answered 2xx" >&2
	exit 1
}
