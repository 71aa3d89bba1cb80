// `npm run account:invite -- <patient id or name>`: issues an activation code for a patient
// who has no account yet, prints it for the clinic to hand over, and sends it to the email
// address and mobile number in the record (docs/decisions/0018-activation-and-passwords.md).
// Issuing a new code ends the patient's earlier one.
import { InviteProblem, invitePatient } from "../server/auth/activation-invite.ts";
import { ConfigError, loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/open.ts";
import { makeTransport } from "../server/messaging/transport.ts";

const query = process.argv.slice(2).join(" ");
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { db, close } = await openDatabase(config);
try {
  const transport = makeTransport(config, db, (line) => console.log(line));
  const invitation = await invitePatient({ db, config, transport, now: () => new Date() }, query);
  console.log(`Activation code for ${invitation.patient.name ?? invitation.patient.id}:`);
  console.log(`\n    ${invitation.code}\n`);
  console.log(`Valid until ${invitation.expiresAt.toISOString()}, once, with the date of birth.`);
  console.log(`The patient enters it at ${config.publicOrigin}/activate.`);
  for (const { channel, to } of invitation.sentTo) console.log(`Sent by ${channel} to ${to}.`);
  for (const { channel, to } of invitation.failed)
    console.error(`Could not send by ${channel} to ${to}: hand the code over instead.`);
  if (invitation.sentTo.length === 0 && invitation.failed.length === 0)
    console.log("No email address or mobile number on file: hand the code over.");
} catch (error) {
  if (!(error instanceof InviteProblem)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await close();
}
