package storage

// schemaV11 freezes the devices table with a report, as the user's page
// showed it when the report was made (JSON; NULL for reports made before it).
const schemaV11 = `
ALTER TABLE reports ADD COLUMN devices TEXT
`
