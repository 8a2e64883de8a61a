package vendors

import (
	"github.com/pushcheck/pushcheck/models"
)

// DiagnoseDevice runs one device's checks in chain order: binding,
// credentials, state and permission; then the vendor's rules and today's
// quota; then the missed message.
func (r *Registry) DiagnoseDevice(in models.DiagnosisInput) models.DeviceVerdict {
	dev := in.Device
	checks := models.DeviceChecks(in)
	if in.CertificateUsable() {
		ch := r.channels[dev.Vendor]
		in.Class = ch.Class(MessageOf(in.Message), *in.Certificate)
		checks = append(checks, ch.Diagnose(in)...)
		checks = append(checks, models.QuotaCheck(in))
	}
	checks = append(checks, models.MessageChecks(in)...)
	v := models.DeviceVerdict{DeviceID: dev.DeviceID, Vendor: dev.Vendor, Name: dev.Vendor.Label() + " " + dev.Title(),
		CertificateID: dev.CertificateID, Checks: checks, Receives: true}
	for _, c := range checks {
		if c.Status == models.CheckFail {
			v.Receives = false
		}
	}
	return v
}

// MessageOf is the missed message as the vendors' rules read it: what the
// IM server would send, with the certificate's defaults for the rest.
func MessageOf(m models.MissedMessage) Message {
	msg := Message{Desc: m.Desc, Ext: m.Ext}
	msg.OPPO.ChannelID = m.OPPOChannelID
	return msg
}
