package storage

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Query is one statement the store ran, as the database received it.
type Query struct {
	SQL  string
	Vars []any
}

// ObserveQueries calls fn with every query that reads (SELECT, WITH) the
// store runs from now on, from any goroutine: a test captures what its
// pages and API calls really run and checks their plans. Once per store.
func (s *Store) ObserveQueries(fn func(Query)) error {
	observe := func(db *gorm.DB) {
		if db.DryRun {
			return // a subquery being built into its query, not run
		}
		sql := strings.TrimSpace(db.Statement.SQL.String())
		head := strings.ToUpper(sql[:min(len(sql), 6)])
		if db.Error == nil && (head == "SELECT" || strings.HasPrefix(head, "WITH")) {
			fn(Query{SQL: sql, Vars: append([]any(nil), db.Statement.Vars...)})
		}
	}
	if err := s.db.Callback().Query().After("gorm:query").Register("pushcheck:observe_query", observe); err != nil {
		return fmt.Errorf("store: observe queries: %w", err)
	}
	if err := s.db.Callback().Row().After("gorm:row").Register("pushcheck:observe_row", observe); err != nil {
		return fmt.Errorf("store: observe queries: %w", err)
	}
	return nil
}

// PlanWithoutSeqScans is PostgreSQL's plan for q, in EXPLAIN's JSON
// format, with sequential scans priced out (enable_seqscan off): a "Seq
// Scan" left in it is one no index can replace.
func (s *Store) PlanWithoutSeqScans(ctx context.Context, q Query) (string, error) {
	if s.dialect != DialectPostgres {
		return "", fmt.Errorf("store: plans are PostgreSQL's, this store is %s", s.dialect)
	}
	var lines []string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
			return err
		}
		// The connection itself: the statement already has its $n
		// placeholders, which gorm would not leave alone.
		rows, err := tx.Statement.ConnPool.QueryContext(ctx, "EXPLAIN (FORMAT JSON) "+q.SQL, q.Vars...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			lines = append(lines, line)
		}
		return rows.Err()
	})
	if err != nil {
		return "", fmt.Errorf("store: plan of %s: %w", q.SQL, err)
	}
	return strings.Join(lines, "\n"), nil
}
