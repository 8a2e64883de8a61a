package views

import "testing"

func TestCountLabelMarksLowerBounds(t *testing.T) {
	for _, c := range []struct {
		n       int64
		atLeast bool
		want    string
	}{
		{0, false, "0"}, {12345, false, "12345"}, {10000, true, "10,000+"}, {999, true, "999+"}, {1234567, true, "1,234,567+"},
	} {
		if got := CountLabel(c.n, c.atLeast); got != c.want {
			t.Errorf("CountLabel(%d, %v) = %q, want %q", c.n, c.atLeast, got, c.want)
		}
	}
}

func TestCountsSayOneOrMany(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Count(1, "blocker", "blockers"), "1 blocker"},
		{Count(0, "blocker", "blockers"), "0 blockers"},
		{Count(3, "device", "devices"), "3 devices"},
		{allDevices(1), "its only device"},
		{allDevices(4), "all 4 devices"},
		{groupSize(1), "its only device"},
		{lintCounts(1, 0), "1 blocker"},
		{lintCounts(0, 2), "2 warnings"},
		{lintCounts(2, 1), "2 blockers, 1 warning"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
