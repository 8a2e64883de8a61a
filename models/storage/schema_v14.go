package storage

// schemaV14 holds the sandbox emulators' request log: one row per request
// any client sent an emulator, with the certificate its credentials
// belong to (none for credentials no certificate holds), the verdict and
// the redacted request and answer. Rows go after a week, and past a cap
// per app; pages filter an app's rows by vendor, certificate and verdict
// and page by ID. No foreign keys: the emulators remember certificates in
// memory, so a row may name one deleted a moment ago, and a batch of rows
// must never fail for it.
const schemaV14 = `
CREATE TABLE sandbox_requests (
	id {{pk}},
	at {{ts}} NOT NULL,
	vendor TEXT NOT NULL,
	app_id BIGINT,
	certificate_id BIGINT,
	credential TEXT NOT NULL DEFAULT '',
	remote_addr TEXT NOT NULL DEFAULT '',
	host TEXT NOT NULL DEFAULT '',
	method TEXT NOT NULL DEFAULT '',
	path TEXT NOT NULL DEFAULT '',
	tokens TEXT NOT NULL DEFAULT '[]',
	token_hashes TEXT NOT NULL DEFAULT '',
	status INTEGER NOT NULL DEFAULT 0,
	code TEXT NOT NULL DEFAULT '',
	verdict TEXT NOT NULL,
	access_grant BOOLEAN NOT NULL DEFAULT FALSE,
	auth_problem TEXT NOT NULL DEFAULT '',
	explanation TEXT NOT NULL DEFAULT '',
	broken TEXT NOT NULL DEFAULT '[]',
	notes TEXT NOT NULL DEFAULT '[]',
	delivered INTEGER NOT NULL DEFAULT 0,
	request TEXT NOT NULL DEFAULT '',
	answer TEXT NOT NULL DEFAULT '',
	duration BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sandbox_requests_app ON sandbox_requests (app_id, id);
CREATE INDEX sandbox_requests_app_vendor ON sandbox_requests (app_id, vendor, id);
CREATE INDEX sandbox_requests_app_certificate ON sandbox_requests (app_id, certificate_id, id);
CREATE INDEX sandbox_requests_app_verdict ON sandbox_requests (app_id, verdict, id);
CREATE INDEX sandbox_requests_at ON sandbox_requests (at)
`
