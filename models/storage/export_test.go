package storage

import "context"

// MigrateTo applies the migrations up to version, so that a test can write
// rows the way an older release did before the next migration runs.
func (s *Store) MigrateTo(ctx context.Context, version int) error { return s.migrate(ctx, version) }
