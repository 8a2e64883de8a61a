package vendors_test

import (
	"testing"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

func TestObserveAllTellsEachObserver(t *testing.T) {
	var got []string
	o := vendors.ObserveAll(func(x vendors.EmulatorExchange) { got = append(got, "log "+string(x.Vendor)) }, nil,
		func(x vendors.EmulatorExchange) { got = append(got, "phones "+string(x.Vendor)) })
	o(vendors.EmulatorExchange{Vendor: models.VendorOPPO})
	if len(got) != 2 || got[0] != "log oppo" || got[1] != "phones oppo" {
		t.Fatalf("%v", got)
	}
}

func TestMessageOfExtrasReadsPushchecksKeysAndOthers(t *testing.T) {
	m := vendors.MessageOfExtras(map[string]string{"ext": `{"c":1}`, "pushcheck_delivery_id": "d-1", "call_id": "c-1", "caller": "Bob", "video": "true"})
	if m.Ext != `{"c":1}` || m.DeliveryID != "d-1" || m.Call == nil || m.Call.CallID != "c-1" || !m.Call.Video {
		t.Fatalf("pushcheck's extras: %+v", m)
	}
	// Another sender's extras are the payload as a whole.
	if m := vendors.MessageOfExtras(map[string]string{"conv": "c2c_bob"}); m.Ext != `{"conv":"c2c_bob"}` || m.DeliveryID != "" {
		t.Fatalf("another sender's extras: %+v", m)
	}
}
