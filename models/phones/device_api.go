package phones

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/pushcheck/pushcheck/models"
)

// keyLabel names the device API key the phones report with, on the app's
// Apps page.
const keyLabel = "virtual phones"

const keyContext = "phone-api-key"

// device calls the console's device API for the phone's device, as the app
// on a phone does, with the app's key for its phones.
func (l *Lab) device(ctx context.Context, appID int64, method, deviceID, suffix string, body any) error {
	return l.call(ctx, appID, method, "/api/v1/devices/"+url.PathEscape(deviceID)+suffix, body)
}

// postAck posts a delivery's ack, as the app does with the delivery ID it
// found in the push.
func (l *Lab) postAck(ctx context.Context, appID int64, deliveryID string, stage models.Stage, at time.Time) error {
	body := map[string]string{"stage": string(stage), "at": at.UTC().Format(time.RFC3339Nano)}
	return l.call(ctx, appID, http.MethodPost, "/api/v1/deliveries/"+url.PathEscape(deliveryID)+"/ack", body)
}

func (l *Lab) call(ctx context.Context, appID int64, method, path string, body any) error {
	key, err := l.key(ctx, appID)
	if err != nil {
		return err
	}
	status, answer, err := l.send(ctx, key, method, path, body)
	if err != nil {
		return err
	}
	if status == http.StatusUnauthorized {
		// The key was revoked on the Apps page: the phones take a new one.
		l.forgetKey(appID)
		if key, err = l.key(ctx, appID); err != nil {
			return err
		}
		if status, answer, err = l.send(ctx, key, method, path, body); err != nil {
			return err
		}
	}
	if status < 300 {
		return nil
	}
	var e struct {
		Error models.Error `json:"error"`
	}
	if json.Unmarshal(answer, &e) != nil || e.Error.Code == "" {
		return fmt.Errorf("the console answered %s %s with %d", method, path, status)
	}
	return &e.Error
}

func (l *Lab) send(ctx context.Context, key, method, path string, body any) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, fmt.Errorf("phones: %s %s: %w", method, path, err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, l.opts.Console+path, r)
	if err != nil {
		return 0, nil, fmt.Errorf("phones: %s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "pushcheck-virtual-phone")
	resp, err := l.http.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("phones: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return 0, nil, fmt.Errorf("phones: %s %s: reading the answer: %w", method, path, err)
	}
	return resp.StatusCode, answer, nil
}

// key is the app's device API key for its phones: created on first use,
// kept sealed like certificate secrets, and replaced when revoked.
func (l *Lab) key(ctx context.Context, appID int64) (string, error) {
	l.tokensMu.Lock()
	key, ok := l.keys[appID]
	l.tokensMu.Unlock()
	if ok {
		return key, nil
	}
	id, sealed, err := l.store.PhoneKey(ctx, appID)
	switch {
	case err == nil:
		active, err := l.keyActive(ctx, appID, id)
		if err != nil {
			return "", err
		}
		if active {
			plain, err := l.sealer.Open(sealed, keyContext)
			if err != nil {
				return "", fmt.Errorf("phones: the app's phone key: %w", err)
			}
			key = string(plain)
			break
		}
		fallthrough
	case models.IsNotFound(err):
		if key, err = l.newKey(ctx, appID); err != nil {
			return "", err
		}
	default:
		return "", err
	}
	l.tokensMu.Lock()
	l.keys[appID] = key
	l.tokensMu.Unlock()
	return key, nil
}

func (l *Lab) keyActive(ctx context.Context, appID, id int64) (bool, error) {
	keys, err := l.store.APIKeysOfApp(ctx, appID)
	if err != nil {
		return false, err
	}
	for _, k := range keys {
		if k.ID == id {
			return k.Active(), nil
		}
	}
	return false, nil
}

func (l *Lab) newKey(ctx context.Context, appID int64) (string, error) {
	secret, k, err := l.store.CreateAPIKey(ctx, appID, keyLabel)
	if err != nil {
		return "", err
	}
	sealed, err := l.sealer.Seal([]byte(secret), keyContext)
	if err != nil {
		return "", err
	}
	if err := l.store.SetPhoneKey(ctx, appID, k.ID, sealed); err != nil {
		return "", err
	}
	return secret, nil
}

func (l *Lab) forgetKey(appID int64) {
	l.tokensMu.Lock()
	delete(l.keys, appID)
	l.tokensMu.Unlock()
}
