import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXAMPLE_PATH = join(__dirname, '..', '..', 'org.yaml');
export const exampleYaml = () => readFileSync(EXAMPLE_PATH, 'utf8');
