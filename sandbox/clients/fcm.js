// Sends one notification to each token with firebase-admin and prints
// FCM's answers as JSON: [{"token","id"} or {"token","code","message"}].
//
//   FCM_SERVICE_ACCOUNT  the service-account key file
//   FCM_TOKENS           comma-separated registration tokens
'use strict';
const fs = require('fs');
const { initializeApp, cert } = require('firebase-admin/app');
const { getMessaging } = require('firebase-admin/messaging');

async function main() {
  const account = JSON.parse(fs.readFileSync(process.env.FCM_SERVICE_ACCOUNT, 'utf8'));
  const app = initializeApp({ credential: cert(account), projectId: account.project_id });
  const out = [];
  for (const token of process.env.FCM_TOKENS.split(',')) {
    try {
      const id = await getMessaging(app).send({ token, notification: { title: 'pushcheck', body: 'hello from firebase-admin' } });
      out.push({ token, id });
    } catch (err) {
      out.push({ token, code: err.code, message: err.message });
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
