package sending

import "testing"

// A push's answers wake its waiters, and only its; a waiter that gives up
// leaves nothing behind.
func TestAnswersWakeThePushsWaiters(t *testing.T) {
	a := newAnswers()
	first, releaseFirst := a.next(1)
	second, releaseSecond := a.next(1)
	other, releaseOther := a.next(2)
	a.came(1)
	a.came(3)
	for i, ch := range []<-chan struct{}{first, second} {
		select {
		case <-ch:
		default:
			t.Fatalf("waiter %d of push 1 was not woken", i+1)
		}
	}
	select {
	case <-other:
		t.Fatal("push 1's answers woke push 2's waiter")
	default:
	}
	releaseFirst()
	releaseSecond()
	again, releaseAgain := a.next(1)
	select {
	case <-again:
		t.Fatal("a new wait was woken by answers that came before it")
	default:
	}
	releaseAgain()
	releaseOther()
	if len(a.waiting) != 0 {
		t.Fatalf("%d pushes still have waiters after every wait ended", len(a.waiting))
	}
}
