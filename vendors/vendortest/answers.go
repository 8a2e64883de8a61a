package vendortest

import (
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Answer is one vendor answer a sender must read right: what is sent, and
// the code, outcome and kind expected back.
type Answer struct {
	Name, Token string
	Msg         vendors.Message
	Code        string
	Outcome     vendors.Outcome
	Kind        models.AnswerKind
}

// Send is a sender bound to a certificate.
type Send func(msg vendors.Message, token string) vendors.Result

// CheckAnswers sends each case and checks the reading, which must always
// come with an explanation and a fix.
func CheckAnswers(t *testing.T, send Send, cases []Answer) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			r := send(tc.Msg, tc.Token)
			if r.Code != tc.Code || r.Outcome != tc.Outcome || r.Kind != tc.Kind || r.Explanation == "" || r.Fix == "" {
				t.Fatalf("result: %+v", r)
			}
		})
	}
}

// CheckTimesOut sends to a "slow" scripted token through a sender with a
// short call timeout and expects the timeout explained.
func CheckTimesOut(t *testing.T, send Send, token string) {
	t.Helper()
	if r := send(vendors.Message{Title: "t", Desc: "d"}, token); r.Outcome != vendors.Failed || !strings.Contains(r.Explanation, "did not answer within") {
		t.Fatalf("slow: %+v", r)
	}
}

// A is one Answer, positionally, for compact tables.
func A(name, token string, msg vendors.Message, code string, outcome vendors.Outcome, kind models.AnswerKind) Answer {
	return Answer{Name: name, Token: token, Msg: msg, Code: code, Outcome: outcome, Kind: kind}
}
