const { App, TerraformStack } = require('cdktf');
const tokens = require('cdktf/lib/_tokens');
const { loadOrg } = require('/work/wt-scopes/dist/lock/load-org');
const { addOrgStacks } = require('/work/wt-scopes/dist/stacks/org-app');
const org = loadOrg(process.env.ORG_CONFIG);
const app = new App({ outdir: '/tmp/b10k/elem-out' });
let t0 = process.cpuUsage();
addOrgStacks(app, org.config, org.plan);
let t1 = process.cpuUsage(t0); console.log('construct ms', (t1.user+t1.system)/1000);
const stacks = app.node.findAll().filter(TerraformStack.isStack);
const byType = new Map();
for (const stack of stacks) {
  const visit = (n) => { if (n.toTerraform && n !== stack && n.constructor.name !== 'Construct') { const s = process.hrtime.bigint(); tokens.resolve(stack, n.toTerraform()); const d = Number(process.hrtime.bigint() - s)/1e6; const k = n.constructor.name; byType.set(k, (byType.get(k)||0)+d);} for (const c of n.node.children) visit(c); };
  visit(stack);
}
console.log([...byType].sort((a,b)=>b[1]-a[1]).map(([k,v])=>k+' '+v.toFixed(0)).join('\n'));
const s = process.hrtime.bigint(); for (const st of stacks) st.toTerraform(); console.log('stack.toTerraform all', Number(process.hrtime.bigint()-s)/1e6);
