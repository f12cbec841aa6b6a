#!/bin/bash
# Usage: scripts/report-outputs.sh REPO OUTDIR: report, report --format json, report --base and aws-config of fixed inputs
# (the example, examples/declared-principals.yaml, a pull request on the example), to compare byte for byte
# across a refactoring of the access layer (diff two OUTDIRs after replacing /tmp/tmp.* paths).
set -e
repo=$1; out=$2; mkdir -p $out; cd $repo
npm run -s build >/dev/null 2>&1
w=$(mktemp -d)
for name in example declared; do
  mkdir -p $w/$name
  if [ $name = example ]; then cp org.yaml org.lock.json $w/$name/; else cp examples/declared-principals.yaml $w/$name/org.yaml; fi
  (cd $w/$name && ORG_CONFIG=org.yaml CDKTF_OUTDIR=cdktf.out node $repo/dist/main.js >/dev/null 2>&1)
  node bin/org-trust.js report --config $w/$name/org.yaml --out $w/$name/cdktf.out > $out/$name-report.md
  node bin/org-trust.js report --config $w/$name/org.yaml --out $w/$name/cdktf.out --format json > $out/$name-report.json
  node bin/org-trust.js aws-config --config $w/$name/org.yaml --user alice > $out/$name-awsconfig.ini 2>&1 || true
done
# A pull request: carol joins admins, ACCOUNT02 moves to Prod.
mkdir -p $w/head && cp $w/example/org.yaml $w/example/org.lock.json $w/head/
sed -i 's/users: \[alice, bob\]/users: [alice, bob, carol]/; s#ou: Workloads/Dev#ou: Workloads/Prod#' $w/head/org.yaml
(cd $w/head && ORG_CONFIG=org.yaml CDKTF_OUTDIR=cdktf.out node $repo/dist/main.js >/dev/null 2>&1)
node bin/org-trust.js report --config $w/head/org.yaml --out $w/head/cdktf.out --base $w/example/cdktf.out > $out/diff.md || echo "exit $?" >> $out/diff.md
node bin/org-trust.js report --config $w/head/org.yaml --out $w/head/cdktf.out --base $w/example/cdktf.out --format json > $out/diff.json || true
rm -rf $w
ls -la $out | tail -n +2
