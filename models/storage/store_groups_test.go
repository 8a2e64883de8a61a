package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/storage/storagetest"
)

// A group holds up to models.MaxGroupDevices devices, written in batches
// whatever the databases' limits on bound parameters; one more is refused.
func TestGroupsHoldUpToTheLimit(t *testing.T) {
	ctx := context.Background()
	s := storagetest.Open(t)
	app, err := s.CreateApp(ctx, "Groups")
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, models.MaxGroupDevices+1)
	for i := range ids {
		ids[i] = fmt.Sprintf("d%05d", i)
	}
	if _, err := s.CreateGroup(ctx, app.ID, "too-big", "qa", ids); err == nil || models.ErrorCode(err) != models.CodeInvalid {
		t.Fatalf("%d devices: %v", len(ids), err)
	}
	// 1,500 members: past one lookup batch and one insert batch.
	const n = 1500
	now := time.Now().UTC()
	for _, id := range ids[:n] {
		if _, err := s.RegisterDevice(ctx, app.ID, id, models.Registration{UserID: "u", Platform: models.PlatformAndroid, Vendor: models.VendorFCM, Token: "tok-" + id}, now); err != nil {
			t.Fatal(err)
		}
	}
	g, err := s.CreateGroup(ctx, app.ID, "fleet", "qa", ids[:n])
	if err != nil {
		t.Fatal(err)
	}
	devices, err := s.GroupDevices(ctx, g)
	if err != nil || len(devices) != n {
		t.Fatalf("%d devices, %v", len(devices), err)
	}
	found, err := s.DevicesByDeviceIDs(ctx, app.ID, append([]string{"ghost"}, ids[:n]...))
	if err != nil || len(found) != n {
		t.Fatalf("looked up %d of %d, %v", len(found), n, err)
	}
}
