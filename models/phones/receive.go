package phones

import (
	"context"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/vendors"
)

// tokensFresh is how long the token map is trusted before it is read again:
// phones created on another instance are found within that time.
const tokensFresh = 5 * time.Second

// read finds the phones an accepted exchange addressed, and hands each its
// notification.
func (l *Lab) read(ctx context.Context, x vendors.EmulatorExchange) {
	if !l.anyPhones(ctx) {
		return // most consoles have none: skip reading the exchange
	}
	ch, err := l.channels.Channel(x.Vendor)
	if err != nil {
		return
	}
	seen := ch.ReadEmulatorExchange(x)
	if !seen.Accepted {
		return
	}
	for _, n := range seen.Notifications {
		ref, ok := l.phoneOf(ctx, x.Vendor, n.Token)
		if !ok {
			continue
		}
		if err := l.receive(ctx, ref, n); err != nil {
			l.opts.Log.Error("virtual phones: receiving", "phone", ref.id, "err", err)
		}
	}
}

// phoneOf is the phone that holds a vendor's token, if any.
func (l *Lab) phoneOf(ctx context.Context, v models.Vendor, token string) (phoneRef, bool) {
	l.refreshTokens(ctx)
	l.tokensMu.Lock()
	defer l.tokensMu.Unlock()
	ref, ok := l.tokens[tokenKey{v, token}]
	return ref, ok
}

// anyPhones reports whether any phone exists, by the token map.
func (l *Lab) anyPhones(ctx context.Context) bool {
	l.refreshTokens(ctx)
	l.tokensMu.Lock()
	defer l.tokensMu.Unlock()
	return len(l.tokens) > 0
}

// refreshTokens rereads the token map when it is older than tokensFresh.
func (l *Lab) refreshTokens(ctx context.Context) {
	l.tokensMu.Lock()
	stale := time.Since(l.loadedAt) > tokensFresh
	l.tokensMu.Unlock()
	if stale {
		l.reloadTokens(ctx)
	}
}

func (l *Lab) reloadTokens(ctx context.Context) {
	all, err := l.store.AllPhones(ctx)
	if err != nil {
		l.opts.Log.Error("virtual phones: reading tokens", "err", err)
		return
	}
	tokens := make(map[tokenKey]phoneRef, len(all))
	for _, p := range all {
		tokens[tokenKey{p.Vendor, p.Token}] = phoneRef{p.AppID, p.ID}
	}
	l.tokensMu.Lock()
	l.tokens, l.loadedAt = tokens, time.Now()
	l.tokensMu.Unlock()
}

func (l *Lab) remember(p models.Phone) {
	l.tokensMu.Lock()
	defer l.tokensMu.Unlock()
	if l.tokens == nil {
		l.tokens = map[tokenKey]phoneRef{}
	}
	l.tokens[tokenKey{p.Vendor, p.Token}] = phoneRef{p.AppID, p.ID}
}

// receive puts a notification in the phone's shade under its vendor's
// rules, counts it against a dying token, and schedules the app's acks.
func (l *Lab) receive(ctx context.Context, ref phoneRef, n vendors.Notification) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, err := l.store.Phone(ctx, ref.appID, ref.id)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	today, err := l.store.ShadeSince(ctx, p.ID, models.DayStart(p.Vendor, now))
	if err != nil {
		return err
	}
	e := models.ShadeEntry{PhoneID: p.ID, At: now, DeliveryID: n.DeliveryID, Kind: n.Kind, Title: n.Title, Body: n.Body,
		Badge: n.Badge, Sound: n.Sound, Image: n.Image, ChannelID: n.ChannelID, Class: n.Class, Click: n.Click, Ext: n.Ext}
	if e.Kind == "" {
		e.Kind = "alert"
	}
	j := Judge(p, e, today, now)
	e.Outcome, e.Rule = j.Outcome, j.Rule
	if e, err = l.store.AddShadeEntry(ctx, e); err != nil {
		return err
	}
	if j.Outcome != models.ShadeNotDelivered {
		p.Received++
	}
	if p.Behaviour == models.BehaviourTokenDies && !p.TokenDead && p.Received >= p.DieAfter {
		l.killToken(ctx, &p)
	} else if err := l.store.UpdatePhone(ctx, p); err != nil {
		return err
	}
	if e.DeliveryID == "" {
		return nil // not a console push: the app has nothing to ack
	}
	if acks := acksFor(p.Behaviour, j, l.opts.Delays); len(acks) > 0 {
		l.acks.Add(1)
		go l.ackInTurn(ctx, p.AppID, e, acks)
	}
	return nil
}

// killToken makes the phone's token one the vendor has invalidated, as
// after an uninstall or a token rotation the console never heard of: the
// phone reports it, and the emulator answers the next push with the
// vendor's dead-token code.
func (l *Lab) killToken(ctx context.Context, p *models.Phone) {
	old := tokenKey{p.Vendor, p.Token}
	p.Token, p.TokenDead = deadToken(p.Vendor, p.Token), true
	if err := l.register(ctx, p); err != nil {
		l.opts.Log.Error("virtual phones: token died", "phone", p.DeviceID, "err", err)
	}
	l.tokensMu.Lock()
	delete(l.tokens, old)
	l.tokensMu.Unlock()
	l.remember(*p)
}

// ackInTurn posts a message's acks one after the other, each at its time
// after the message arrived, as the app's code runs on the phone.
func (l *Lab) ackInTurn(ctx context.Context, appID int64, e models.ShadeEntry, acks []ack) {
	defer l.acks.Done()
	start := time.Now()
	for _, a := range acks {
		if !vendors.Sleep(ctx, time.Until(start.Add(a.delay))) {
			return
		}
		at := time.Now().UTC()
		problem := ""
		if err := l.postAck(ctx, appID, e.DeliveryID, a.stage, at); err != nil {
			problem = string(a.stage) + ": " + err.Error()
		}
		if err := l.store.RecordPhoneAck(context.WithoutCancel(ctx), e.ID, a.stage, at, problem); err != nil {
			l.opts.Log.Error("virtual phones: recording an ack", "phone", e.PhoneID, "err", err)
		}
	}
}
