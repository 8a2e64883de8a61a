package storage

// schemaV7 closes the public receipt endpoints to strangers:
//   - each certificate's receipt URL carries an unguessable secret
//     (filled for existing certificates right after this migration);
//   - each delivery remembers a hash of the token it was sent to, so a
//     receipt only has effects on a delivery this certificate sent to that
//     token;
//   - each receipt event has a dedupe key, so a vendor's retry of the same
//     callback is recorded once;
//   - Huawei's signed callbacks leave their nonce, remembered for the
//     signature's window, so a captured callback cannot be replayed;
//   - unmatched receipts are pruned per certificate by an index.
const schemaV7 = `
ALTER TABLE certificates ADD COLUMN receipt_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN token_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE delivery_events ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX delivery_events_dedupe ON delivery_events (dedupe_key);
CREATE INDEX delivery_events_unmatched ON delivery_events (certificate_id, id) WHERE delivery_id IS NULL;
CREATE TABLE receipt_nonces (
	certificate_id BIGINT NOT NULL,
	nonce TEXT NOT NULL,
	seen_at {{ts}} NOT NULL,
	PRIMARY KEY (certificate_id, nonce)
);
CREATE INDEX receipt_nonces_seen ON receipt_nonces (seen_at);
`
