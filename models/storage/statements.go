package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// statements keeps prepared statements the hot paths run again and again
// with the same text (a wave's answers: one text per wave size). The
// SQLite driver parses a statement each time it is run unless it is
// prepared, and parsing a wave's 350-placeholder UPDATE costs as much as
// running it. PostgreSQL's driver caches its statements itself.
type statements struct {
	mu     sync.Mutex
	db     *sql.DB
	byText map[string]*sql.Stmt
}

// maxStatements bounds the cache: wave sizes are bounded, so a handful
// of texts are ever used; past the bound a text is prepared per use.
const maxStatements = 64

func newStatements(db *sql.DB) *statements {
	return &statements{db: db, byText: map[string]*sql.Stmt{}}
}

// get returns the statement for text, prepared once; ok is false (run
// the text as it is) when there is no cache (PostgreSQL) or it is full. It
// must be called outside a transaction: on SQLite the transaction holds
// the one connection a prepare needs.
func (c *statements) get(ctx context.Context, text string) (stmt *sql.Stmt, ok bool, err error) {
	if c == nil {
		return nil, false, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if stmt, ok := c.byText[text]; ok {
		return stmt, true, nil
	}
	if len(c.byText) >= maxStatements {
		return nil, false, nil
	}
	if stmt, err = c.db.PrepareContext(ctx, text); err != nil {
		return nil, false, fmt.Errorf("prepare: %w", err)
	}
	c.byText[text] = stmt
	return stmt, true, nil
}

// close closes every prepared statement.
func (c *statements) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var first error
	for text, stmt := range c.byText {
		if err := stmt.Close(); err != nil && first == nil {
			first = err
		}
		delete(c.byText, text)
	}
	return first
}
