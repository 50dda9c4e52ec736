#!/usr/bin/env bash
# Load benchmark: `/worklist` for a team user at saturation (100 connections,
# no pause), against `permanence serve --demo` on SQLite (issue 14, finding
# 12). Reports wrk's p50/p90/p99 and the server's memory (VmRSS) each second.
#
#   benches/worklist_load.sh [seconds] [children]   (installs wrk if absent)
#
# Traffic goes only to 127.0.0.1. Every request writes its audit event.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
children="${2:-10000}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q
dir=$(mktemp -d)
port=8184
target/release/permanence serve --demo --demo-children "$children" --port "$port" \
  --database "sqlite:$dir/worklist.sqlite3" >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 1500); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

jar="$dir/jar"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/sign-in" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null \
  --data "csrf_token=$csrf&username=team-manager.demo&password=permanence-demo&next=/" \
  "http://127.0.0.1:$port/sign-in"
session=$(awk '$6 == "permanence_session" {print $7}' "$jar")
cookie="Cookie: permanence_session=$session"
curl -s -o /dev/null -w "first /worklist (computes the team's list): %{http_code} in %{time_total}s\n" -H "$cookie" "http://127.0.0.1:$port/worklist"
curl -s -o /dev/null -w "second /worklist (kept): %{http_code} in %{time_total}s\n" -H "$cookie" "http://127.0.0.1:$port/worklist"

rss() { awk '/^VmRSS/ {printf "%d", $2/1024}' "/proc/$server/status"; }
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); wrk runs on the same cores"
echo "demo council: $children children in care; server RSS before: $(rss) MB"
(
  for s in $(seq 1 "$seconds"); do sleep 1; printf '%s:%sMB ' "$s" "$(rss)"; done
  echo
) >"$dir/rss.log" &
sampler=$!
echo "== GET /worklist (team manager): saturation, 100 connections with no pause, ${seconds}s"
wrk -t2 -c100 -d"${seconds}s" --latency -H "$cookie" "http://127.0.0.1:$port/worklist?page=2" \
  | sed -n '/Latency Distribution/,/Requests\/sec/p'
wait "$sampler" || true
echo "== server RSS each second (MB): $(cat "$dir/rss.log")"
sleep 2
echo "== server RSS 2 s after: $(rss) MB"
# Clients that go away: 100 connections that give up after 50 ms.
wrk -t2 -c100 -d10s --timeout 50ms -H "$cookie" "http://127.0.0.1:$port/worklist" >/dev/null 2>&1 || true
sleep 1
echo "== server RSS after 10 s of clients giving up at 50 ms: $(rss) MB"
