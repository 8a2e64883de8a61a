package vivo

import (
	"fmt"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// Diagnose adds vivo's publication state, its class and time window, and
// the per-user operation cap.
func (ch *Channel) Diagnose(in models.DiagnosisInput) []models.Check {
	return []models.Check{publicationCheck(in), classCheck(in), vendors.DeviceCapOf(in, operationCap)}
}

func publicationCheck(in models.DiagnosisInput) models.Check {
	const id, title = "vivo_publication", "vivo app publication"
	c := in.Certificate
	if !c.Settings.Unpublished {
		return models.Pass(id, title, fmt.Sprintf("certificate #%d is for an app published on the vivo store: formal pushes", c.ID)).
			Says(models.Tf("verdict.vivo.publication.pass", "ID", c.ID))
	}
	return models.Warn(id, title, fmt.Sprintf("certificate #%d is for an app not yet published on the vivo store: vivo sends only test pushes, to registered test devices", c.ID),
		"register this device's regId as a test device in the vivo console, or publish the app", "only receives if registered as a vivo test device").
		Says(models.Tf("verdict.vivo.publication.unpublished.evidence", "ID", c.ID),
			models.T("verdict.vivo.publication.unpublished.fix"), models.T("verdict.vivo.publication.unpublished.cause"))
}

func classCheck(in models.DiagnosisInput) models.Check {
	const id, title = "message_class", "vivo message class"
	c := in.Certificate
	switch {
	case in.Class == models.ClassService:
		return models.Pass(id, title, fmt.Sprintf("category %s on #%d: system message, any time, no per-user cap", c.Settings.Category, c.ID)).
			Says(models.Tf("verdict.vivo.class.system", "Category", c.Settings.Category, "ID", c.ID))
	case in.Class == models.ClassTest:
		return models.Pass(id, title, "test pushes are outside the classes and caps").Says(models.T("verdict.vivo.class.test"))
	case !inOperationWindow(in.When()):
		return models.Fail(id, title, fmt.Sprintf("operation message (category %s on #%d) at %s Beijing time: vivo delivers operation messages only 07:00-23:00",
			vendors.OrNone(c.Settings.Category), c.ID, models.VendorTime(models.VendorVivo, in.When()).Format("15:04")),
			"set a system category such as IM on the certificate (classification 1); until then, wait for 07:00", "gets operation messages only 07:00-23:00").
			Says(models.Tf("verdict.vivo.class.night.evidence", "Category", vendors.OrNoneText(c.Settings.Category), "ID", c.ID, "Time", models.VendorTime(models.VendorVivo, in.When()).Format("15:04")),
				models.T("verdict.vivo.class.night.fix"), models.T("verdict.vivo.class.night.cause"))
	}
	return models.Warn(id, title, fmt.Sprintf("operation message (category %s on #%d): delivered only 07:00-23:00 Beijing time, at most %d a day per user", vendors.OrNone(c.Settings.Category), c.ID, operationCap),
		"set a system category such as IM on the certificate (classification 1)", "is sent as vivo operation messages (time window, capped)").
		Says(models.Tf("verdict.vivo.class.operation.evidence", "Category", vendors.OrNoneText(c.Settings.Category), "ID", c.ID, "Cap", operationCap),
			models.T("verdict.vivo.class.operation.fix"), models.T("verdict.vivo.class.operation.cause"))
}
