#!/usr/bin/env bash
# Load benchmark: p50/p90/p99 latency of the caseload, worklist and child pages with
# 100 concurrent users, against `permanence serve --demo` on SQLite.
#
#   benches/load.sh [seconds]        (installs wrk from Debian if absent)
#
# Traffic goes only to 127.0.0.1. Every child-page request writes its audit
# event, as in production.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q
dir=$(mktemp -d)
port=8181
target/release/permanence serve --demo --port "$port" --database "sqlite:$dir/load.sqlite3" >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

jar="$dir/jar"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/sign-in" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null \
  --data "csrf_token=$csrf&username=social-worker.demo&password=permanence-demo&next=/" \
  "http://127.0.0.1:$port/sign-in"
session=$(awk '$6 == "permanence_session" {print $7}' "$jar")
cookie="Cookie: permanence_session=$session"
child=$(curl -s -H "$cookie" "http://127.0.0.1:$port/?format=csv" | sed -n '2p' | cut -d, -f1)

# 100 users who each wait 0.5 to 1.5 s between requests, as people do.
cat >"$dir/users.lua" <<'LUA'
function delay()
  return math.random(500, 1500)
end
LUA

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); wrk runs on the same cores"
for page in "/" "/worklist" "/children/$child"; do
  echo "== GET $page: 100 concurrent users (0.5-1.5 s between requests), ${seconds}s"
  wrk -t2 -c100 -d"${seconds}s" --latency -s "$dir/users.lua" -H "$cookie" "http://127.0.0.1:$port$page" | sed -n '/Latency Distribution/,/Requests\/sec/p'
  echo "== GET $page: saturation, 100 connections with no pause, ${seconds}s"
  wrk -t2 -c100 -d"${seconds}s" --latency -H "$cookie" "http://127.0.0.1:$port$page" | sed -n '/Latency Distribution/,/Requests\/sec/p'
done
