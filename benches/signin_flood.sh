#!/usr/bin/env bash
# Sign-in flood benchmark (issue 14, finding 1): 100 connections post wrong
# passwords to POST /sign-in while a signed-in social worker opens a child's
# page; reports that user's p99 and the server's peak memory (VmHWM).
# Three runs on one server: no flood (the machine's baseline), the flood
# from one address, then spread over random addresses behind a trusted
# proxy (only the bounded pool of password checks holds).
#
#   benches/signin_flood.sh [seconds]
#
# Traffic goes only to 127.0.0.1. Needs python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
cargo build --release -q -p cli
dir=$(mktemp -d)
port=8191
target/release/permanence serve --demo --port "$port" --trusted-proxy 127.0.0.1 \
  --database "sqlite:$dir/flood.sqlite3" >"$dir/serve.log" 2>"$dir/requests.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg); the load tool runs on the same cores"
echo "== baseline: no flood (what the machine's other load alone costs)"
python3 benches/signin_flood.py "$port" "$server" "$seconds" --connections=0
echo
echo "== the flood from one address"
python3 benches/signin_flood.py "$port" "$server" "$seconds"
echo
echo "== the flood spread over random addresses"
python3 benches/signin_flood.py "$port" "$server" "$seconds" --spread
echo "request log lines written: $(wc -l <"$dir/requests.log")"
