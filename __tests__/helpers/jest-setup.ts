/**
 * Registers cdktf's jest matchers (toHaveResourceWithProperties, ...) for every test file:
 * the adapter module only exports setupJest() and registers nothing by itself.
 */
import { setupJest } from '../../constructs/cdktf';

setupJest();
