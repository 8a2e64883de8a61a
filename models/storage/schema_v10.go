package storage

// schemaV10 makes a state report cheap enough to run at the database's
// own speed:
//   - previous_state holds the state before the latest report. The report's
//     single UPDATE sets it from the row it locks, so RETURNING tells
//     whether the state changed without a separate SELECT … FOR UPDATE
//     (PostgreSQL before 18 cannot return a column's old value).
//   - No index of devices covers state or last_seen_at any more, and
//     PostgreSQL leaves a fifth of each page free: a report then updates
//     its row in place (a HOT update) instead of adding an entry to each
//     of the table's indexes. Lists filtered by state walk the (app_id, id)
//     index and stop after a page; counts by state come from elsewhere.
const schemaV10 = `
ALTER TABLE devices ADD COLUMN previous_state TEXT NOT NULL DEFAULT '';
DROP INDEX devices_app_state;
DROP INDEX devices_app_vendor_state;
DROP INDEX devices_app_state_seen;
{{devices_fillfactor}}
`
