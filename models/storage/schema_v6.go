package storage

// schemaV6 keeps what each vendor answer was about (models.AnswerKind):
// the verdict reads a device's per-device limits from it, and only a daily
// quota marks a certificate. Older rows keep an empty kind.
const schemaV6 = `
ALTER TABLE deliveries ADD COLUMN kind TEXT NOT NULL DEFAULT '';
`
