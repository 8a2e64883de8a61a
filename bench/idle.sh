#!/usr/bin/env bash
# Idle memory on the embedded default (SQLite): builds the server as the
# Dockerfile builds it, starts it on an empty data directory and prints its
# RSS (and the heap-and-runtime / mapped-binary split) after 8 s and after
# SETTLE seconds of idling, then again after one sign-in and a page.
#
#   bench/idle.sh
#
# Environment: SETTLE seconds (180). Run as root, it drops the page cache
# first, so that the binary's mapped pages are counted the same from run to
# run. See bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
SETTLE=${SETTLE:-180}

# shellcheck source=bench/lib.sh
. bench/lib.sh
WORK=$(mktemp -d /tmp/pushcheck-idle.XXXXXX)
SERVER_PID=""
cleanup() {
	stop_server
	rm -rf "$WORK"
}
trap cleanup EXIT

need curl curl

echo "== building the server"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$WORK/pushcheck" ./web

if [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/drop_caches ]; then
	sync
	echo 3 >/proc/sys/vm/drop_caches
	CACHE="page cache dropped"
else
	CACHE="page cache as found"
fi

ADMIN_EMAIL=idle@bench.local
ADMIN_PASSWORD=pushcheck-idle-bench
export PUSHCHECK_ADDR=127.0.0.1:0 PUSHCHECK_DATA_DIR="$WORK/data" PUSHCHECK_LOG_LEVEL=warn
export PUSHCHECK_ADMIN_EMAIL=$ADMIN_EMAIL PUSHCHECK_ADMIN_PASSWORD=$ADMIN_PASSWORD
start_server

# memory: VmRSS, RssAnon and RssFile of the server, in MB.
memory() {
	awk '$1 == "VmRSS:" { r = $2 } $1 == "RssAnon:" { a = $2 } $1 == "RssFile:" { f = $2 }
		END { printf "%.1f MB (heap and runtime %.1f MB, mapped binary %.1f MB)", r / 1024, a / 1024, f / 1024 }' "/proc/$SERVER_PID/status"
}

sleep 8
AT_START=$(memory)
sleep "$((SETTLE > 8 ? SETTLE - 8 : 0))"
SETTLED=$(memory)

curl -fs -c "$WORK/jar" "$URL/login" >"$WORK/login.html"
CSRF=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
curl -fs -o /dev/null -b "$WORK/jar" -c "$WORK/jar" --data-urlencode "email=$ADMIN_EMAIL" \
	--data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$CSRF" "$URL/login"
curl -fs -o /dev/null -b "$WORK/jar" "$URL/"
sleep 1
USED=$(memory)

echo
echo "idle memory (SQLite, empty database, $CACHE, 2 cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
printf '  %-34s %s\n' "8 s after start" "$AT_START"
printf '  %-34s %s\n' "after ${SETTLE} s idle" "$SETTLED"
printf '  %-34s %s\n' "a second after a sign-in and a page" "$USED"
