import { createHash } from 'node:crypto';

/**
 * The lock's seal: a SHA-256 of what it says. Synth never needs the lock edited by hand, so a
 * seal that does not match means someone changed it, and a changed stack number can move an
 * account away from its state. The seal is not a signature: it catches edits, not someone who
 * recomputes it on purpose; the lock is reviewed in pull requests like code.
 */
export function lockSeal(content: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}`;
}
