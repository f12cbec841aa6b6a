import type { PolicyDocument, PolicyStatement } from '../../policies/document';

/** The statement `sid` of `doc`; fails the test when there is none. */
export function statement(doc: PolicyDocument, sid: string): PolicyStatement {
  const found = doc.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${doc.Statement.map((s) => s.Sid).join(', ')}`);
  return found;
}

/** A statement's actions as a list, whether IAM's string or list form. */
export const actionsOf = (s: PolicyStatement): string[] => (s.Action === undefined ? [] : ([] as string[]).concat(s.Action));
