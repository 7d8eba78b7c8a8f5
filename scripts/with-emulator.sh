#!/usr/bin/env bash
# Runs a command against a fresh Organizations API emulator, then stops it.
#
#   scripts/with-emulator.sh [--seed demo|empty] [--state FILE] [--] CMD ARGS...
#
# Builds the emulator (release, quietly), starts it on a free loopback port, waits until it is
# ready, and runs CMD with these variables exported:
#   EMULATOR_URL          http://127.0.0.1:PORT/client/v4   (the API base URL)
#   EMULATOR_ADMIN        http://127.0.0.1:PORT/__emulator  (admin routes: requests, faults, reset...)
#   EMULATOR_TOKEN        the API token it accepts           (default dev-token)
#   EMULATOR_EMAIL        the X-Auth-Email it accepts        (default dev@example.com)
#   EMULATOR_KEY          the X-Auth-Key it accepts          (default dev-api-key)
#   EMULATOR_SERVICE_KEY  the X-Auth-User-Service-Key        (default dev-service-key)
# Credentials already set in the environment are used instead of the defaults.
# The emulator is stopped when CMD ends, fails or is interrupted; the script exits with CMD's
# status (128+N when it was stopped by signal N).
#
# Optional environment: EMULATOR_ARGS (extra emulator flags, e.g. "--rate-limit 100"),
# EMULATOR_BIN (use this binary instead of building), EMULATOR_KEEP_LOG=1 (keep and print the
# path of the emulator's output).
set -uo pipefail

usage() { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
say() { printf 'with-emulator: %s\n' "$*" >&2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seed=demo
state_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) [ $# -ge 2 ] || { say "--seed needs demo or empty"; exit 2; }; seed=$2; shift 2 ;;
    --seed=*) seed=${1#--seed=}; shift ;;
    --state) [ $# -ge 2 ] || { say "--state needs a file"; exit 2; }; state_args=(--state "$2"); shift 2 ;;
    --state=*) state_args=(--state "${1#--state=}"); shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    -*) say "unknown option $1"; usage >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  usage >&2
  exit 2
fi
case "$seed" in
  demo|empty) ;;
  *) say "--seed must be demo or empty, not '$seed'"; exit 2 ;;
esac

export EMULATOR_TOKEN="${EMULATOR_TOKEN:-dev-token}"
export EMULATOR_EMAIL="${EMULATOR_EMAIL:-dev@example.com}"
export EMULATOR_KEY="${EMULATOR_KEY:-dev-api-key}"
export EMULATOR_SERVICE_KEY="${EMULATOR_SERVICE_KEY:-dev-service-key}"

bin="${EMULATOR_BIN:-}"
if [ -z "$bin" ]; then
  if ! bin=$(bash "$root/emulator/build.sh"); then
    say "building the emulator failed"
    exit 1
  fi
fi
if [ ! -x "$bin" ]; then
  say "no emulator binary at $bin"
  exit 1
fi

log=$(mktemp "${TMPDIR:-/tmp}/cf-orgs-emulator.XXXXXX") || exit 1
emu_pid=""
cmd_pid=""

stop_emulator() {
  [ -n "$emu_pid" ] || return 0
  if kill -0 "$emu_pid" 2>/dev/null; then
    kill -TERM "$emu_pid" 2>/dev/null
    # It flushes its state file and exits; give it 10 s before SIGKILL.
    for _ in $(seq 100); do
      kill -0 "$emu_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$emu_pid" 2>/dev/null
  else
    say "the emulator had already exited; its output:"
    tail -n 40 "$log" >&2
  fi
  wait "$emu_pid" 2>/dev/null
  emu_pid=""
}

cleanup() {
  trap - EXIT INT TERM HUP
  stop_emulator
  if [ "${EMULATOR_KEEP_LOG:-}" = 1 ]; then
    say "emulator output kept in $log"
  else
    rm -f "$log"
  fi
}

on_signal() {
  local name=$1 num=$2
  trap - INT TERM HUP
  if [ -n "$cmd_pid" ] && kill -0 "$cmd_pid" 2>/dev/null; then
    kill -TERM "$cmd_pid" 2>/dev/null
    for _ in $(seq 100); do
      kill -0 "$cmd_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$cmd_pid" 2>/dev/null
    wait "$cmd_pid" 2>/dev/null
  fi
  say "interrupted (SIG$name)"
  cleanup
  exit $((128 + num))
}

trap cleanup EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM
trap 'on_signal HUP 1' HUP

# shellcheck disable=SC2086 # EMULATOR_ARGS is a list of flags
"$bin" --host 127.0.0.1 --port 0 --seed "$seed" ${state_args[@]+"${state_args[@]}"} ${EMULATOR_ARGS:-} \
  </dev/null >"$log" 2>&1 &
emu_pid=$!

url=""
for _ in $(seq 300); do
  url=$(sed -n 's/^READY \(http[^ ]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] && break
  if ! kill -0 "$emu_pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  say "the emulator did not become ready; its output:"
  cat "$log" >&2
  exit 1
fi

export EMULATOR_URL="$url"
export EMULATOR_ADMIN="${url%/client/v4}/__emulator"
say "emulator ready at $EMULATOR_URL (seed $seed)"

# CMD runs in the background so that a signal reaches the trap at once; it keeps our stdin.
"$@" <&0 &
cmd_pid=$!
wait "$cmd_pid"
status=$?
cmd_pid=""
exit "$status"
