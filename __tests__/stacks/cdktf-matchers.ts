/**
 * cdktf's jest matchers (toHaveResourceWithProperties, ...). jest.config.js names the
 * adapter module in setupFilesAfterEnv, but that module only exports setupJest() and
 * registers nothing; importing this file registers the matchers and their global types.
 */
import { setupJest } from 'cdktf/lib/testing/adapters/jest';

setupJest();
