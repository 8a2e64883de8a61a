package fcm

import "github.com/pushcheck/pushcheck/models"

// Diagnose adds nothing: FCM has no message classes or daily caps per
// device that the console can see.
func (*Channel) Diagnose(models.DiagnosisInput) []models.Check { return nil }
