package vendors

import (
	"context"
	"strings"
	"time"
)

// TokenScript is what a sandbox token asks the Android vendors' emulators to
// answer (README "Sandbox"): a token containing the word gets the
// vendor's own code for it. APNs uses hex markers instead, as its tokens
// are hex.
type TokenScript string

const (
	ScriptNone         TokenScript = ""
	ScriptUnregistered TokenScript = "unregistered" // the vendor's invalid-token answer
	ScriptQuota        TokenScript = "quota"        // the vendor's daily-limit answer
	ScriptSlow         TokenScript = "slow"         // answers after a delay
	ScriptDown         TokenScript = "down"         // the vendor's busy / unavailable answer
)

// TokenScriptOf reads a token's script.
func TokenScriptOf(token string) TokenScript {
	for _, s := range []TokenScript{ScriptUnregistered, ScriptQuota, ScriptSlow, ScriptDown} {
		if strings.Contains(token, string(s)) {
			return s
		}
	}
	return ScriptNone
}

// Sleep waits d, or until the client hangs up; it reports whether the
// client is still there.
func Sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-time.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}

// ReceiptScript is what a sandbox token asks the emulators' receipts to
// say, for the vendors that send receipts (README "Sandbox").
type ReceiptScript string

const (
	ReceiptDelivered        ReceiptScript = ""          // delivered, a moment after the send
	ReceiptNone             ReceiptScript = "noreceipt" // accepted, and no receipt ever comes
	ReceiptNotificationsOff ReceiptScript = "notifoff"  // not shown: notifications are off
	ReceiptInactive         ReceiptScript = "inactive"  // not delivered: the token is dead
)

// ReceiptScriptOf reads a token's receipt script.
func ReceiptScriptOf(token string) ReceiptScript {
	for _, s := range []ReceiptScript{ReceiptNone, ReceiptNotificationsOff, ReceiptInactive} {
		if strings.Contains(token, string(s)) {
			return s
		}
	}
	return ReceiptDelivered
}
