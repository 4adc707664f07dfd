#!/usr/bin/env bash
# Connection registry load: publish 1,000 connections in partition "bench", then 16 connections
# for DURATION doing lookups (uid_regex matching 10 of them), then heartbeat publishes (10
# connections a request). Needs wrk (apt-get install wrk) and a running hub:
#   java -jar target/daq-hub.jar --daqhub.registry.entry-ttl=600s &            # embedded, in-memory store
#   java -jar target/daq-hub.jar --spring.profiles.active=services --daqhub.registry.entry-ttl=600s &   # Redis
#   bench/registry-load.sh http://127.0.0.1:8080 10s [warm-up, default 20s]
# (The TTL is raised so the 1,000 connections stay live for the lookups without a heartbeat.)
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
duration=${2:-10s}
warmup=${3:-20s}   # the JIT needs about this long at this load before the figures settle
here=$(cd "$(dirname "$0")" && pwd)

items=()
for n in $(seq 0 999); do
  items+=("$(printf '{"connection_type":0,"data_type":"TPSet","uid":"DRO-%03d-tp_to_trigger","uri":"tcp://192.168.1.%d:%d"}' "$n" $((n % 250)) $((10000 + n)))")
done
body="{\"partition\":\"bench\",\"connections\":[$(IFS=,; echo "${items[*]}")]}"
curl -sf -H 'Content-Type: application/json' -d "$body" "$base/publish" >/dev/null
matched=$(curl -sf -H 'Content-Type: application/json' -d '{"uid_regex":"DRO-00[0-9]-tp_to_trigger","data_type":"TPSet"}' "$base/getconnection/bench" | grep -o '"uid"' | wc -l)
echo "published 1000 connections; the lookup matches $matched"

# Warm-up (JIT), not reported.
wrk -t2 -c16 -d"$warmup" -s "$here/registry/lookup.lua" "$base" >/dev/null
wrk -t2 -c16 -d"$warmup" -s "$here/registry/publish.lua" "$base" >/dev/null

echo "== lookups: 16 connections, $duration"
wrk -t2 -c16 -d"$duration" --latency -s "$here/registry/lookup.lua" "$base"
echo "== heartbeat publishes (10 connections each): 16 connections, $duration"
wrk -t2 -c16 -d"$duration" --latency -s "$here/registry/publish.lua" "$base"
