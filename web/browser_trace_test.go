package main

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pushcheck/pushcheck/models/demo"
)

// QA sends a push and watches it in the open page: accepted, then
// delivered when the sandbox's vendors send their receipts, then clicked
// when the app acknowledges — all without a reload.
func TestBrowserWatchesATraceGoLive(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	base := srv.URL()

	var firstStage, deliveryID string
	var delivered, clicked int
	var sameDocument bool
	err := chromedp.Do(ctx,
		signIn(base),
		chromedp.Navigate(base+"/apps/1/users/qa-eight"),
		chromedp.WaitVisible(`#composer`),
		chromedp.Evaluate[chromedp.Void](`window.pushcheckMarker = "kept"`),
		sendComposer(),
		chromedp.WaitVisible(`#results .results.live`),
		into(&firstStage, attr(`#results tr.delivery`, "data-stage")),
		// The receipts arrive a moment later; the page polls them in.
		chromedp.WaitVisible(`#results tr.delivery[data-stage=delivered]`),
		into(&delivered, chromedp.Evaluate[int](`document.querySelectorAll('#results tr.delivery[data-stage=delivered]').length`)),
		into(&deliveryID, attr(`#results tr.delivery[data-stage=delivered]`, "data-delivery")),
		screenshot("trace-delivered"),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The app taps: it acks with the delivery ID from the payload.
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/deliveries/"+deliveryID+"/ack", bytes.NewBufferString(`{"stage":"clicked"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+demo.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ack: %d %s", resp.StatusCode, body)
	}
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(`#results tr.delivery[data-delivery="`+deliveryID+`"][data-stage=clicked]`),
		into(&clicked, chromedp.Evaluate[int](`document.querySelectorAll('#results tr.delivery[data-stage=clicked]').length`)),
		into(&sameDocument, chromedp.Evaluate[bool](`window.pushcheckMarker === "kept"`)),
		screenshot("trace-clicked"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if firstStage == "delivered" || firstStage == "clicked" {
		t.Errorf("the first rendering already showed %s; the receipts should come later", firstStage)
	}
	// Huawei, Honor, Xiaomi, OPPO, vivo and Meizu send receipts; APNs and
	// FCM have none.
	if delivered < 1 || clicked != 1 || !sameDocument {
		t.Errorf("delivered %d, clicked %d, same document %v", delivered, clicked, sameDocument)
	}
}
