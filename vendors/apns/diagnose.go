package apns

import "github.com/pushcheck/pushcheck/models"

// Diagnose adds nothing: the APNs links (the build's environment against
// the certificate's host) are vendor-neutral checks in models, and APNs
// has no classes or daily caps.
func (*Channel) Diagnose(models.DiagnosisInput) []models.Check { return nil }
