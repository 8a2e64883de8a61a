package storage

// schemaV2 gives certificates their credentials (sealed), the facts read
// from them, the click action and the last health check.
const schemaV2 = `
ALTER TABLE certificates ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE certificates ADD COLUMN secrets TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN click_action TEXT NOT NULL DEFAULT '{}';
ALTER TABLE certificates ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN apns_environment TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN expires_at {{ts}};
ALTER TABLE certificates ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE certificates ADD COLUMN checked_at {{ts}};
ALTER TABLE certificates ADD COLUMN check_ok BOOLEAN;
ALTER TABLE certificates ADD COLUMN check_message TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN updated_at {{ts}}
`
