#!/usr/bin/env bash
# npm run test:cdktn: the whole test suite on CDK Terrain (cdktn), the maintained fork of
# cdktf, in a temporary copy of the repository with the packages and imports swapped
# (scripts/cdktn-swap.cjs). The working tree is never touched. Set KEEP=1 to keep the copy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/org-trust-cdktn.XXXXXX")"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
echo "cdktn copy: $work (node $(node --version))"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work")
node "$root/scripts/cdktn-swap.cjs" "$work"
cd "$work"
rm -f package-lock.json
# The management snapshot pins cdktf's exact bytes; cdktn writes its own (shown as a diff at the end).
mv __tests__/stacks/__snapshots__ .cdktf-snapshots
export CHECKPOINT_DISABLE=1 DISABLE_VERSION_CHECK=1
npm install --no-audit --no-fund
status=0
npm test || status=$?
echo "--- management stack, cdktf snapshot -> cdktn output:"
diff -u .cdktf-snapshots/management.test.ts.snap __tests__/stacks/__snapshots__/management.test.ts.snap || true
exit "$status"
