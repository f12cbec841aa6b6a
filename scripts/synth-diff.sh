#!/usr/bin/env bash
# Synth output before and after a refactoring, byte for byte.
#   scripts/synth-diff.sh --record DIR   synthesize every case of bench/synth-cases.ts into DIR
#   scripts/synth-diff.sh DIR            synthesize them again and `diff -r` against DIR
# A case is the example org (org.yaml with its lock) or a generated one; each step of a case
# runs the app (main.ts) in one temporary directory holding its org.yaml, so the lock a step
# writes is the one the next step reads. Every step's output directory (out-N), and the lock and
# config of the last step, are compared; the check exits 1 on any difference. DIR must be outside
# the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode=check
if [ "${1:-}" = --record ]; then mode=record; shift; fi
[ $# -eq 1 ] || { echo "usage: $0 [--record] DIR" >&2; exit 2; }
ref="$1"
export CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1
unset CI ORG_LOCK_FROZEN ORG_CONFIG CDKTF_OUTDIR
# A first synth on a remote backend must say that it starts a new lock.
export ORG_LOCK_INIT=1
work="$(mktemp -d "${TMPDIR:-/tmp}/org-trust-synth.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$root"
node --import tsx bench/synth-cases.ts | while read -r name steps; do
  dir="$work/$name"
  mkdir -p "$dir"
  for step in $(seq 1 "$steps"); do
    node --import tsx bench/synth-cases.ts "$name" "$step" "$dir"
    ORG_CONFIG="$dir/org.yaml" CDKTF_OUTDIR="$dir/out-$step" node --import tsx main.ts 2>"$dir/stderr" ||
      { cat "$dir/stderr" >&2; echo "synth of $name step $step failed" >&2; exit 1; }
    rm "$dir/stderr"
  done
done
if [ "$mode" = record ]; then
  rm -rf "$ref" && mkdir -p "$ref" && cp -a "$work/." "$ref/"
  echo "recorded $(find "$ref" -type f | wc -l) files in $ref"
else
  diff -r "$ref" "$work" && echo "synth output identical to $ref ($(find "$ref" -type f | wc -l) files)"
fi
