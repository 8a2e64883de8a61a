package storage

// schemaV10 keeps an iOS device's PushKit (VoIP) token, which call
// invitations go to: it is a second token, not the alert token.
const schemaV10 = `
ALTER TABLE devices ADD COLUMN voip_token TEXT NOT NULL DEFAULT ''
`
