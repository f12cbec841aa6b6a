const cdktf = require('cdktf');
const tokens = require('cdktf/lib/_tokens');
const { IamRole } = require('@cdktf/provider-aws/lib/iam-role');
const { OrganizationsAccount } = require('@cdktf/provider-aws/lib/organizations-account');
const { loadOrg } = require('/work/wt-scopes/dist/lock/load-org');
const { addOrgStacks } = require('/work/wt-scopes/dist/stacks/org-app');
const org = loadOrg(process.env.ORG_CONFIG);
const app = new cdktf.App({ outdir: '/tmp/b10k/lean-out', skipValidation: true });
addOrgStacks(app, org.config, org.plan);
const stacks = app.node.findAll().filter(cdktf.TerraformStack.isStack);
const els = []; for (const st of stacks) { const v = (n) => { if (n instanceof IamRole || n instanceof OrganizationsAccount) els.push([st, n]); for (const c of n.node.children) v(c); }; v(st); }
const orig = { r: IamRole.prototype.synthesizeAttributes, a: OrganizationsAccount.prototype.synthesizeAttributes };
const lean = (f) => function () { return Object.fromEntries(Object.entries(f.call(this)).filter(([, v]) => v !== undefined)); };
const cpu = () => { const t = process.cpuUsage(); for (const [st, e] of els) tokens.resolve(st, e.toTerraform()); const d = process.cpuUsage(t); return ((d.user + d.system) / 1000).toFixed(0); };
for (let i = 0; i < 4; i++) {
  IamRole.prototype.synthesizeAttributes = orig.r; OrganizationsAccount.prototype.synthesizeAttributes = orig.a;
  const a = cpu();
  IamRole.prototype.synthesizeAttributes = lean(orig.r); OrganizationsAccount.prototype.synthesizeAttributes = lean(orig.a);
  const b = cpu();
  console.log('full', a, 'lean', b);
}
