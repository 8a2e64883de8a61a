package storage

import (
	"fmt"
	"strings"
	"time"
)

// seedSQL writes the few expressions the scale seed needs in the store's
// dialect. Every value it inlines is an integer or a timestamp computed
// here, never caller text, so the statements stay plain SQL that each
// database runs in one go.
type seedSQL struct {
	postgres bool
	now      int64 // Unix seconds every "ago" counts back from
}

func newSeedSQL(d Dialect, now time.Time) seedSQL {
	return seedSQL{postgres: d == DialectPostgres, now: now.Unix()}
}

// series is a row source of integers lo..hi in column n: generate_series on
// PostgreSQL, a recursive CTE on SQLite (which has no generate_series built
// in).
func (q seedSQL) series(lo, hi int64, alias string) string {
	if q.postgres {
		return fmt.Sprintf("generate_series(%d::bigint, %d::bigint) AS %s(n)", lo, hi, alias)
	}
	return fmt.Sprintf("(WITH RECURSIVE c(n) AS (SELECT %d UNION ALL SELECT n+1 FROM c WHERE n < %d) SELECT n FROM c) AS %s", lo, hi, alias)
}

// padded is prefix followed by expr zero-padded to width digits
// ("d0000042").
func (q seedSQL) padded(prefix, expr string, width int) string {
	if q.postgres {
		return fmt.Sprintf("('%s' || lpad((%s)::text, %d, '0'))", prefix, expr, width)
	}
	return fmt.Sprintf("printf('%s%%0%dd', %s)", prefix, width, expr)
}

// hex32 is 32 lowercase hex digits without '0' or 'e', so no token can
// carry one of the APNs emulator's scripted markers (deaddead, feedbeef,
// d0d0d0d0, 51015101) by chance. PostgreSQL derives them from the row; SQLite
// has no md5 and draws them at random.
func (q seedSQL) hex32(salt, expr string) string {
	if q.postgres {
		return fmt.Sprintf("translate(md5('%s' || (%s)::text), '0e', 'ac')", salt, expr)
	}
	return "replace(replace(lower(hex(randomblob(16))), '0', 'a'), 'e', 'c')"
}

// at is the timestamp of a Unix-seconds expression, in the form each
// database's driver reads back (SQLite stores text with a UTC offset).
func (q seedSQL) at(epoch string) string {
	if q.postgres {
		return fmt.Sprintf("to_timestamp(%s)", epoch)
	}
	return fmt.Sprintf("(datetime(%s, 'unixepoch') || '+00:00')", epoch)
}

// ago is the timestamp secs seconds before the seed's now.
func (q seedSQL) ago(secs string) string { return q.at(fmt.Sprintf("%d - (%s)", q.now, secs)) }

// epoch is the Unix seconds of a timestamp column.
func (q seedSQL) epoch(col string) string {
	if q.postgres {
		return fmt.Sprintf("CAST(EXTRACT(EPOCH FROM %s) AS bigint)", col)
	}
	return fmt.Sprintf("CAST(strftime('%%s', %s) AS INTEGER)", col)
}

// number is the integer after the first skip characters of a text column
// ("d0000042" → 42).
func (q seedSQL) number(col string, skip int) string {
	if q.postgres {
		return fmt.Sprintf("CAST(substr(%s, %d) AS bigint)", col, skip+1)
	}
	return fmt.Sprintf("CAST(substr(%s, %d) AS INTEGER)", col, skip+1)
}

// bucket spreads row numbers pseudo-randomly over 0..99. Each attribute
// uses its own multiplier, so vendor, state and stage are not correlated.
func bucket(expr string, mult int64) string {
	return fmt.Sprintf("(((%s) * %d) %% 1000003 %% 100)", expr, mult)
}

// Multipliers for bucket, one per attribute.
const (
	multVendor   = 2654435761
	multState    = 2246822519
	multFresh    = 3266489917
	multStage    = 668265263
	multEvent    = 374761393
	multPushSize = 1181783497
)

// pick is a CASE over bucket b: the first choice whose cumulative share
// (in percent) exceeds b.
func pick(b string, choices []seedChoice) string {
	var sb strings.Builder
	sb.WriteString("CASE")
	total := 0
	for i, c := range choices {
		total += c.percent
		if i == len(choices)-1 {
			fmt.Fprintf(&sb, " ELSE %s END", c.sql)
			break
		}
		fmt.Fprintf(&sb, " WHEN %s < %d THEN %s", b, total, c.sql)
	}
	return sb.String()
}

type seedChoice struct {
	percent int
	sql     string
}
