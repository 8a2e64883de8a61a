package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// A phone keeps its shade with the acks it posted; its device ID is
// unique in the app; deleting it takes its shade; old entries are pruned.
func TestPhonesAndTheirShades(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app, err := s.CreateApp(ctx, "Phones")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	p, err := s.CreatePhone(ctx, models.Phone{AppID: app.ID, DeviceID: "vphone-oppo-1", UserID: "lab", Vendor: models.VendorOPPO,
		Behaviour: models.BehaviourHealthy, CertificateID: 10006, Token: "CN_vphone1", CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePhone(ctx, models.Phone{AppID: app.ID, DeviceID: "vphone-oppo-1", UserID: "lab", Vendor: models.VendorOPPO, Behaviour: models.BehaviourHealthy, Token: "x", CreatedAt: now}); models.ErrorCode(err) != models.CodeConflict {
		t.Fatalf("the same device ID twice: %v", err)
	}
	badge := 3
	old, err := s.AddShadeEntry(ctx, models.ShadeEntry{PhoneID: p.ID, At: now.Add(-48 * time.Hour), Kind: "alert", Title: "old", Outcome: models.ShadeShown, Rule: "shown"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.AddShadeEntry(ctx, models.ShadeEntry{PhoneID: p.ID, At: now, DeliveryID: "dlv_1", Kind: "alert", Title: "Bob", Badge: &badge, Outcome: models.ShadeShown, Rule: "shown"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordPhoneAck(ctx, e.ID, models.StageClicked, now.Add(time.Second), ""); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordPhoneAck(ctx, e.ID, models.StageDisplayed, now, "displayed: not_found"); err != nil {
		t.Fatal(err)
	}
	today, err := s.ShadeSince(ctx, p.ID, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(today) != 1 || today[0].ClickedAt == nil || today[0].DisplayedAt != nil || today[0].AckProblem == "" || *today[0].Badge != 3 {
		t.Fatalf("today's shade: %+v", today)
	}
	if n, err := s.PrunePhoneShade(ctx, now.Add(-24*time.Hour)); err != nil || n != 1 {
		t.Fatalf("prune: %d %v", n, err)
	}
	if all, _ := s.Shade(ctx, p.ID, 10); len(all) != 1 || all[0].ID == old.ID {
		t.Fatalf("after pruning: %+v", all)
	}
	if err := s.SetPhoneKey(ctx, app.ID, 7, "v1:sealed"); err != nil {
		t.Fatal(err)
	}
	if id, sealed, err := s.PhoneKey(ctx, app.ID); err != nil || id != 7 || sealed != "v1:sealed" {
		t.Fatalf("phone key: %d %q %v", id, sealed, err)
	}
	if err := s.DeletePhone(ctx, app.ID, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Phone(ctx, app.ID, p.ID); !models.IsNotFound(err) {
		t.Fatalf("deleted phone: %v", err)
	}
	if rest, _ := s.Shade(ctx, p.ID, 10); len(rest) != 0 {
		t.Fatalf("the shade outlived its phone: %+v", rest)
	}
}
