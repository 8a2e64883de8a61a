#!/usr/bin/env bash
# The pages benchmark: server time of the console's pages and list APIs on
# a large app (1,000,000 devices, 2,000,000 timeline events, 100,000 pushes
# by default), on PostgreSQL. One connection per URL, so the figures are
# the server's time for one request, not a throughput.
#
#   bench/pages.sh
#
# Environment: DEVICES (1000000), EVENTS (2×DEVICES), PUSHES (DEVICES/10),
# SECONDS_PER_URL (3), PGHOST/PGUSER/PGPORT (127.0.0.1/postgres/5432).
# PAGES_DB=name keeps the seeded database under that name and reuses it on
# the next run (seeding a million devices takes minutes); without it a
# temporary database is created and dropped. PUSHCHECK_SECRET_KEY is only
# needed to reuse a database whose certificates were sealed with it.
# See bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
DEVICES=${DEVICES:-1000000}
EVENTS=${EVENTS:-$((2 * DEVICES))}
PUSHES=${PUSHES:-$((DEVICES / 10))}
SECONDS_PER_URL=${SECONDS_PER_URL:-3}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGPORT=${PGPORT:-5432}

# shellcheck source=bench/lib.sh
. bench/lib.sh
WORK=$(mktemp -d /tmp/pushcheck-pages.XXXXXX)
DB=${PAGES_DB:-pushcheck_bench_pages_$$}
SERVER_PID=""
cleanup() {
	stop_server
	[ -n "${PAGES_DB:-}" ] || dropdb --if-exists "$DB" 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

need wrk wrk
need curl curl
need psql postgresql-client

echo "== building the server"
# Built as the Dockerfile builds it, so the memory figures are the image's.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$WORK/pushcheck" ./web

export PUSHCHECK_ADDR=127.0.0.1:0 PUSHCHECK_LOG_LEVEL=warn
export PUSHCHECK_SECRET_KEY=${PUSHCHECK_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)}
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB?sslmode=disable"
sql() { psql -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

if [ -n "${PAGES_DB:-}" ] && psql -d "$DB" -c 'SELECT 1' >/dev/null 2>&1 &&
	[ "$(sql "SELECT count(*) FROM apps WHERE name = 'Scale test'" 2>/dev/null || echo 0)" = 1 ]; then
	echo "== reusing the seeded database $DB"
else
	[ -n "${PAGES_DB:-}" ] && dropdb --if-exists "$DB"
	createdb "$DB"
	echo "== seeding $DEVICES devices, $EVENTS events, $PUSHES pushes"
	"$WORK/pushcheck" seed --devices "$DEVICES" --events "$EVENTS" --pushes "$PUSHES" |
		grep -v '^  [a-z ]*  *[0-9]*/[0-9]*  '
	# Fresh statistics, as autovacuum would have them on a database that
	# grew over weeks.
	sql "ANALYZE" >/dev/null
fi

APP=$(sql "SELECT id FROM apps WHERE name = 'Scale test'")
DEVICE_COUNT=$(sql "SELECT count(*) FROM devices WHERE app_id = $APP")
# The seed gives its last user DEVICES/USERS devices: three by default.
USER_ID=$(sql "SELECT max(user_id) FROM devices WHERE app_id = $APP")
USER_DEVICES=$(sql "SELECT count(*) FROM devices WHERE app_id = $APP AND user_id = '$USER_ID'")
CERT=$(sql "SELECT id FROM certificates WHERE app_id = $APP AND vendor = 'huawei' ORDER BY id LIMIT 1")
# A certificate with a twentieth of the devices: a narrowed count that
# walks every device to find its own is slow here first.
FEW_CERT=$(sql "SELECT id FROM certificates WHERE app_id = $APP AND vendor = 'fcm' ORDER BY id LIMIT 1")
TOKEN_PREFIX=$(sql "SELECT substr(token, 1, 12) FROM devices WHERE app_id = $APP AND vendor = 'huawei' ORDER BY id DESC LIMIT 1")
PUSH=$(sql "SELECT max(id) FROM pushes WHERE app_id = $APP")
PUSH_USER=$(sql "SELECT user_id FROM deliveries WHERE push_id = $PUSH LIMIT 1")
PUSH_DEVICE=$(sql "SELECT device_id FROM deliveries WHERE push_id = $PUSH ORDER BY device_id LIMIT 1")

start_server

echo "== signing in"
sign_in

# measure NAME PATH: one wrk run of PATH (API paths with the operator token,
# pages with the session), after checking it answers 200.
measure() {
	local name=$1 path=$2 auth
	case "$path" in
	/api/*) auth="Authorization: Bearer $TOKEN" ;;
	*) auth="Cookie: $SESSION" ;;
	esac
	local status
	status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "$auth" "$URL$path")
	if [ "$status" != 200 ]; then
		echo "pages: $path answered $status:" >&2
		head -c 600 "$WORK/body" >&2
		exit 1
	fi
	wrk -t 1 -c 1 -d "${SECONDS_PER_URL}s" -H "$auth" -s bench/report.lua "$URL$path" >"$WORK/wrk.out" 2>&1 || {
		cat "$WORK/wrk.out" >&2
		exit 1
	}
	grep '^RESULT' "$WORK/wrk.out" >"$WORK/result"
	if [ "$(failed "$WORK/result")" -ne 0 ]; then
		echo "pages: $path: $(failed "$WORK/result") requests failed" >&2
		exit 1
	fi
	printf '%-34s %8s %8s %8s  %s\n' "$name" "$(field "$WORK/result" requests)" \
		"$(field "$WORK/result" p50_ms)" "$(field "$WORK/result" p99_ms)" "$path"
}

A=/apps/$APP
API=/api/v1/apps/$APP
echo
echo "pages benchmark (PostgreSQL, $DEVICE_COUNT devices, 1 connection, ${SECONDS_PER_URL}s a URL, $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
printf '%-34s %8s %8s %8s  %s\n' "what" "requests" "p50 ms" "p99 ms" "path"
measure "user page ($USER_DEVICES devices)" "$A/users/$USER_ID"
measure "devices API" "$API/devices"
measure "devices API vendor" "$API/devices?vendor=huawei"
measure "devices API vendor+state" "$API/devices?vendor=huawei&state=background"
measure "devices API stale" "$API/devices?state=stale"
measure "devices API certificate" "$API/devices?certificate_id=$CERT"
measure "devices API certificate (5%)" "$API/devices?certificate_id=$FEW_CERT"
measure "devices API platform" "$API/devices?platform=ios"
measure "devices API query (token)" "$API/devices?q=$TOKEN_PREFIX"
measure "devices page" "$A/devices"
measure "devices page vendor" "$A/devices?vendor=huawei"
measure "devices page vendor+state" "$A/devices?vendor=huawei&state=background"
measure "devices page stale" "$A/devices?state=stale"
measure "devices page certificate" "$A/devices?certificate_id=$CERT"
measure "devices page certificate (5%)" "$A/devices?certificate_id=$FEW_CERT"
measure "devices page platform" "$A/devices?platform=ios"
measure "devices page query (token)" "$A/devices?q=$TOKEN_PREFIX"
measure "history API" "$API/pushes"
measure "history API user" "$API/pushes?user=$PUSH_USER"
measure "history API device" "$API/pushes?device=$PUSH_DEVICE"
measure "history API vendor" "$API/pushes?vendor=huawei"
measure "history API stage" "$API/pushes?stage=clicked"
measure "history page" "$A/pushes"
measure "history page user" "$A/pushes?user=$PUSH_USER"
measure "history page device" "$A/pushes?device=$PUSH_DEVICE"
measure "history page vendor" "$A/pushes?vendor=huawei"
measure "history page stage" "$A/pushes?stage=clicked"
measure "push page" "$A/pushes/$PUSH"
measure "healthz" "/healthz"
