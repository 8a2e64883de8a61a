package storage

// schemaV4 adds what the diagnosis needs: quota counters per certificate,
// vendor day and message class (one row each, incremented in place, so
// concurrent sends on several instances count exactly); the daily limits
// admins copy from vendor consoles; each delivery's message class, for
// per-device caps; and frozen verdict reports behind permalinks.
const schemaV4 = `
CREATE TABLE quota_usage (
	certificate_id BIGINT NOT NULL REFERENCES certificates(id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	class TEXT NOT NULL,
	sent INTEGER NOT NULL DEFAULT 0,
	exhausted_at {{ts}},
	exhausted_code TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (certificate_id, day, class)
);

CREATE TABLE certificate_quotas (
	certificate_id BIGINT NOT NULL REFERENCES certificates(id) ON DELETE CASCADE,
	class TEXT NOT NULL,
	daily_limit INTEGER NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at {{ts}} NOT NULL,
	PRIMARY KEY (certificate_id, class)
);

ALTER TABLE deliveries ADD COLUMN class TEXT NOT NULL DEFAULT '';

CREATE TABLE reports (
	id TEXT PRIMARY KEY,
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	user_id TEXT NOT NULL,
	operator_email TEXT NOT NULL,
	verdict TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX reports_app ON reports (app_id, created_at)
`
