package storage

// schemaV12 holds certificate alerts: each app's webhook (URL and signing
// secret sealed), the alerts already sent (one row per certificate,
// threshold and expiry date, so a restart or a second instance never
// sends one twice), and the last start of each daily job, which instances
// claim with a conditional upsert so the job runs once a day among them.
const schemaV12 = `
CREATE TABLE alert_webhooks (
	app_id BIGINT PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	url_shown TEXT NOT NULL,
	secrets TEXT NOT NULL,
	secret_set BOOLEAN NOT NULL DEFAULT FALSE,
	last_delivery_at {{ts}},
	last_delivery_ok BOOLEAN,
	last_delivery_message TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE TABLE certificate_alerts (
	certificate_id BIGINT NOT NULL REFERENCES certificates(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	subject TEXT NOT NULL DEFAULT '',
	alerted_at {{ts}} NOT NULL,
	PRIMARY KEY (certificate_id, kind, subject)
);
CREATE TABLE daily_runs (
	name TEXT PRIMARY KEY,
	started_at {{ts}} NOT NULL
)
`
