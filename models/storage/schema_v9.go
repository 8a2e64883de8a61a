package storage

// schemaV9 lets a state report run as one statement: previous_state holds
// the state before the latest report. The report's UPDATE sets it from the
// row it locked, so RETURNING tells whether the state changed, and whether
// to add a timeline entry, without a SELECT … FOR UPDATE first
// (PostgreSQL before 18 cannot return a column's old value).
const schemaV9 = `
ALTER TABLE devices ADD COLUMN previous_state TEXT NOT NULL DEFAULT ''
`
