#!/usr/bin/env node
'use strict';
/**
 * Turns a copy of this repository into its CDK Terrain (cdktn) twin: package.json depends on
 * cdktn and @cdktn/provider-aws instead of cdktf and @cdktf/provider-aws (constructs pinned
 * below 10.8, as both declare), and every import of the seam (constructs/cdktf.ts) and of the
 * provider's deep paths names the new packages. Run by scripts/test-cdktn.sh inside a
 * temporary copy; never on the working tree.
 */
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const VERSIONS = { cdktn: '0.24.0', '@cdktn/provider-aws': '25.7.0', constructs: '10.7.2' };
const root = process.argv[2];
if (!root) throw new Error('usage: cdktn-swap.cjs DIR (a copy of the repository)');

const pkgPath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
delete pkg.dependencies.cdktf;
delete pkg.dependencies['@cdktf/provider-aws'];
// The tests never run the cdktf CLI; its cdktn twin (cdktn-cli) wants Node >= 22.19 and jsii.
delete pkg.devDependencies['cdktf-cli'];
// `npm run synth` runs the app itself and stays; only the cdktf CLI's way of running it goes.
delete pkg.scripts['synth:cdktf'];
Object.assign(pkg.dependencies, VERSIONS);
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);

const rewrite = (text) =>
  text
    .replace(/(['"])cdktf(['"/])/g, '$1cdktn$2')
    .replace(/(['"])@cdktf\/provider-aws\//g, '$1@cdktn/provider-aws/');

let files = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (['node_modules', '.git', 'dist', 'cdktf.out'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|cjs|js)$/.test(name) && name !== 'cdktn-swap.cjs') {
      const before = readFileSync(path, 'utf8');
      const after = rewrite(before);
      if (after !== before) {
        writeFileSync(path, after);
        files++;
      }
    }
  }
};
walk(root);
process.stdout.write(`cdktn-swap: package.json -> ${Object.entries(VERSIONS).map(([k, v]) => `${k}@${v}`).join(', ')}; imports rewritten in ${files} files\n`);
