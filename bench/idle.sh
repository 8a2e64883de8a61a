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
	echo "$(rss_kb "$SERVER_PID" VmRSS) $(rss_kb "$SERVER_PID" RssAnon) $(rss_kb "$SERVER_PID" RssFile)" |
		awk '{ printf "%.1f MB (heap and runtime %.1f MB, mapped binary %.1f MB)", $1 / 1024, $2 / 1024, $3 / 1024 }'
}

sleep 8
AT_START=$(memory)
sleep "$((SETTLE > 8 ? SETTLE - 8 : 0))"
SETTLED=$(memory)

sign_in "$ADMIN_EMAIL" "$ADMIN_PASSWORD"
curl -fs -o /dev/null -H "Cookie: $SESSION" "$URL/"
sleep 1
USED=$(memory)

echo
echo "idle memory (SQLite, empty database, $CACHE, 2 cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
printf '  %-34s %s\n' "8 s after start" "$AT_START"
printf '  %-34s %s\n' "after ${SETTLE} s idle" "$SETTLED"
printf '  %-34s %s\n' "a second after a sign-in and a page" "$USED"
