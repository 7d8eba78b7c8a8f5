#!/usr/bin/env bash
# Node start-up counted in instructions (valgrind's callgrind), which, unlike time, does not
# depend on what else the machine is doing:
#
#   bash bench/startup-instructions.sh [PKG_DIR ...]     (default: pkg/; needs valgrind)
#
# For `node -e ""`, a one-line ES module file, and each PKG_DIR's node.js imported with a client
# made (`new Cloudflare()`): the median of RUNS processes (default 5). V8 draws a random hash
# seed at each start, and the work that goes with it moves a run by several million
# instructions: hence medians, or HASH_SEED=N for counts that repeat exactly (A/B of two builds).
# A fixed seed changes the counts themselves, not by one amount (with HASH_SEED=1 here, `node -e ""`
# +5 M and the one-line module +26 M over their medians): compare only builds counted alike.
#
# NODE_EXTRA_CA_CERTS is unset for the count: where it is set (as on this project's machines),
# Node parses that whole CA bundle before running anything (~415 M instructions of ~500 M here),
# which would hide what the package costs; KEEP_CA_CERTS=1 counts with it.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
runs=${RUNS:-5}
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(pkg)
empty=$(mktemp --suffix=.mjs)
trap 'rm -f "$empty"' EXIT
echo "export default 1;" > "$empty"

count() {
  local env=(env)
  [ "${KEEP_CA_CERTS:-}" = 1 ] || env+=(-u NODE_EXTRA_CA_CERTS)
  local seed=()
  [ -z "${HASH_SEED:-}" ] || seed=(--hash-seed="$HASH_SEED")
  for _ in $(seq "$runs"); do
    "${env[@]}" valgrind --tool=callgrind --callgrind-out-file=/dev/null node "${seed[@]}" "$@" 2>&1 \
      | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

bare=$(count -e "")
one=$(count --input-type=module -e "await import('file://$empty')")
printf '%-28s %12s\n' 'node -e ""' "$bare"
printf '%-28s %12s  %+6.1f%% over node -e ""\n' "a one-line module" "$one" "$(echo "($one - $bare) * 100 / $bare" | bc -l)"
for dir in "${dirs[@]}"; do
  url="file://$(realpath "$dir")/node.js"
  n=$(count --input-type=module -e "const { Cloudflare } = await import('$url'); new Cloudflare({ apiToken: 't' });")
  printf '%-28s %12s  %+6.1f%% over node -e "", %+5.1f M over a one-line module\n' "$dir" "$n" \
    "$(echo "($n - $bare) * 100 / $bare" | bc -l)" "$(echo "($n - $one) / 1000000" | bc -l)"
done
