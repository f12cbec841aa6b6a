import { z } from 'zod';
import { AWS_LIMITS } from '../config/aws-limit-rules';
import { terraformKey } from '../config/iam-names';
import { accountName, ouName } from '../config/schema';
import { isVisibleText } from '../config/text-rules';

/**
 * What the lock may name, by the rules the config's names follow: synth only ever writes
 * names it accepted from org.yaml and keys it derived from them, so anything else comes from
 * a hand edit (an unsealed lock is read before anything can check it) and would otherwise
 * reach moved and removed blocks and provider aliases as it stands.
 */

/** A member or identity account name, as org.yaml accepts it. */
export const lockedAccountName = accountName;

/** Longest OU path: five levels of 128-character names and the slashes between them. */
const OU_PATH_MAX = AWS_LIMITS.ouDepth * 128 + AWS_LIMITS.ouDepth - 1;
const OU_PATH = 'an OU path as org.yaml names it (at most 5 OU names of 1-128 visible characters, joined by "/")';

/** An OU path: OU names as org.yaml accepts them, joined by "/". */
export const lockedOuPath = z
  .string({ error: `must be ${OU_PATH}` })
  .max(OU_PATH_MAX, { error: `must be ${OU_PATH}`, abort: true })
  .refine(
    (path) => {
      const names = path.split('/');
      return names.length <= AWS_LIMITS.ouDepth && names.every((name) => ouName.safeParse(name).success && isVisibleText(name));
    },
    { error: `must be ${OU_PATH}` },
  );

/**
 * A Terraform key as synth derives it from a name (terraformKey: lowercase letters and digits
 * in runs joined by single underscores, starting with a letter); `max` bounds it before any
 * pattern runs.
 */
const keyOf = (what: string, max: number) => {
  const rule = `must be the Terraform key of ${what} as synth writes it (lowercase letters, digits and single underscores, starting with a letter)`;
  return z
    .string({ error: rule })
    .min(1, { error: rule })
    .max(max, { error: `${rule}, at most ${max} characters`, abort: true })
    .refine((key) => terraformKey(key) === key, { error: rule });
};

/** An account's key: from a name of at most 50 characters, with an "n" before a leading digit. */
export const lockedAccountKey = keyOf('an account', 51);
/** An OU's key: from its path. */
export const lockedOuKey = keyOf('an OU path', OU_PATH_MAX + 1);
