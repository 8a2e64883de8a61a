package storage

import "testing"

// A group never holds two reports of one device: the later ones wait for
// the next group, in the order they came.
func TestFirstOfEachDevice(t *testing.T) {
	r := func(app int64, device string) *stateRequest { return &stateRequest{appID: app, deviceID: device} }
	a1, b1, a2, c1, a3, otherApp := r(1, "a"), r(1, "b"), r(1, "a"), r(1, "c"), r(1, "a"), r(2, "a")
	first, later := firstOfEachDevice([]*stateRequest{a1, b1, a2, c1, a3, otherApp})
	if len(first) != 4 || first[0] != a1 || first[1] != b1 || first[2] != c1 || first[3] != otherApp {
		t.Fatalf("first = %v", first)
	}
	if len(later) != 2 || later[0] != a2 || later[1] != a3 {
		t.Fatalf("later = %v", later)
	}
	// The carried reports go through the same split again: a2 now, a3 after.
	first, later = firstOfEachDevice(later)
	if len(first) != 1 || first[0] != a2 || len(later) != 1 || later[0] != a3 {
		t.Fatalf("second round: %v then %v", first, later)
	}
}
