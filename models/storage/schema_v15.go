package storage

// schemaV15 keeps the virtual phones: each phone with its behaviour and the
// binding it reported, the shade of what reached it (with the vendor rule
// that decided each message's fate and the acks it posted), and per app the
// sealed device API key the phones report with.
const schemaV15 = `
CREATE TABLE phones (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
	device_id TEXT NOT NULL,
	user_id TEXT NOT NULL,
	vendor TEXT NOT NULL,
	behaviour TEXT NOT NULL,
	die_after INTEGER NOT NULL DEFAULT 0,
	certificate_id BIGINT NOT NULL,
	token TEXT NOT NULL,
	token_dead BOOLEAN NOT NULL DEFAULT FALSE,
	foreground BOOLEAN NOT NULL DEFAULT FALSE,
	received INTEGER NOT NULL DEFAULT 0,
	registered_at {{ts}},
	problem TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX phones_device ON phones (app_id, device_id);
CREATE INDEX phones_token ON phones (vendor, token);

CREATE TABLE phone_shade (
	id {{pk}},
	phone_id BIGINT NOT NULL REFERENCES phones(id) ON DELETE CASCADE,
	at {{ts}} NOT NULL,
	delivery_id TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL DEFAULT '',
	badge INTEGER,
	sound TEXT NOT NULL DEFAULT '',
	image TEXT NOT NULL DEFAULT '',
	channel_id TEXT NOT NULL DEFAULT '',
	class TEXT NOT NULL DEFAULT '',
	click TEXT NOT NULL DEFAULT '',
	ext TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL,
	rule TEXT NOT NULL DEFAULT '',
	received_at {{ts}},
	displayed_at {{ts}},
	clicked_at {{ts}},
	ack_problem TEXT NOT NULL DEFAULT ''
);
CREATE INDEX phone_shade_phone ON phone_shade (phone_id, at);

CREATE TABLE phone_keys (
	app_id BIGINT PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
	api_key_id BIGINT NOT NULL,
	sealed TEXT NOT NULL
)
`
