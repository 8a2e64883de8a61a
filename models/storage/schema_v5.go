package storage

// schemaV5 closes the loop of a test push. Each delivery keeps the furthest
// stage it reached (stage_rank makes "never go back" one indexed UPDATE, so
// a receipt that overtakes the vendor's answer is not undone by it), and
// every step is an event: what pushcheck did, what the vendor answered, each
// receipt (matched or not: an unmatched one has no delivery_id) and each
// device ack. Test-device groups name devices across users; the audit log
// records who did what.
const schemaV5 = `
ALTER TABLE deliveries ADD COLUMN stage TEXT NOT NULL DEFAULT 'queued';
ALTER TABLE deliveries ADD COLUMN stage_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN stage_at {{ts}};
UPDATE deliveries SET stage = CASE status WHEN 'sending' THEN 'sent' ELSE status END,
	stage_rank = CASE status WHEN 'sending' THEN 1 ELSE 2 END,
	stage_at = COALESCE(finished_at, created_at);
CREATE INDEX deliveries_vendor_message ON deliveries (app_id, vendor_message_id);
CREATE INDEX deliveries_app_created ON deliveries (app_id, created_at);
CREATE INDEX pushes_created ON pushes (created_at);

CREATE TABLE delivery_events (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	delivery_id TEXT REFERENCES deliveries(id) ON DELETE CASCADE,
	vendor TEXT NOT NULL DEFAULT '',
	certificate_id BIGINT,
	stage TEXT NOT NULL,
	source TEXT NOT NULL,
	code TEXT NOT NULL DEFAULT '',
	explanation TEXT NOT NULL DEFAULT '',
	vendor_message_id TEXT NOT NULL DEFAULT '',
	token TEXT NOT NULL DEFAULT '',
	raw TEXT NOT NULL DEFAULT '',
	at {{ts}} NOT NULL,
	received_at {{ts}} NOT NULL
);
CREATE INDEX delivery_events_delivery ON delivery_events (delivery_id, at);
CREATE INDEX delivery_events_app ON delivery_events (app_id, source, received_at);

CREATE TABLE device_groups (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX device_groups_name ON device_groups (app_id, name);

CREATE TABLE device_group_members (
	group_id BIGINT NOT NULL REFERENCES device_groups(id) ON DELETE CASCADE,
	device_pk BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
	added_at {{ts}} NOT NULL,
	PRIMARY KEY (group_id, device_pk)
);

ALTER TABLE pushes ADD COLUMN group_id BIGINT;

CREATE TABLE audit_entries (
	id {{pk}},
	at {{ts}} NOT NULL,
	app_id BIGINT,
	actor_id BIGINT NOT NULL DEFAULT 0,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL,
	remote_addr TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entries_at ON audit_entries (at);
CREATE INDEX audit_entries_action ON audit_entries (action, at)
`
