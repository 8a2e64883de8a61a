package storage

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// seedPhase runs fill in one transaction. On PostgreSQL, when the phase
// at least doubles its tables, their plain (non-unique) indexes are
// dropped first and rebuilt at the end, inside the same transaction: one
// sort per index is several times faster than a million random index
// insertions, and a failure rolls the drop back with the rows. Unique
// indexes and primary keys stay, so the phase's own lookups and duplicate
// checks still work.
func (s *Store) seedPhase(ctx context.Context, rows int64, step func(string, int64, int64), tables []string, fill func(tx *gorm.DB) error) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var rebuild []seedIndex
		if s.dialect == DialectPostgres {
			// Compiling each big statement costs more than it saves.
			if err := tx.Exec(`SET LOCAL jit = off`).Error; err != nil {
				return fmt.Errorf("store: seed: jit off: %w", err)
			}
			var err error
			if rebuild, err = dropPlainIndexes(tx, rows, tables); err != nil {
				return err
			}
		}
		if err := fill(tx); err != nil {
			return err
		}
		if len(rebuild) == 0 {
			return nil
		}
		// More sort memory than the default 64MB keeps each build's sort
		// off disk; SET LOCAL ends with the transaction.
		if err := tx.Exec(`SET LOCAL maintenance_work_mem = '256MB'`).Error; err != nil {
			return fmt.Errorf("store: seed: sort memory: %w", err)
		}
		for i, ix := range rebuild {
			if err := tx.Exec(ix.Definition).Error; err != nil {
				return fmt.Errorf("store: seed: rebuild index %s: %w", ix.Name, err)
			}
			step("indexes", int64(i+1), int64(len(rebuild)))
		}
		return nil
	})
}

type seedIndex struct {
	Name, Definition string
}

// dropPlainIndexes drops the non-unique indexes of the tables that hold
// fewer rows than the phase adds, returning how to rebuild them. The
// definitions come from the catalog, so indexes added by later migrations
// are rebuilt as they are.
func dropPlainIndexes(tx *gorm.DB, rows int64, tables []string) ([]seedIndex, error) {
	var small []string
	for _, t := range tables {
		var n float64
		err := tx.Raw(`SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)`, t).Scan(&n).Error
		if err != nil {
			return nil, fmt.Errorf("store: seed: size of %s: %w", t, err)
		}
		if n < float64(rows) {
			small = append(small, t)
		}
	}
	if len(small) == 0 {
		return nil, nil
	}
	var out []seedIndex
	err := tx.Raw(`SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
		WHERE x.indrelid = ANY (SELECT to_regclass(t) FROM unnest(CAST(? AS text[])) AS t)
			AND NOT x.indisunique AND NOT x.indisprimary
		ORDER BY i.relname`, "{"+strings.Join(small, ",")+"}").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: seed: list indexes: %w", err)
	}
	for _, ix := range out {
		if err := tx.Exec(`DROP INDEX ` + quoteIdent(ix.Name)).Error; err != nil {
			return nil, fmt.Errorf("store: seed: drop index %s: %w", ix.Name, err)
		}
	}
	return out, nil
}

// quoteIdent quotes a catalog name for DDL.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
