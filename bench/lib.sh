# Shared by the bench scripts (sourced, not run). They set WORK, a private
# directory under /tmp, before calling these.

# need CMD PACKAGE: installs the Debian package when the command is missing.
need() {
	command -v "$1" >/dev/null 2>&1 && return
	echo "== installing $2 (for $1)"
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get install -y "$2" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$2" >/dev/null; }
	command -v "$1" >/dev/null 2>&1 || {
		echo "bench: $1 is still missing after installing $2" >&2
		exit 1
	}
}

# start_server: runs "$WORK/pushcheck serve" with the caller's environment
# (PUSHCHECK_ADDR 127.0.0.1:0 picks a free port, read from the line the
# server prints), sets SERVER_PID and, once /healthz answers, URL.
start_server() {
	"$WORK/pushcheck" serve >"$WORK/server.log" 2>&1 &
	SERVER_PID=$!
	URL=""
	for _ in $(seq 300); do
		kill -0 "$SERVER_PID" 2>/dev/null || break
		[ -n "$URL" ] || URL=$(sed -n 's|^pushcheck .* on \(http://[^ ]*\) .*|\1|p' "$WORK/server.log")
		[ -n "$URL" ] && curl -fs "$URL/healthz" >/dev/null 2>&1 && return
		sleep 0.1
	done
	echo "bench: the server did not start:" >&2
	cat "$WORK/server.log" >&2
	exit 1
}

# stop_server: ends the server this script started, if any.
stop_server() {
	if [ -n "${SERVER_PID:-}" ]; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=""
	fi
}

# field FILE KEY: one value of the RESULT line in FILE.
field() { sed -n "s/^RESULT.* $2=\([^ ]*\).*/\1/p" "$1"; }

# failed FILE: non-2xx answers plus socket errors of a wrk run.
failed() { echo $(($(field "$1" non2xx) + $(field "$1" socket_errors))); }

# sign_in [EMAIL PASSWORD]: signs in, as the seed's admin unless told;
# sets SESSION (a Cookie header value) and TOKEN (the seed's operator API
# token).
sign_in() {
	local email=${1:-seed@bench.local} password=${2:-pushcheck-seed}
	curl -fs -c "$WORK/jar" "$URL/login" >"$WORK/login.html"
	local csrf
	csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
	curl -fs -o /dev/null -b "$WORK/jar" -c "$WORK/jar" \
		--data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$URL/login"
	SESSION=$(awk '$6 ~ /pushcheck_session$/ { print $6 "=" $7 }' "$WORK/jar")
	[ -n "$SESSION" ] || {
		echo "bench: signing in as $email failed (the seed's admin needs a database filled by pushcheck seed)" >&2
		exit 1
	}
	TOKEN="pco_seed_local_only_0123456789abcdef"
}

# rss_kb PID FIELD: a memory figure of a process in kB (VmRSS, VmHWM).
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
