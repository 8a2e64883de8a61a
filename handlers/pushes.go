package handlers

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/i18n"
	"github.com/pushcheck/pushcheck/views"
)

// The composer on a user's page sends a test push; results come back in
// place (htmx), or as the whole page without JavaScript.
func (h *Handler) registerPushRoutes(g *echo.Group) {
	g.POST("/apps/:app/users/:user/pushes", h.sendPush, requireRole(models.RoleOperator))
	g.POST("/apps/:app/users/:user/pushes/lint", h.lintComposer, requireRole(models.RoleOperator))
}

func (h *Handler) sendPush(c echo.Context) error {
	app, userID, err := h.appUser(c)
	if err != nil {
		return err
	}
	results := views.PushResults{}
	status := http.StatusOK
	req, err := composerRequest(c, userID)
	var blockers []string
	if err == nil {
		blockers, err = h.unconfirmedBlockers(c, app, req)
	}
	if err == nil && len(blockers) > 0 {
		err = blockerRefusal(tr(c), blockers)
	} else if err == nil {
		results.Push, results.Deliveries, err = h.sender.Send(c.Request().Context(), app, currentOperator(c), req)
		h.auditPush(c, app, models.AuditPushSend, req, results.Push, results.Deliveries, err, "")
	}
	if e, ok := models.AsError(err); ok && e.Code == models.CodeInvalid {
		results.Error, status, err = tr(c).Error(e), http.StatusBadRequest, nil
	}
	if err != nil {
		return err
	}
	if results.Push.ID != 0 {
		// A user's few devices answer within the wait and show at once;
		// a large push shows its progress live instead of holding the
		// browser.
		if err := h.awaitComposed(c, &results); err != nil {
			return err
		}
		// Device names come from the user's page below; only the traces
		// are read here.
		if results.Traces, err = h.traces(c.Request().Context(), results.Deliveries); err != nil {
			return err
		}
		h.log.InfoContext(c.Request().Context(), "test push sent", "app_id", app.ID, "push_id", results.Push.ID, "target", results.Push.Target, "operator", currentOperator(c).Email)
	}
	view, err := h.userView(c, app, userID, models.MissedMessage{})
	if err != nil {
		return err
	}
	results.Devices = map[string]models.Device{}
	for _, r := range view.Devices {
		results.Devices[r.Device.DeviceID] = r.Device
	}
	p, err := h.page(c, userID, "check", &app)
	if err != nil {
		return err
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		verdict := view.Verdict
		verdict.OOB = true
		results.Verdict, results.DeviceRows = &verdict, view.Devices
		return render(c, status, views.PushResultsFragment(p, results))
	}
	view.Results = &results
	return render(c, status, views.UserPage(p, view))
}

// unconfirmedBlockers are the lint's blockers (the vendor refuses the
// message or the phone hides it) that stop a send until the operator ticks
// "send anyway"; none for a dry run, as nothing reaches a phone.
func (h *Handler) unconfirmedBlockers(c echo.Context, app models.App, req models.PushRequest) ([]string, error) {
	if req.DryRun || c.FormValue("confirm_blockers") == "1" {
		return nil, nil
	}
	lint, err := h.sender.Lint(c.Request().Context(), app, currentOperator(c), req)
	if err != nil {
		return nil, err
	}
	return lint.Blockers(), nil
}

// blockerRefusal says why a send with blockers was not sent.
func blockerRefusal(loc *i18n.Localizer, blockers []string) error {
	said := make([]string, len(blockers))
	for i, b := range blockers {
		said[i] = strings.TrimRight(b, ".")
	}
	return models.Invalid("confirm_blockers", "%s", loc.Tn("flash.push_not_sent", int64(len(blockers)), "Blockers", strings.Join(said, "; ")))
}

// composerWait bounds how long the composer waits for a push's answers
// before it shows the push live; composerWaitMax is the size of push it
// waits for at all.
const (
	composerWait    = 3 * time.Second
	composerWaitMax = 50
)

// awaitComposed waits a little for a small push's answers and reads its
// deliveries back as they stand.
func (h *Handler) awaitComposed(c echo.Context, r *views.PushResults) error {
	if len(r.Deliveries) > composerWaitMax {
		return nil
	}
	if _, err := h.sender.Wait(c.Request().Context(), r.Push.ID, min(composerWait, h.cfg.SendWait)); err != nil {
		return err
	}
	var err error
	r.Push, r.Deliveries, err = h.pushes.PushByID(c.Request().Context(), r.Push.AppID, r.Push.ID)
	return err
}

// composerRequest reads the composer form into the API's request shape.
func composerRequest(c echo.Context, userID string) (models.PushRequest, error) {
	form := func(name string) string { return strings.TrimSpace(c.FormValue(name)) }
	req := models.PushRequest{
		Mode: models.Mode(form("mode")), DryRun: form("dry_run") == "1",
		Title: form("title"), Desc: form("desc"), Ext: form("ext"), Sound: form("sound"),
		IgnoreBadge: form("ignore_badge") == "1", OPPOChannelID: form("oppo_channel_id"), Image: form("image"),
	}
	if form("kind") == "call" {
		req.Call = &models.CallInvitation{Caller: form("call.caller"), CallID: form("call.call_id"), Video: form("call.video") == "1"}
	}
	if form("target") == "one" {
		req.Target.DeviceIDs = []string{form("device")}
	} else {
		req.Target.UserID = userID
	}
	var err error
	if req.Badge, err = optionalInt(form("badge"), "badge"); err != nil {
		return req, err
	}
	apns := &models.APNsPushOptions{PushType: form("apns.push_type"), CollapseID: form("apns.collapse_id"),
		InterruptionLevel: form("apns.interruption_level"), ThreadID: form("apns.thread_id")}
	if p, err := optionalInt(form("apns.priority"), "apns.priority"); err != nil {
		return req, err
	} else if p != nil {
		apns.Priority = *p
	}
	if secs, err := optionalInt(form("apns.expiration"), "apns.expiration"); err != nil {
		return req, err
	} else if secs != nil {
		at := time.Now().Add(time.Duration(*secs) * time.Second)
		if *secs == 0 {
			at = time.Unix(0, 0) // 0: APNs does not store the notification
		}
		apns.Expiration = &at
	}
	req.APNs = apns
	fcm := &models.FCMPushOptions{Priority: form("fcm.priority"), ChannelID: form("fcm.channel_id")}
	if fcm.TTLSeconds, err = optionalInt(form("fcm.ttl_seconds"), "fcm.ttl_seconds"); err != nil {
		return req, err
	}
	web := models.FCMWebOptions{Link: form("fcm.web.link"), Icon: form("fcm.web.icon"), Urgency: form("fcm.web.urgency")}
	if web.TTLSeconds, err = optionalInt(form("fcm.web.ttl_seconds"), "fcm.web.ttl_seconds"); err != nil {
		return req, err
	}
	fcm.Web = optionsIfSet(web)
	req.FCM = fcm
	if req.Harmony, err = harmonyOptions(form); err != nil {
		return req, err
	}
	if err := androidOptions(form, &req); err != nil {
		return req, err
	}
	return req, nil
}

// androidOptions reads the click action and the Android vendors' sections
// of the composer; an untouched section sends nothing.
func androidOptions(form func(string) string, req *models.PushRequest) error {
	switch t := form("click_action.type"); t {
	case "":
	case "activity":
		req.ClickAction = &models.ClickAction{Type: t, Activity: form("click_action.target")}
	case "intent":
		req.ClickAction = &models.ClickAction{Type: t, IntentURI: form("click_action.target")}
	default:
		req.ClickAction = &models.ClickAction{Type: t}
	}
	req.Huawei = optionsIfSet(models.HuaweiPushOptions{Category: form("huawei.category"), Importance: form("huawei.importance"), Test: form("huawei.test") == "1"})
	req.Honor = optionsIfSet(models.HonorPushOptions{Importance: form("honor.importance"), Test: form("honor.test") == "1"})
	xiaomi := models.XiaomiPushOptions{ChannelID: form("xiaomi.channel_id")}
	oppo := models.OPPOPushOptions{Category: form("oppo.category")}
	vivo := models.VivoPushOptions{Category: form("vivo.category"), PushMode: form("vivo.push_mode")}
	var meizu models.MeizuPushOptions
	var err error
	if xiaomi.NotifyType, err = optionalInt(form("xiaomi.notify_type"), "xiaomi.notify_type"); err != nil {
		return err
	}
	if oppo.NotifyLevel, err = optionalInt(form("oppo.notify_level"), "oppo.notify_level"); err != nil {
		return err
	}
	if vivo.Classification, err = optionalInt(form("vivo.classification"), "vivo.classification"); err != nil {
		return err
	}
	if meizu.NoticeMsgType, err = optionalInt(form("meizu.notice_msg_type"), "meizu.notice_msg_type"); err != nil {
		return err
	}
	if form("meizu.silent") == "1" {
		off := false
		meizu.Sound = &off
	}
	req.Xiaomi, req.OPPO, req.Vivo, req.Meizu = optionsIfSet(xiaomi), optionsIfSet(oppo), optionsIfSet(vivo), optionsIfSet(meizu)
	return nil
}

// harmonyOptions reads the composer's HarmonyOS NEXT section.
func harmonyOptions(form func(string) string) (*models.HarmonyPushOptions, error) {
	h := models.HarmonyPushOptions{PushType: form("harmony.push_type"), Category: form("harmony.category"),
		ReceiptID: form("harmony.receipt_id"), Test: form("harmony.test") == "1"}
	if form("harmony.hide_foreground") == "1" {
		show := false
		h.ForegroundShow = &show
	}
	if action, uri, data := form("harmony.click.action"), form("harmony.click.uri"), form("harmony.click.data"); action != "" || uri != "" || data != "" {
		h.Click = &models.HarmonyClick{Action: action, URI: uri}
		if data != "" {
			h.Click.Data = json.RawMessage(data)
		}
	}
	var err error
	for _, f := range []struct {
		name string
		into **int
	}{{"harmony.badge_add", &h.BadgeAdd}, {"harmony.sound_duration", &h.SoundDuration}, {"harmony.ttl_seconds", &h.TTLSeconds}} {
		if *f.into, err = optionalInt(form(f.name), f.name); err != nil {
			return nil, err
		}
	}
	return optionsIfSet(h), nil
}

// optionsIfSet keeps a vendor section the operator touched; an untouched one
// is not stored with the push.
func optionsIfSet[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func optionalInt(s, field string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, models.Invalid(field, "%s must be a whole number", field)
	}
	return &n, nil
}
