package main

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pushcheck/pushcheck/models"
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
	err := chromedp.Run(ctx,
		signIn(base),
		chromedp.Navigate(base+"/apps/1/users/qa-eight"),
		chromedp.WaitVisible(`#composer`),
		chromedp.Evaluate(`window.pushcheckMarker = "kept"`, nil),
		chromedp.Click(`#composer button[type=submit]`),
		chromedp.WaitVisible(`#results .results.live`),
		chromedp.AttributeValue(`#results tr.delivery`, "data-stage", &firstStage, nil),
		// The receipts arrive a moment later; the page polls them in.
		chromedp.WaitVisible(`#results tr.delivery[data-stage=delivered]`),
		chromedp.Evaluate(`document.querySelectorAll('#results tr.delivery[data-stage=delivered]').length`, &delivered),
		chromedp.AttributeValue(`#results tr.delivery[data-stage=delivered]`, "data-delivery", &deliveryID, nil),
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
	req.Header.Set("Authorization", "Bearer "+models.DemoAPIKey)
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
	err = chromedp.Run(ctx,
		chromedp.WaitVisible(`#results tr.delivery[data-delivery="`+deliveryID+`"][data-stage=clicked]`),
		chromedp.Evaluate(`document.querySelectorAll('#results tr.delivery[data-stage=clicked]').length`, &clicked),
		chromedp.Evaluate(`window.pushcheckMarker === "kept"`, &sameDocument),
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
