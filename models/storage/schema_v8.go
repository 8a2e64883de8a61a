package storage

// schemaV8 keeps the console's pages flat however many devices and
// deliveries an app has.
//
// Counters. device_counts holds the number of devices per app, vendor,
// platform, certificate (0 for none) and state; push_stage_counts the
// number of a push's deliveries per stage. Triggers keep them in the
// transaction of the change, so a count is never behind its rows and the
// application makes no extra round trip. A key's count is the sum of its
// rows over "slot": on PostgreSQL a trigger adds to the first row of the
// key that no other transaction holds (SELECT … FOR UPDATE SKIP LOCKED) and
// starts a new row only when all are held, so concurrent state reports and
// receipt batches never wait on a counter row, and never deadlock on one
// (a row per id % 16 would still make two reports of the same slot wait,
// and a receipt batch that moves deliveries of one push in its own order
// could deadlock with another). A key has at most as many rows as
// transactions ever held it at once. SQLite has one writer: slot 0 only.
// The triggers are created before the backfill: on PostgreSQL CREATE
// TRIGGER locks out writers until the migration commits, so no change
// falls between the count and the trigger.
//
// Indexes on devices. A state report updates state, unread, state_since
// and last_seen_at thousands of times a second; an update that changes no
// indexed column is HOT (no index entry written), one that changes any
// writes an entry in every index of the table. So devices get no new
// index: the (app_id, vendor, state) index only served the old grouped
// count and is dropped, and (app_id, state, last_seen_at) becomes
// (app_id, last_seen_at) for foreground devices only, which the bounded
// "stale" count and filter use: a report of a background, logged-out or
// kicked device (most of them) writes no entry in it, and the index is a
// fraction of the size. The cost stays that a report moves last_seen_at,
// so it is never HOT: "stale" is defined by last_seen_at, and nothing else
// bounds its count (state_since would keep foreground heartbeats HOT but
// leaves the fresh/stale split uncountable past the cap). A change of
// state is not HOT either way, as the state filter needs (app_id, state,
// id). unread and state_since stay unindexed. fillfactor 85 leaves room on
// each page so a new version stays on its page (PostgreSQL; pages written
// from now on).
//
// Indexes on deliveries serve the history's filters: each leads with
// (app_id, <filter>) and ends with push_id, so the history finds a user's
// (device's, vendor's, certificate's, stage's) pushes either by reading
// the range or by probing it once per push it walks. "interrupted" is a
// stage filter on queued and sent. The stage index makes a stage move
// (sent, a receipt, an ack) a non-HOT update, the price of that filter.
// Pushes get (app_id, operator), (app_id,
// group) and (app_id, created_at, id) for the other filters, receipts an index
// of the app's unmatched ones, and the audit log its actor and app
// filters.
const schemaV8 = `
CREATE TABLE device_counts (
	app_id BIGINT NOT NULL,
	vendor TEXT NOT NULL,
	platform TEXT NOT NULL,
	certificate_id BIGINT NOT NULL,
	state TEXT NOT NULL,
	slot INTEGER NOT NULL,
	n BIGINT NOT NULL,
	PRIMARY KEY (app_id, vendor, platform, certificate_id, state, slot)
);

CREATE TABLE push_stage_counts (
	push_id BIGINT NOT NULL REFERENCES pushes(id) ON DELETE CASCADE,
	stage TEXT NOT NULL,
	slot INTEGER NOT NULL,
	n BIGINT NOT NULL,
	PRIMARY KEY (push_id, stage, slot)
);

DROP INDEX devices_app_vendor_state;
DROP INDEX devices_app_state_seen;
CREATE INDEX devices_foreground_seen ON devices (app_id, last_seen_at) WHERE state = 'foreground';

CREATE INDEX deliveries_app_user ON deliveries (app_id, user_id, push_id);
CREATE INDEX deliveries_app_device ON deliveries (app_id, device_id, push_id);
CREATE INDEX deliveries_app_vendor ON deliveries (app_id, vendor, push_id);
CREATE INDEX deliveries_app_certificate ON deliveries (app_id, certificate_id, push_id);
CREATE INDEX deliveries_app_stage ON deliveries (app_id, stage, push_id);

CREATE INDEX pushes_app_operator ON pushes (app_id, operator_email, id);
CREATE INDEX pushes_app_group ON pushes (app_id, group_id, id);
CREATE INDEX pushes_app_created ON pushes (app_id, created_at, id);

CREATE INDEX delivery_events_app_unmatched ON delivery_events (app_id, received_at, id) WHERE delivery_id IS NULL;

CREATE INDEX audit_entries_actor ON audit_entries (actor, id);
CREATE INDEX audit_entries_app ON audit_entries (app_id, id)
`

// schemaV8Whole is the dialect's counter triggers, then the backfill.
func schemaV8Whole(d Dialect) []string {
	triggers := sqliteCounterTriggers()
	if d == DialectPostgres {
		triggers = postgresCounterTriggers()
	}
	return append(triggers,
		`INSERT INTO device_counts (app_id, vendor, platform, certificate_id, state, slot, n)
		SELECT app_id, vendor, platform, COALESCE(certificate_id, 0), state, 0, COUNT(*) FROM devices
		GROUP BY app_id, vendor, platform, COALESCE(certificate_id, 0), state`,
		`INSERT INTO push_stage_counts (push_id, stage, slot, n)
		SELECT push_id, stage, 0, COUNT(*) FROM deliveries GROUP BY push_id, stage`,
	)
}

// sqliteCounterTriggers add to slot 0: SQLite's one writer cannot contend.
func sqliteCounterTriggers() []string {
	const addDevice = `INSERT INTO device_counts (app_id, vendor, platform, certificate_id, state, slot, n)
		VALUES (NEW.app_id, NEW.vendor, NEW.platform, COALESCE(NEW.certificate_id, 0), NEW.state, 0, 1)
		ON CONFLICT (app_id, vendor, platform, certificate_id, state, slot) DO UPDATE SET n = device_counts.n + 1;`
	const subtractDevice = `UPDATE device_counts SET n = n - 1 WHERE app_id = OLD.app_id AND vendor = OLD.vendor
		AND platform = OLD.platform AND certificate_id = COALESCE(OLD.certificate_id, 0) AND state = OLD.state AND slot = 0;`
	const addDelivery = `INSERT INTO push_stage_counts (push_id, stage, slot, n) VALUES (NEW.push_id, NEW.stage, 0, 1)
		ON CONFLICT (push_id, stage, slot) DO UPDATE SET n = push_stage_counts.n + 1;`
	const subtractDelivery = `UPDATE push_stage_counts SET n = n - 1 WHERE push_id = OLD.push_id AND stage = OLD.stage AND slot = 0;`
	return []string{
		`CREATE TRIGGER devices_counted_insert AFTER INSERT ON devices BEGIN ` + addDevice + ` END`,
		`CREATE TRIGGER devices_counted_delete AFTER DELETE ON devices BEGIN ` + subtractDevice + ` END`,
		`CREATE TRIGGER devices_counted_update AFTER UPDATE OF app_id, vendor, platform, certificate_id, state ON devices
		WHEN OLD.app_id IS NOT NEW.app_id OR OLD.vendor IS NOT NEW.vendor OR OLD.platform IS NOT NEW.platform
			OR OLD.certificate_id IS NOT NEW.certificate_id OR OLD.state IS NOT NEW.state
		BEGIN ` + subtractDevice + addDevice + ` END`,
		`CREATE TRIGGER deliveries_counted_insert AFTER INSERT ON deliveries BEGIN ` + addDelivery + ` END`,
		`CREATE TRIGGER deliveries_counted_delete AFTER DELETE ON deliveries BEGIN ` + subtractDelivery + ` END`,
		`CREATE TRIGGER deliveries_counted_update AFTER UPDATE OF push_id, stage ON deliveries
		WHEN OLD.push_id IS NOT NEW.push_id OR OLD.stage IS NOT NEW.stage
		BEGIN ` + subtractDelivery + addDelivery + ` END`,
	}
}

// postgresCounterTriggers add to a row of the key no other transaction
// holds. Rows are inserted and deleted in bulk (a push's thousands of
// deliveries at once, history pruning, seeding), so those triggers run once
// per statement over its transition table, one addition per key: a
// per-row trigger would rewrite the same counter row thousands of times
// in one transaction. A state or a stage changes one row at a time, so
// those triggers run per row, and only when a counted column changed.
func postgresCounterTriggers() []string {
	return []string{
		`CREATE FUNCTION pushcheck_add_device_count(p_app BIGINT, p_vendor TEXT, p_platform TEXT, p_certificate BIGINT, p_state TEXT, p_delta BIGINT)
		RETURNS void LANGUAGE plpgsql AS $$
		DECLARE
			free_slot INTEGER;
		BEGIN
			SELECT slot INTO free_slot FROM device_counts
			WHERE app_id = p_app AND vendor = p_vendor AND platform = p_platform AND certificate_id = p_certificate AND state = p_state
			LIMIT 1 FOR UPDATE SKIP LOCKED;
			IF FOUND THEN
				UPDATE device_counts SET n = n + p_delta
				WHERE app_id = p_app AND vendor = p_vendor AND platform = p_platform AND certificate_id = p_certificate AND state = p_state
					AND slot = free_slot;
			ELSE
				-- Every row of the key is held (or there is none yet): a new
				-- row at a random slot, so two such transactions do not meet.
				INSERT INTO device_counts (app_id, vendor, platform, certificate_id, state, slot, n)
				VALUES (p_app, p_vendor, p_platform, p_certificate, p_state, floor(random() * 2147483647)::integer, p_delta)
				ON CONFLICT (app_id, vendor, platform, certificate_id, state, slot) DO UPDATE SET n = device_counts.n + excluded.n;
			END IF;
		END $$`,
		`CREATE FUNCTION pushcheck_count_inserted_devices() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pushcheck_add_device_count(app_id, vendor, platform, COALESCE(certificate_id, 0), state, COUNT(*)) FROM inserted
			GROUP BY app_id, vendor, platform, COALESCE(certificate_id, 0), state;
			RETURN NULL;
		END $$`,
		`CREATE FUNCTION pushcheck_count_deleted_devices() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pushcheck_add_device_count(app_id, vendor, platform, COALESCE(certificate_id, 0), state, -COUNT(*)) FROM deleted
			GROUP BY app_id, vendor, platform, COALESCE(certificate_id, 0), state;
			RETURN NULL;
		END $$`,
		`CREATE FUNCTION pushcheck_count_changed_device() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pushcheck_add_device_count(OLD.app_id, OLD.vendor, OLD.platform, COALESCE(OLD.certificate_id, 0), OLD.state, -1);
			PERFORM pushcheck_add_device_count(NEW.app_id, NEW.vendor, NEW.platform, COALESCE(NEW.certificate_id, 0), NEW.state, 1);
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER devices_counted_insert AFTER INSERT ON devices REFERENCING NEW TABLE AS inserted
		FOR EACH STATEMENT EXECUTE FUNCTION pushcheck_count_inserted_devices()`,
		`CREATE TRIGGER devices_counted_delete AFTER DELETE ON devices REFERENCING OLD TABLE AS deleted
		FOR EACH STATEMENT EXECUTE FUNCTION pushcheck_count_deleted_devices()`,
		// The WHEN clause is evaluated without calling the function: a
		// report that keeps the state costs nothing here.
		`CREATE TRIGGER devices_counted_update AFTER UPDATE OF app_id, vendor, platform, certificate_id, state ON devices FOR EACH ROW
		WHEN (OLD.app_id IS DISTINCT FROM NEW.app_id OR OLD.vendor IS DISTINCT FROM NEW.vendor OR OLD.platform IS DISTINCT FROM NEW.platform
			OR OLD.certificate_id IS DISTINCT FROM NEW.certificate_id OR OLD.state IS DISTINCT FROM NEW.state)
		EXECUTE FUNCTION pushcheck_count_changed_device()`,

		`CREATE FUNCTION pushcheck_add_stage_count(p_push BIGINT, p_stage TEXT, p_delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
		DECLARE
			free_slot INTEGER;
		BEGIN
			SELECT slot INTO free_slot FROM push_stage_counts WHERE push_id = p_push AND stage = p_stage
			LIMIT 1 FOR UPDATE SKIP LOCKED;
			IF FOUND THEN
				UPDATE push_stage_counts SET n = n + p_delta WHERE push_id = p_push AND stage = p_stage AND slot = free_slot;
			ELSE
				INSERT INTO push_stage_counts (push_id, stage, slot, n)
				VALUES (p_push, p_stage, floor(random() * 2147483647)::integer, p_delta)
				ON CONFLICT (push_id, stage, slot) DO UPDATE SET n = push_stage_counts.n + excluded.n;
			END IF;
		END $$`,
		`CREATE FUNCTION pushcheck_count_inserted_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pushcheck_add_stage_count(push_id, stage, COUNT(*)) FROM inserted GROUP BY push_id, stage;
			RETURN NULL;
		END $$`,
		// A push deleted with its deliveries (ON DELETE CASCADE) takes its
		// counters with it: there is nothing left to subtract from.
		`CREATE FUNCTION pushcheck_count_deleted_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pushcheck_add_stage_count(d.push_id, d.stage, -COUNT(*)) FROM deleted d
			WHERE EXISTS (SELECT 1 FROM pushes p WHERE p.id = d.push_id)
			GROUP BY d.push_id, d.stage;
			RETURN NULL;
		END $$`,
		`CREATE FUNCTION pushcheck_count_moved_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pushcheck_add_stage_count(OLD.push_id, OLD.stage, -1);
			PERFORM pushcheck_add_stage_count(NEW.push_id, NEW.stage, 1);
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER deliveries_counted_insert AFTER INSERT ON deliveries REFERENCING NEW TABLE AS inserted
		FOR EACH STATEMENT EXECUTE FUNCTION pushcheck_count_inserted_deliveries()`,
		`CREATE TRIGGER deliveries_counted_delete AFTER DELETE ON deliveries REFERENCING OLD TABLE AS deleted
		FOR EACH STATEMENT EXECUTE FUNCTION pushcheck_count_deleted_deliveries()`,
		`CREATE TRIGGER deliveries_counted_update AFTER UPDATE OF push_id, stage ON deliveries FOR EACH ROW
		WHEN (OLD.push_id IS DISTINCT FROM NEW.push_id OR OLD.stage IS DISTINCT FROM NEW.stage)
		EXECUTE FUNCTION pushcheck_count_moved_delivery()`,

		// Counter rows are rewritten on every change: room on the page keeps
		// those updates HOT. Devices leave room for the state reports' HOT
		// updates too.
		`ALTER TABLE device_counts SET (fillfactor = 50)`,
		`ALTER TABLE push_stage_counts SET (fillfactor = 50)`,
		`ALTER TABLE devices SET (fillfactor = 85)`,
	}
}
