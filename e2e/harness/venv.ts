import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIREMENTS_FILE, VENV_DIR } from './paths';

/** Written after a successful install: the requirements it installed. */
const STAMP = 'org-trust-requirements.txt';

/**
 * Creates the virtual environment (python3 -m venv) and installs the pinned moto into it,
 * unless an earlier run installed exactly these requirements. Returns the moto_server path.
 */
export function ensureMoto(venv = VENV_DIR): string {
  const requirements = readFileSync(REQUIREMENTS_FILE, 'utf8');
  const server = join(venv, 'bin', 'moto_server');
  const stamp = join(venv, STAMP);
  if (existsSync(server) && existsSync(stamp) && readFileSync(stamp, 'utf8') === requirements) return server;
  const python = process.env.PYTHON ?? 'python3';
  if (!existsSync(join(venv, 'bin', 'python'))) execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS_FILE], { stdio: 'inherit' });
  writeFileSync(stamp, requirements);
  return server;
}
