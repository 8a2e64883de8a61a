package storage

// schemaV18 indexes foreground devices by certificate too. The device
// list splits foreground devices into fresh and stale with counts bounded
// at models.DeviceCountCap, walking the foreground devices by last seen;
// narrowed to one certificate, that walk passed over every other
// certificate's devices to find its own, reading each from the table (a
// foreground device's row is rarely all-visible): 40 ms a list for a
// certificate with a twentieth of a million devices. Keyed by certificate,
// the walk reads only the certificate's devices.
const schemaV18 = `
CREATE INDEX devices_foreground_certificate ON devices (app_id, certificate_id, last_seen_at) WHERE state = 'foreground'
`
