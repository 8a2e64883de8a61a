package storage

// schemaV17 stops storing the trace steps pushcheck takes itself. A
// delivery's queued (or skipped), sent and answer steps are read from its
// row (models.Delivery.OwnSteps), which gains the two facts only the events
// held: when the call started (sent_at) and the trace's first line, the
// receipt plan (plan). The events of those steps are then deleted: only
// receipts and acks stay in delivery_events. A 10,000-device push writes
// a quarter of the rows it did.
const schemaV17 = `
ALTER TABLE deliveries ADD COLUMN sent_at {{ts}};
ALTER TABLE deliveries ADD COLUMN plan TEXT NOT NULL DEFAULT '';
UPDATE deliveries SET sent_at = (SELECT MIN(e.at) FROM delivery_events e
	WHERE e.delivery_id = deliveries.id AND e.stage = 'sent' AND e.source = 'pushcheck');
UPDATE deliveries SET plan = COALESCE((SELECT MIN(e.explanation) FROM delivery_events e
	WHERE e.delivery_id = deliveries.id AND e.stage = 'queued' AND e.source = 'pushcheck'), '');
DELETE FROM delivery_events WHERE delivery_id IS NOT NULL AND source IN ('pushcheck', 'vendor')
`

// schemaV17Whole moves PostgreSQL's stage counters from a trigger per
// delivery to one per statement: a wave's answers move 25 deliveries in
// one UPDATE, and the per-row trigger called the counter function twice
// for each of them. The statement's moves are summed per push and stage
// first (transition tables, which PostgreSQL allows only on triggers
// without a column list, hence every UPDATE; one that moves nothing adds
// nothing). The counter function still takes a row no other transaction
// holds, so no two waves wait on each other. SQLite keeps its per-row
// trigger: one writer, nothing to contend.
func schemaV17Whole(d Dialect) []string {
	if d != DialectPostgres {
		return nil
	}
	return []string{
		`DROP TRIGGER deliveries_counted_update ON deliveries`,
		`DROP FUNCTION pushcheck_count_moved_delivery()`,
		`CREATE FUNCTION pushcheck_count_moved_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pushcheck_add_stage_count(m.push_id, m.stage, SUM(m.delta)::bigint) FROM (
				SELECT o.push_id, o.stage, -1 AS delta FROM moved_from o JOIN moved_to n ON n.id = o.id
				WHERE o.stage IS DISTINCT FROM n.stage OR o.push_id IS DISTINCT FROM n.push_id
				UNION ALL
				SELECT n.push_id, n.stage, 1 AS delta FROM moved_from o JOIN moved_to n ON n.id = o.id
				WHERE o.stage IS DISTINCT FROM n.stage OR o.push_id IS DISTINCT FROM n.push_id
			) m
			GROUP BY m.push_id, m.stage HAVING SUM(m.delta) <> 0;
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER deliveries_counted_update AFTER UPDATE ON deliveries
		REFERENCING OLD TABLE AS moved_from NEW TABLE AS moved_to
		FOR EACH STATEMENT EXECUTE FUNCTION pushcheck_count_moved_deliveries()`,
	}
}
