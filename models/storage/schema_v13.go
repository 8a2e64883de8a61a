package storage

// schemaV13 adds each operator's console language: empty follows the
// browser's Accept-Language, else "en" or "zh-CN".
const schemaV13 = `
ALTER TABLE operators ADD COLUMN language TEXT NOT NULL DEFAULT ''
`
