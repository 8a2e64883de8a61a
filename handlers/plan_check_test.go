package handlers_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// planNode is a node of PostgreSQL's EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType  string     `json:"Node Type"`
	TotalCost float64    `json:"Total Cost"`
	Rows      float64    `json:"Plan Rows"`
	Relation  string     `json:"Relation Name"`
	Index     string     `json:"Index Name"`
	IndexCond string     `json:"Index Cond"`
	Recheck   string     `json:"Recheck Cond"`
	Filter    string     `json:"Filter"`
	Plans     []planNode `json:"Plans"`
}

// bigTables grow with devices and pushes: a page must not read one of
// them whole, nor an app's whole part of it.
func bigTables() []string {
	return []string{"devices", "deliveries", "device_events", "delivery_events", "pushes"}
}

// Nodes that read all their input before they return a row: a Limit above
// one does not bound the scans below it.
func blocking(nodeType string) bool {
	return slices.Contains([]string{"Sort", "Aggregate", "Hash", "Materialize", "SetOp", "WindowAgg", "Gather Merge"}, nodeType)
}

// planProblems lists the scans of a plan that read a big table whole (see
// scanProblem).
func planProblems(plan string) ([]string, error) {
	var top []struct{ Plan planNode }
	if err := json.Unmarshal([]byte(plan), &top); err != nil || len(top) != 1 {
		return nil, fmt.Errorf("not a JSON plan (%v): %s", err, plan)
	}
	var out []string
	// stop is the share of a node's cost a Limit above it lets it spend:
	// 1 when nothing stops it early.
	var walk func(n planNode, relation string, stop float64)
	walk = func(n planNode, relation string, stop float64) {
		if n.Relation != "" {
			relation = n.Relation
		}
		if slices.Contains(bigTables(), relation) {
			if problem := scanProblem(n, relation, stop); problem != "" {
				out = append(out, problem)
			}
		}
		switch {
		case n.NodeType == "Limit" && len(n.Plans) == 1 && n.Plans[0].TotalCost > 0:
			stop = min(stop, n.TotalCost/n.Plans[0].TotalCost)
		case blocking(n.NodeType):
			stop = 1
		}
		// Bitmap index scans name no table: theirs is the heap scan's.
		inherited := ""
		if slices.Contains([]string{"Bitmap Heap Scan", "BitmapOr", "BitmapAnd"}, n.NodeType) {
			inherited = relation
		}
		for i, child := range n.Plans {
			childStop := stop
			if n.NodeType == "Nested Loop" && i == 1 {
				childStop = 1 // the inner side runs whole, once per outer row
			}
			walk(child, inherited, childStop)
		}
	}
	walk(top[0].Plan, "", 1)
	return out, nil
}

// scanProblem says how a scan of a big table reads it whole, if it does:
// sequentially, or through an index that does not narrow to what the
// query wants (only to the app, by a column that does not lead the index,
// or not at all: what the planner falls back to with sequential scans
// off). The planner's own estimates tell: such a scan costs much for the
// few rows it returns. A Limit above may stop an ordered walk early (the
// newest devices, the newest of a frequent vendor): what counts is the
// share of the scan the Limit lets it spend.
func scanProblem(n planNode, relation string, stop float64) string {
	switch n.NodeType {
	case "Seq Scan":
		return "Seq Scan on " + relation
	case "Index Scan", "Index Only Scan":
	case "Bitmap Heap Scan":
		stop = 1 // a bitmap is built whole
	default:
		return ""
	}
	spend, rows := stop*n.TotalCost, max(stop*n.Rows, 1)
	if spend < 500 || spend < 20*rows {
		return ""
	}
	return fmt.Sprintf("%s %s on %s reads much for little (condition %q, filter %q): estimated cost %.0f for %.0f rows",
		n.NodeType, n.Index, relation, n.IndexCond+n.Recheck, n.Filter, spend, rows)
}

// planOutline is a plan as EXPLAIN's text shows it, shortly: one node a
// line, with its index, table, condition, filter and cost.
func planOutline(plan string) string {
	var top []struct{ Plan planNode }
	if err := json.Unmarshal([]byte(plan), &top); err != nil || len(top) != 1 {
		return plan
	}
	var b strings.Builder
	var write func(n planNode, depth int)
	write = func(n planNode, depth int) {
		fmt.Fprintf(&b, "\n%s-> %s", strings.Repeat("  ", depth), n.NodeType)
		if n.Index != "" {
			b.WriteString(" using " + n.Index)
		}
		if n.Relation != "" {
			b.WriteString(" on " + n.Relation)
		}
		fmt.Fprintf(&b, " (cost %.0f, rows %.0f)", n.TotalCost, n.Rows)
		if c := n.IndexCond + n.Recheck; c != "" {
			b.WriteString(" cond " + c)
		}
		if n.Filter != "" {
			b.WriteString(" filter " + n.Filter)
		}
		for _, child := range n.Plans {
			write(child, depth+1)
		}
	}
	write(top[0].Plan, 0)
	return b.String()
}
