package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

func sandboxRequest(app, cert int64, v models.Vendor, verdict models.SandboxVerdict, token string, at time.Time) models.SandboxRequest {
	r := models.SandboxRequest{At: at, Vendor: v, Verdict: verdict, Method: "POST", Path: "/send", Status: 200, Code: "0",
		Tokens: []string{models.MaskToken(token)}, TokenHashes: models.HashDeviceToken(token),
		Broken: []models.Finding{{Code: "65009", Message: "too long"}}}
	if app > 0 {
		r.AppID, r.CertificateID = &app, &cert
	}
	return r
}

func TestSandboxRequestsFilterPageAndPrune(t *testing.T) {
	store := storagetest.Open(t)
	ctx := context.Background()
	now := time.Now().UTC()
	rows := []models.SandboxRequest{
		sandboxRequest(1, 10001, models.VendorXiaomi, models.VerdictAccepted, "token-aaaaaaaaaaaa", now.Add(-8*24*time.Hour)),
		sandboxRequest(1, 10001, models.VendorXiaomi, models.VerdictRefusedRule, "token-bbbbbbbbbbbb", now.Add(-time.Minute)),
		sandboxRequest(1, 10002, models.VendorOPPO, models.VerdictAccepted, "token-cccccccccccc", now.Add(-time.Minute)),
		sandboxRequest(2, 10003, models.VendorOPPO, models.VerdictAccepted, "token-dddddddddddd", now.Add(-time.Minute)),
		sandboxRequest(0, 0, models.VendorXiaomi, models.VerdictRefusedAuth, "token-eeeeeeeeeeee", now),
	}
	if err := store.RecordSandboxRequests(ctx, rows); err != nil {
		t.Fatal(err)
	}
	list := func(f models.SandboxRequestFilter) []models.SandboxRequest {
		t.Helper()
		f.AppID = 1
		out, err := store.SandboxRequests(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	all := list(models.SandboxRequestFilter{})
	if len(all) != 4 || all[0].AppID != nil || all[0].Verdict != models.VerdictRefusedAuth || all[3].Broken[0].Code != "65009" {
		t.Fatalf("app 1 and the strangers, newest first: %+v", all)
	}
	for name, c := range map[string]struct {
		f    models.SandboxRequestFilter
		want int
	}{
		"vendor":      {models.SandboxRequestFilter{Vendor: models.VendorOPPO}, 1},
		"certificate": {models.SandboxRequestFilter{CertificateID: 10001}, 2},
		"verdict":     {models.SandboxRequestFilter{Verdict: models.VerdictRefusedRule}, 1},
		"token":       {models.SandboxRequestFilter{TokenHash: models.HashDeviceToken("token-cccccccccccc")}, 1},
		"page":        {models.SandboxRequestFilter{Before: all[1].ID, Limit: 2}, 2},
	} {
		if got := list(c.f); len(got) != c.want {
			t.Errorf("%s: %d rows, want %d: %+v", name, len(got), c.want, got)
		}
	}
	// A week's retention, then two rows per app at most.
	n, err := store.PruneSandboxRequests(ctx, now.Add(-7*24*time.Hour), 1)
	if err != nil || n != 2 {
		t.Fatalf("pruned %d, %v", n, err)
	}
	if got := list(models.SandboxRequestFilter{}); len(got) != 2 {
		t.Fatalf("after pruning: %+v", got)
	}
}
