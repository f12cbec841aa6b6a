import { join, resolve } from 'node:path';

/** The repository root: the e2e suite runs the product from here. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The project-local virtual environment that holds moto (gitignored); E2E_VENV overrides. */
export const VENV_DIR = process.env.E2E_VENV ?? join(REPO_ROOT, '.venv-e2e');

export const REQUIREMENTS_FILE = join(__dirname, 'requirements.txt');
