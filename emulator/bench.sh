#!/usr/bin/env bash
# Requests per second the emulator serves on loopback, measured by a load generator that is not
# this project's client: Debian's wrk (installed when missing), else autocannon from node_modules.
#   bash emulator/bench.sh            (what `make bench-emulator` runs)
# BENCH_DURATION (seconds per run, default 5) and BENCH_CONNECTIONS (default 50) tune it.
# Everything stays on 127.0.0.1; each run is bounded by its duration.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
duration=${BENCH_DURATION:-5}
conns=${BENCH_CONNECTIONS:-50}

if [ "${1:-}" != "--run" ]; then
  if ! command -v wrk >/dev/null; then
    echo "[bench] installing wrk from Debian" >&2
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -qq wrk >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; } ||
        echo "[bench] could not install wrk; autocannon will be used" >&2
    fi
  fi
  exec scripts/with-emulator.sh --seed empty -- bash emulator/bench.sh --run
fi

# Inside with-emulator.sh: EMULATOR_URL and EMULATOR_TOKEN are set. Create 1000 organizations
# (with profiles, so each is a realistic ~600 bytes) for the 1000-item page.
first_id=$(node --input-type=module -e '
const base = process.env.EMULATOR_URL;
const headers = { authorization: `Bearer ${process.env.EMULATOR_TOKEN}`, "content-type": "application/json" };
let first;
for (let batch = 0; batch < 20; batch++) {
  const created = await Promise.all(Array.from({ length: 50 }, async (_, i) => {
    const n = batch * 50 + i;
    const body = { name: `Bench organization ${n}`, profile: {
      business_name: `Bench ${n} Ltd`, business_email: `billing${n}@bench.example`,
      business_phone: "+1 555 0100", business_address: `${n} Loopback Road, Localhost`,
      external_metadata: JSON.stringify({ n }) } };
    const r = await fetch(`${base}/organizations`, { method: "POST", headers, body: JSON.stringify(body) });
    if (r.status !== 200) throw new Error(`create: ${r.status} ${await r.text()}`);
    return (await r.json()).result.id;
  }));
  first ??= created[0];
}
console.log(first);
')
one="$EMULATOR_URL/organizations/$first_id"
page="$EMULATOR_URL/organizations?page_size=1000"
small="$EMULATOR_URL/organizations"
auth="Authorization: Bearer $EMULATOR_TOKEN"
page_bytes=$(curl -s -H "$auth" "$page" | wc -c)
count=$(curl -s -H "$auth" "$page" | grep -o '"id":"' | wc -l)
[ "$count" -ge 1000 ] || { echo "[bench] the list page has $count items, expected 1000" >&2; exit 1; }

results=()
run() {
  local label=$1 url=$2 out rps lat
  if command -v wrk >/dev/null; then
    out=$(wrk -t2 -c"$conns" -d"${duration}s" --latency -H "$auth" "$url")
    rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$out")
    lat=$(awk '/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } END { printf "p50 %s, p99 %s", p50, p99 }' <<<"$out")
    if grep -q "Non-2xx" <<<"$out"; then
      echo "$out" >&2
      echo "[bench] non-2xx responses for $label" >&2
      exit 1
    fi
  else
    out=$(autocannon -c "$conns" -d "$duration" -H "authorization=Bearer $EMULATOR_TOKEN" --json "$url" 2>/dev/null)
    rps=$(node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(String(Math.round(r.requests.average)))' <<<"$out")
    lat=$(node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(`p50 ${r.latency.p50}ms, p99 ${r.latency.p99}ms`)' <<<"$out")
  fi
  results+=("$(printf '%-44s %8s req/s   (%s)' "$label" "$rps" "$lat")")
}

run "GET /organizations/{id}" "$one"
run "GET /organizations (default page, 10 items)" "$small"
run "GET /organizations?page_size=1000 ($((page_bytes / 1024)) KiB)" "$page"

tool=$(command -v wrk >/dev/null && echo "wrk $(wrk -v 2>&1 | awk 'NR==1 { print $2 }'), 2 threads" || echo "autocannon")
echo
echo "Emulator throughput on loopback: $tool, $conns connections, ${duration} s per run, $(nproc) cores shared by the load generator and the emulator"
printf '%s\n' "${results[@]}"
