/**
 * Registers cdktf's jest matchers (toHaveResourceWithProperties, ...) for every test file:
 * the adapter module only exports setupJest() and registers nothing by itself.
 */
import { setupJest } from '../../constructs/cdktf';

setupJest();

// Frozen mode (CI=true, ORG_LOCK_FROZEN=1) is what a test sets when it means it, never the
// runner's environment: child processes inherit this process.env too.
delete process.env.CI;
delete process.env.ORG_LOCK_FROZEN;
delete process.env.ORG_LOCK_INIT;
