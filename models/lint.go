package models

import "slices"

// Lint is a composed push checked before sending: findings about the
// message itself, then one entry per vendor certificate among the targets.
type Lint struct {
	Message []Warning    `json:"message"`
	Targets []TargetLint `json:"targets"`
}

// TargetLint is what one certificate's vendor says about the message, with
// the certificate's quota today in the message's class.
type TargetLint struct {
	Vendor          Vendor       `json:"vendor"`
	CertificateID   int64        `json:"certificate_id"`
	CertificateName string       `json:"certificate_name"`
	Devices         []string     `json:"devices"`
	Class           MessageClass `json:"class"`
	Quota           QuotaUsage   `json:"quota"`
	Warnings        []Warning    `json:"warnings"`
}

// Count is the number of findings, blockers first in the composer. Notes
// are not counted: they flag nothing.
func (l Lint) Count() (blockers, warnings int) {
	count := func(ws []Warning) {
		for _, w := range ws {
			switch w.Level {
			case LevelBlocker:
				blockers++
			case LevelWarning:
				warnings++
			}
		}
	}
	count(l.Message)
	for _, t := range l.Targets {
		count(t.Warnings)
	}
	return blockers, warnings
}

// Target is the lint of one certificate among the targets.
func (l Lint) Target(id int64) (TargetLint, bool) {
	for _, t := range l.Targets {
		if t.CertificateID == id {
			return t, true
		}
	}
	return TargetLint{}, false
}

// WarningsFor is what a delivery on target t stores: the message's
// findings and the certificate's.
func (l Lint) WarningsFor(t TargetLint) []Warning {
	return append(slices.Clone(l.Message), t.Warnings...)
}

// Blockers are the messages of the findings that stop a send until the
// operator confirms it.
func (l Lint) Blockers() []string {
	var out []string
	for _, w := range l.Message {
		if w.Level == LevelBlocker {
			out = append(out, w.Message)
		}
	}
	for _, t := range l.Targets {
		for _, w := range t.Warnings {
			if w.Level == LevelBlocker {
				out = append(out, w.Message)
			}
		}
	}
	return out
}
