package storage

// schemaV3 records test pushes and one delivery per targeted device. A
// delivery is written before the vendor call and finished after it, so a
// crash mid-send leaves it visibly unfinished.
const schemaV3 = `
CREATE TABLE pushes (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	operator_id BIGINT NOT NULL,
	operator_email TEXT NOT NULL,
	target TEXT NOT NULL,
	mode TEXT NOT NULL,
	dry_run BOOLEAN NOT NULL,
	message TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX pushes_app ON pushes (app_id, id);

CREATE TABLE deliveries (
	id TEXT PRIMARY KEY,
	push_id BIGINT NOT NULL REFERENCES pushes(id) ON DELETE CASCADE,
	app_id BIGINT NOT NULL,
	device_pk BIGINT NOT NULL,
	device_id TEXT NOT NULL,
	user_id TEXT NOT NULL,
	vendor TEXT NOT NULL,
	certificate_id BIGINT,
	status TEXT NOT NULL,
	http_status INTEGER NOT NULL DEFAULT 0,
	code TEXT NOT NULL DEFAULT '',
	explanation TEXT NOT NULL DEFAULT '',
	fix TEXT NOT NULL DEFAULT '',
	vendor_message_id TEXT NOT NULL DEFAULT '',
	unique_id TEXT NOT NULL DEFAULT '',
	latency_ms INTEGER NOT NULL DEFAULT 0,
	request TEXT NOT NULL DEFAULT '',
	response TEXT NOT NULL DEFAULT '',
	warnings TEXT NOT NULL DEFAULT '[]',
	created_at {{ts}} NOT NULL,
	finished_at {{ts}}
);
CREATE INDEX deliveries_push ON deliveries (push_id, device_id);
CREATE INDEX deliveries_device ON deliveries (device_pk, created_at)
`
