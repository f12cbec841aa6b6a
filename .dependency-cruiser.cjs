/**
 * The import graph as drawn (npm run check:imports, part of npm test). Layers, low to high:
 *
 *   errors/              every error a user can cause, and the one reporter
 *   policies/            pure data: policy documents and the declared-principal model they trust
 *   config/              the config model and its rules (they measure policies, so config is above)
 *   lock/, toolchain/    the lock file and the plan of trust stacks; the Terraform binary synth checks
 *   constructs/          cdktf constructs
 *   stacks/              the stacks, made of constructs
 *   access/              the access model read from synthesized JSON: evaluation, matrix, diff
 *   main.ts, cli/, bin/  the cdktf app and the command-line tool (commands and renderers)
 *
 * A file may import its own layer and the layers below it, never one above; nothing may import
 * in a circle (type-only imports count: a circle of types is still a tangle to read). Tests,
 * the end-to-end suite, benchmarks and fixtures may import anything; product code imports none
 * of them.
 */
const LAYERS = [
  { name: 'errors', path: '^errors/' },
  { name: 'policies', path: '^policies/' },
  { name: 'config', path: '^config/' },
  { name: 'lock-toolchain', path: '^(lock|toolchain)/' },
  { name: 'constructs', path: '^constructs/' },
  { name: 'stacks', path: '^stacks/' },
  { name: 'access', path: '^access/' },
  { name: 'app-cli', path: '^(main\\.ts$|cli/|bin/)' },
];

/** May import anything; imported by no product code. */
const TEST_CODE = '^(__tests__|e2e|bench|fixtures)/';

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.name}`,
  comment: `${layer.path} is below ${LAYERS.slice(i + 1).map((l) => l.name).join(', ')}: it may not import them`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: LAYERS.slice(i + 1).map((l) => l.path) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files that import each other in a loop: move what both need into a file of its own, lower down',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'no-test-code-in-product',
      comment: 'Product code never imports tests, the e2e suite, benchmarks or fixtures',
      severity: 'error',
      from: { path: LAYERS.map((l) => l.path) },
      to: { path: TEST_CODE },
    },
    {
      name: 'no-unlayered-folder',
      comment: 'A folder that is in no layer: add it to LAYERS in .dependency-cruiser.cjs (or to TEST_CODE)',
      severity: 'error',
      from: { pathNot: [...LAYERS.map((l) => l.path), TEST_CODE, '^scripts/', '^[^/]+\\.(c?js|json)$'] },
      to: { path: LAYERS.map((l) => l.path) },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|cdktf\\.out|coverage|vendor)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
