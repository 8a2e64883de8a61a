package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/demo"
	"github.com/pushcheck/pushcheck/models/sandbox"
	"github.com/pushcheck/pushcheck/models/secrets"
	"github.com/pushcheck/pushcheck/models/storage"
	"github.com/pushcheck/pushcheck/vendors"
)

// demoCertificates creates one sandbox certificate per vendor, with freshly
// generated credentials of each vendor's real shape, through the same
// checks as the certificate forms.
func demoCertificates(store *storage.Store, registry *vendors.Registry, sealer *secrets.Sealer) demo.Certificates {
	return func(ctx context.Context, appID int64) (demo.CertificateIDs, error) {
		ids := demo.CertificateIDs{ByVendor: map[models.Vendor]int64{}}
		inputs, err := demoCertificateInputs()
		if err != nil {
			return ids, err
		}
		now := time.Now().UTC()
		for _, in := range inputs {
			cert, err := store.SaveCertificate(ctx, sealer, appID, 0, func(c *models.Certificate, s *models.CertificateSecrets) error {
				return registry.PrepareCertificate(in, c, s, now)
			})
			if err != nil {
				return ids, fmt.Errorf("%s: %w", in.Name, err)
			}
			switch in.Name {
			case demoOPPONoChannel:
				ids.OPPONoChannel = cert.ID
			case demoXiaomiNoChannel:
				ids.XiaomiNoChannel = cert.ID
			case demoVivoUnpublished:
				ids.VivoUnpublished = cert.ID
			default:
				ids.ByVendor[cert.Vendor] = cert.ID
			}
		}
		return ids, nil
	}
}

// The demo's extra certificates, each set up wrong in one way a support
// engineer meets.
const (
	demoOPPONoChannel   = "Sandbox OPPO without channel"
	demoXiaomiNoChannel = "Sandbox Xiaomi without channel"
	demoVivoUnpublished = "Sandbox vivo, app not yet published"
)

func demoCertificateInputs() ([]models.CertificateInput, error) {
	inputs, err := sandbox.Demo()
	if err != nil {
		return nil, err
	}
	secret := rand.Text
	in := func(v models.Vendor, name string) models.CertificateInput {
		return models.CertificateInput{Vendor: v, Name: name, Environment: string(models.CertSandbox)}
	}
	oppoNoChannel := in(models.VendorOPPO, demoOPPONoChannel)
	oppoNoChannel.OPPO = &models.OPPOCredentials{AppKey: "demoOppoAppKey2", MasterSecret: secret(), Category: "IM", Region: "cn"}
	xiaomiNoChannel := in(models.VendorXiaomi, demoXiaomiNoChannel)
	xiaomiNoChannel.Xiaomi = &models.XiaomiCredentials{PackageName: "com.example.im", AppSecret: secret(), Region: "cn"}
	vivoUnpublished := in(models.VendorVivo, demoVivoUnpublished)
	vivoUnpublished.Vivo = &models.VivoCredentials{AppID: "104000005", AppKey: "demoVivoAppKey2", AppSecret: secret(), Category: "IM", Unpublished: true}
	// HarmonyOS NEXT came after the demo's first certificates: it keeps
	// the last ID, so the IDs the README names stay as they were.
	last := len(inputs) - 1
	return append(inputs[:last:last], oppoNoChannel, xiaomiNoChannel, vivoUnpublished, inputs[last]), nil
}
