// Sends one alert to each token with @parse/node-apn and prints APNs'
// answers as JSON: {"sent":[…],"failed":[{"device","status","reason"}]}.
//
//   APNS_KEY_FILE, APNS_KEY_ID, APNS_TEAM_ID   token auth (.p8), or
//   APNS_P12_FILE, APNS_P12_PASSWORD           certificate auth (.p12)
//   APNS_TOPIC                                 the bundle ID
//   APNS_TOKENS                                comma-separated device tokens
'use strict';
const apn = require('@parse/node-apn');

const env = process.env;
const options = { production: true };
if (env.APNS_P12_FILE) {
  options.pfx = env.APNS_P12_FILE;
  options.passphrase = env.APNS_P12_PASSWORD;
} else {
  options.token = { key: env.APNS_KEY_FILE, keyId: env.APNS_KEY_ID, teamId: env.APNS_TEAM_ID };
}

async function main() {
  const provider = new apn.Provider(options);
  const note = new apn.Notification({ alert: { title: 'pushcheck', body: 'hello from node-apn' }, topic: env.APNS_TOPIC, badge: 1 });
  const result = await provider.send(note, env.APNS_TOKENS.split(','));
  provider.shutdown();
  const failed = result.failed.map((f) => ({
    device: f.device,
    status: f.status === undefined ? 0 : Number(f.status),
    reason: f.response ? f.response.reason : String(f.error),
  }));
  process.stdout.write(JSON.stringify({ sent: result.sent.map((s) => s.device), failed }) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
