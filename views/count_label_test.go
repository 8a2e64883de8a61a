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
