// The one secret of Punchcard's Claude Desktop extension. Its form has a single secret field for
// whichever back end the person chooses in it, and the manifest hands that secret over in one
// variable, PUNCHCARD_SECRET, beside the back end the form names (PUNCHCARD_PROVIDER, PUNCHCARD_URL,
// PUNCHCARD_EMAIL: scripts/mcpb-manifest.ts). A secret belongs to the back end it was given for:
// it counts as that back end's PUNCHCARD_<BACK END>_TOKEN and is sent to no other, in particular
// not to a back end an organisation's policy fixes instead (a Clockify key must never reach a Kimai
// as a Bearer token).
//
// A back end with a second secret (Tempo Timesheets' Jira API token) has it in a second field, PUNCHCARD_SECOND_SECRET,
// bound the same way: it counts as that back end's PUNCHCARD_<SERVICE>_TOKEN only where the form named that back end.
//
// Where the form names no back end ("what the Punchcard app is set to"), nothing says which back end
// the person typed the secret for, and the app's back end may have changed since: the secret is
// used for none, and the person is told to choose the back end in the form.
import { backEndAt, backEndOf, sameBackEnd, secondTokenVariable, tokenVariable, type BackEndProfile, type RemoteProfile } from '../contract/back-ends.ts';
import { variableValue } from '../variables.ts';

export const FORM_SECRET_VARIABLE = 'PUNCHCARD_SECRET';
/** The form's second secret field, for a back end with two (Tempo Timesheets' Jira API token). */
export const FORM_SECOND_SECRET_VARIABLE = 'PUNCHCARD_SECOND_SECRET';

export interface FormSecretOrigin {
  /** The back end the form named (the variables), or undefined where it named none. */
  backEnd: BackEndProfile | undefined;
  /** The organisation's policy fixes the back end in use. */
  policyFixes: boolean;
}

export interface BoundSecret {
  /** The environment the back end's credentials are read from: the form's secret only where it belongs. */
  env: NodeJS.ProcessEnv;
  /** Why the form's secret is not used for this back end, in words; null where it is, or where there is none. */
  withheld: string | null;
}

/** The environment for `used`'s credentials, with the form's secret where it was given for `used` alone. */
export function bindFormSecret(env: NodeJS.ProcessEnv, origin: FormSecretOrigin, used: RemoteProfile): BoundSecret {
  const secret = variableValue(env, FORM_SECRET_VARIABLE);
  const second = variableValue(env, FORM_SECOND_SECRET_VARIABLE);
  const rest: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(env).filter(([name]) => name !== FORM_SECRET_VARIABLE && name !== FORM_SECOND_SECRET_VARIABLE),
  );
  const secondVariable = secondTokenVariable(used.type);
  // A second secret is a secret only for a back end that has one: for any other it is as unset.
  if (secret === undefined && (second === undefined || secondVariable === null)) return { env: rest, withheld: null };
  const variable = tokenVariable(used.type);
  if (origin.backEnd && sameBackEnd(origin.backEnd, used)) {
    // A variable set for this back end by name is the more deliberate of the two, and wins.
    const bound: NodeJS.ProcessEnv = { ...rest };
    if (secret !== undefined && variableValue(rest, variable) === undefined) bound[variable] = secret;
    if (second !== undefined && secondVariable !== null && variableValue(rest, secondVariable) === undefined) bound[secondVariable] = second;
    return { env: bound, withheld: null };
  }
  const save = `Save its ${secretName(used)} in the Punchcard app, or set ${variable}.`;
  if (!origin.backEnd) {
    return {
      env: rest,
      withheld:
        `The secret in Punchcard's Claude Desktop extension settings is used only for the back end chosen there, and none is chosen (Back end is empty), ` +
        `so Punchcard does not send it to ${backEndAt(used)}. Choose ${used.type} under Back end in the extension's settings. ${save}`,
    };
  }
  const instead = origin.policyFixes
    ? `; your organisation's policy has Punchcard use ${backEndAt(used)} instead`
    : `; Punchcard is using ${backEndAt(used)} instead`;
  return {
    env: rest,
    withheld:
      `The secret in Punchcard's Claude Desktop extension settings was given for ${backEndAt(origin.backEnd)}, and Punchcard sends a secret only to the back end it was given for` +
      `${instead}, so it has no ${secretName(used)} for it. ${save}`,
  };
}

function secretName(profile: RemoteProfile): string {
  const { label, secret } = backEndOf(profile.type);
  return `${label} ${secret?.name}`;
}
