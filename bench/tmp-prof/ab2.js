const cdktf = require('cdktf');
const { loadOrg } = require('/work/wt-scopes/dist/lock/load-org');
const { addOrgStacks } = require('/work/wt-scopes/dist/stacks/org-app');
const org = loadOrg(process.env.ORG_CONFIG);
const cpu = (f) => { const t = process.cpuUsage(); f(); const d = process.cpuUsage(t); return ((d.user + d.system) / 1000).toFixed(0); };
for (let i = 0; i < 3; i++) {
  const a = cpu(() => addOrgStacks(new cdktf.App({ outdir: '/tmp/b10k/ab-out', skipValidation: true }), org.config, org.plan));
  Error.prepareStackTrace = (e, frames) => (e instanceof Error ? `${e.name}: ${e.message}${frames.map((f) => `\n    at ${f}`).join('')}` : '');
  const b = cpu(() => addOrgStacks(new cdktf.App({ outdir: '/tmp/b10k/ab-out', skipValidation: true }), org.config, org.plan));
  Error.prepareStackTrace = undefined;
  console.log('construct default', a, 'no token traces', b);
}
