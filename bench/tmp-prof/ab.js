const cdktf = require('cdktf');
const tokens = require('cdktf/lib/_tokens');
const util = require('cdktf/lib/util');
const { loadOrg } = require('/work/wt-scopes/dist/lock/load-org');
const { addOrgStacks } = require('/work/wt-scopes/dist/stacks/org-app');
const org = loadOrg(process.env.ORG_CONFIG);
const app = new cdktf.App({ outdir: '/tmp/b10k/ab-out', skipValidation: true });
addOrgStacks(app, org.config, org.plan);
const stacks = app.node.findAll().filter(cdktf.TerraformStack.isStack);
function els(node, into = []) { if (cdktf.TerraformElement.isTerraformElement(node)) into.push(node); for (const c of node.node.children) els(c, into); return into; }
function noFinal(stack) {
  const tf = {};
  const metadata = { version: stack.cdktfVersion, stackName: stack.node.id, backend: 'local', cloud: undefined };
  const elements = els(stack);
  for (const e of elements) util.deepMerge(metadata, tokens.resolve(stack, e.toMetadata()));
  tf['//'] = { metadata, outputs: {} };
  for (const e of elements) util.deepMerge(tf, tokens.resolve(stack, e.toTerraform()));
  util.deepMerge(tf, stack.rawOverrides);
  return tf;
}
function onlyElements(stack) { for (const e of els(stack)) tokens.resolve(stack, e.toTerraform()); }
function onlyToTerraform(stack) { for (const e of els(stack)) e.toTerraform(); }
const cpu = (f) => { const t = process.cpuUsage(); for (const st of stacks) f(st); const d = process.cpuUsage(t); return ((d.user + d.system) / 1000).toFixed(0); };
for (let i = 0; i < 5; i++) {
  console.log('orig', cpu((st) => st.toTerraform()), 'noFinal', cpu(noFinal), 'elementsResolved', cpu(onlyElements), 'toTerraformOnly', cpu(onlyToTerraform));
}
