package storage

import "testing"

// The two pools together open exactly the connections asked for, each at
// least one, the console six (half of them below twelve).
func TestConsoleShare(t *testing.T) {
	for total := 2; total <= 60; total++ {
		bulk, console := consoleShare(total)
		if bulk+console != total || bulk < 1 || console < 1 {
			t.Fatalf("%d connections: %d background + %d console", total, bulk, console)
		}
	}
	for total, want := range map[int]int{2: 1, 3: 1, 4: 2, 8: 4, 11: 5, 12: 6, 14: 6, 30: 6} {
		if _, console := consoleShare(total); console != want {
			t.Errorf("%d connections: %d for the console, want %d", total, console, want)
		}
	}
}

// Unless told, an instance opens the console's six and four a core for
// background work, eight at least and thirty in all at most.
func TestDefaultPoolSize(t *testing.T) {
	for cores, want := range map[int]int{1: 14, 2: 14, 3: 18, 4: 22, 6: 30, 64: 30} {
		if got := DefaultPoolSize(cores); got != want {
			t.Errorf("%d cores: %d connections, want %d", cores, got, want)
		}
	}
}
