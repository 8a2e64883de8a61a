package storage

import "testing"

// The two pools together open exactly the connections asked for, each at
// least one, the console one in four.
func TestConsoleShare(t *testing.T) {
	for total := 2; total <= 60; total++ {
		bulk, console := consoleShare(total)
		if bulk+console != total || bulk < 1 || console < 1 {
			t.Fatalf("%d connections: %d background + %d console", total, bulk, console)
		}
	}
	for total, want := range map[int]int{2: 1, 3: 1, 4: 2, 8: 2, 12: 3, 18: 4, 30: 7} {
		if _, console := consoleShare(total); console != want {
			t.Errorf("%d connections: %d for the console, want %d", total, console, want)
		}
	}
}
