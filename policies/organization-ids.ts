/**
 * The longest ids AWS Organizations may issue, from the patterns of its API reference
 * (Organization Id `^o-[a-z0-9]{10,32}$`, Root Id `^r-[0-9a-z]{4,32}$`, OU Id
 * `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`). Group policies are sized for these, not for the ids
 * an organization happens to have, so that a policy that fits today fits after any apply.
 */
export const LONGEST_ORGANIZATION_ID = 34;
export const LONGEST_ROOT_ID = 34;
export const LONGEST_OU_ID = 68;

/**
 * Longest entity path of an OU `depth` levels below the root, as aws:ResourceOrgPaths carries
 * it: "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/" (ids joined by "/", one at the end).
 */
export function longestOuPath(depth: number): number {
  return LONGEST_ORGANIZATION_ID + 1 + LONGEST_ROOT_ID + 1 + depth * (LONGEST_OU_ID + 1);
}
