package storage

// schemaV1 is the foundation: operators and their sessions and tokens, apps
// and their keys, the certificate IDs devices point at, and the device
// registry with its timeline. Indexes follow the queries in store_*.go; every
// page and API lookup uses one of them.
const schemaV1 = `
CREATE TABLE apps (
	id {{pk}},
	name TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);

CREATE TABLE api_keys (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	label TEXT NOT NULL DEFAULT '',
	prefix TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE,
	created_at {{ts}} NOT NULL,
	last_used_at {{ts}},
	revoked_at {{ts}}
);
CREATE INDEX api_keys_app ON api_keys (app_id, id);

CREATE TABLE operators (
	id {{pk}},
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{ts}} NOT NULL
);

CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	operator_id BIGINT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	user_agent TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL,
	expires_at {{ts}} NOT NULL
);
CREATE INDEX sessions_operator ON sessions (operator_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE operator_tokens (
	id {{pk}},
	operator_id BIGINT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	prefix TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE,
	created_at {{ts}} NOT NULL,
	last_used_at {{ts}},
	revoked_at {{ts}}
);
CREATE INDEX operator_tokens_operator ON operator_tokens (operator_id, id);

CREATE TABLE login_throttles (
	subject TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	window_start {{ts}} NOT NULL,
	locked_until {{ts}}
);

CREATE TABLE setup_tokens (
	hash TEXT PRIMARY KEY,
	created_at {{ts}} NOT NULL,
	expires_at {{ts}} NOT NULL,
	used_at {{ts}}
);

CREATE TABLE certificates (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	vendor TEXT NOT NULL,
	name TEXT NOT NULL,
	environment TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX certificates_app ON certificates (app_id, id);
{{certificate_ids_from_10001}};

CREATE TABLE devices (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	device_id TEXT NOT NULL,
	user_id TEXT NOT NULL,
	platform TEXT NOT NULL,
	vendor TEXT NOT NULL,
	token {{bytes}} NOT NULL,
	certificate_id BIGINT,
	environment TEXT NOT NULL DEFAULT '',
	app_version TEXT NOT NULL DEFAULT '',
	os_version TEXT NOT NULL DEFAULT '',
	rom TEXT NOT NULL DEFAULT '',
	model TEXT NOT NULL DEFAULT '',
	sdk_version TEXT NOT NULL DEFAULT '',
	notifications_enabled BOOLEAN,
	locale TEXT NOT NULL DEFAULT '',
	token_dead_at {{ts}},
	token_dead_reason TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	unread INTEGER NOT NULL DEFAULT 0,
	state_since {{ts}} NOT NULL,
	registered_at {{ts}} NOT NULL,
	last_seen_at {{ts}} NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX devices_app_device ON devices (app_id, device_id);
CREATE INDEX devices_app_user ON devices (app_id, user_id);
CREATE INDEX devices_app_token ON devices (app_id, token);
CREATE INDEX devices_app_id ON devices (app_id, id);
CREATE INDEX devices_app_vendor ON devices (app_id, vendor, id);
CREATE INDEX devices_app_state ON devices (app_id, state, id);
CREATE INDEX devices_app_platform ON devices (app_id, platform, id);
CREATE INDEX devices_app_certificate ON devices (app_id, certificate_id, id);
CREATE INDEX devices_app_vendor_state ON devices (app_id, vendor, state);
CREATE INDEX devices_app_state_seen ON devices (app_id, state, last_seen_at);

CREATE TABLE device_events (
	id {{pk}},
	app_id BIGINT NOT NULL,
	device_pk BIGINT NOT NULL,
	device_id TEXT NOT NULL,
	user_id TEXT NOT NULL,
	kind TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE INDEX device_events_device ON device_events (device_pk, id);
CREATE INDEX device_events_user ON device_events (app_id, user_id, kind, id);
CREATE INDEX device_events_created ON device_events (created_at);
`
