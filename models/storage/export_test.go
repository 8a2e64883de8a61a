package storage

import "context"

// MigrateTo applies the migrations up to version, so that a test can write
// rows the way an older release did before the next migration runs.
func (s *Store) MigrateTo(ctx context.Context, version int) error { return s.migrate(ctx, version) }

// CountRows counts a table's rows, for tests of what a migration leaves.
func (s *Store) CountRows(ctx context.Context, table string) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Table(table).Count(&n).Error
	return n, err
}
