package sending

import (
	"context"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// prepare loads what a chunk's queued deliveries are sent with: devices
// and certificates in one query each, credentials opened once per
// certificate. A delivery that cannot be sent any more (device deleted,
// token changed since the push, certificate gone, credentials that do not
// open) comes back answered, without a call.
func (d *Dispatcher) prepare(ctx context.Context, appID int64, queued []models.Delivery) ([]call, []models.Delivery, error) {
	pks := make([]int64, len(queued))
	var certIDs []int64
	for i, dl := range queued {
		pks[i] = dl.DevicePK
		if dl.CertificateID != nil {
			certIDs = append(certIDs, *dl.CertificateID)
		}
	}
	devices, err := d.store.DevicesToSend(ctx, appID, pks)
	if err != nil {
		return nil, nil, err
	}
	certs, err := d.store.CertificatesByID(ctx, appID, certIDs)
	if err != nil {
		return nil, nil, err
	}
	opened := map[int64]models.CertificateSecrets{}
	openErrs := map[int64]error{}
	var calls []call
	var finished []models.Delivery
	for _, dl := range queued {
		dev, ok := devices[dl.DeviceID]
		var cert models.Certificate
		if dl.CertificateID != nil {
			cert, ok = certs[*dl.CertificateID], ok && certs[*dl.CertificateID].ID != 0
		}
		switch {
		case !ok || dev.ID != dl.DevicePK:
			finished = append(finished, notSendable(dl, "the device or its certificate was deleted after the push was queued", "register the device again, or add the certificate, and send again"))
			continue
		case models.HashDeviceToken(dev.Token) != dl.TokenHash:
			finished = append(finished, notSendable(dl, "the device registered a new token after the push was queued; the old one is not sent to", "send again to reach the new token"))
			continue
		}
		if _, tried := opened[cert.ID]; !tried {
			opened[cert.ID], openErrs[cert.ID] = d.sealer.OpenCertificateSecrets(cert)
		}
		if err := openErrs[cert.ID]; err != nil {
			finished = append(finished, answered(dl, vendors.Result{Outcome: vendors.Failed, Kind: models.AnswerAuth, Code: "credentials",
				Explanation: "the stored credentials could not be decrypted: " + err.Error(),
				Fix:         "check PUSHCHECK_SECRET_KEY is the key the certificate was saved with, or upload the credentials again"}))
			continue
		}
		calls = append(calls, call{dl: dl, dev: dev, cert: cert, secrets: opened[cert.ID]})
	}
	return calls, finished, nil
}

// notSendable finishes a queued delivery as skipped: it was never sent.
func notSendable(dl models.Delivery, reason, fix string) models.Delivery {
	dl.Status, dl.Code, dl.Explanation, dl.Fix = models.DeliverySkipped, "skipped", reason, fix
	return dl
}
