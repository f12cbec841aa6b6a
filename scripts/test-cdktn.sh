#!/usr/bin/env bash
# npm run test:cdktn: the whole test suite on CDK Terrain (cdktn), the maintained fork of
# cdktf, in a copy of the repository with the packages and imports swapped
# (scripts/cdktn-swap.cjs). The working tree is never touched. Needs Node >= 22 (cdktn's engines).
#   CDKTN_DIR=DIR  build the copy in DIR (emptied first) and keep it, e.g. for the cdktn e2e flow
#                  (.ci/run: `npx jest --config e2e/jest.config.js e2e/example-org.e2e.ts` in DIR)
#   KEEP=1         keep the temporary copy
# The last line is the test run's "N passed, N failed" (repeated after the snapshot diff).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${CDKTN_DIR:-}" ]; then
  work="$(mkdir -p "$CDKTN_DIR" && cd "$CDKTN_DIR" && pwd)"
  case "$work" in "$root" | /) echo "CDKTN_DIR must be a folder of its own, not $work" >&2; exit 2 ;; esac
  find "$work" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/org-trust-cdktn.XXXXXX")"
  [ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
echo "cdktn copy: $work (node $(node --version))"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work")
# The cdktf synth of the parity configs, read by __tests__/stacks/cdk-parity.test.ts in the copy.
(cd "$root" && node --disable-warning=DEP0044 --import tsx __tests__/helpers/write-cdk-reference.ts "$work/.cdktf-reference")
export CDK_PARITY_REFERENCE="$work/.cdktf-reference"
node "$root/scripts/cdktn-swap.cjs" "$work"
cd "$work"
rm -f package-lock.json
# The management snapshot pins cdktf's exact bytes; cdktn writes its own (shown as a diff at the end).
mv __tests__/stacks/__snapshots__ .cdktf-snapshots
export CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1
npm install --no-audit --no-fund
status=0
# --ci=false: snapshots moved aside above are written anew even where CI=true is set.
npm test -- --ci=false 2>&1 | tee .cdktn-test.log || status=$?
echo "--- management stack, cdktf snapshot -> cdktn output:"
diff -u .cdktf-snapshots/management.test.ts.snap __tests__/stacks/__snapshots__/management.test.ts.snap || true
summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed' .cdktn-test.log | tail -n 1 || true)"
echo "${summary:-0 passed, 1 failed (npm test printed no summary)}" >&2
exit "$status"
