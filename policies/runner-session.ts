/**
 * The session name of the product's runner: every provider that assumes the member role (the
 * trust stacks' aliases, the identity stack's provider) names its session so. CloudTrail in a
 * member account shows it; with trust.guard on, the guard SCP lets only this session of the
 * member role change the role, and the trust lets only management-account principals take it.
 */
export const RUNNER_SESSION_NAME = 'org-trust';
