package models

import (
	"fmt"
	"time"
)

// DiagnosisInput is everything the checks of one device look at. The
// vendors package adds its own rules (channels, classes, time windows) to
// the vendor-neutral checks here.
type DiagnosisInput struct {
	Device Device
	// Certificate is nil when the reported ID does not exist in the app.
	Certificate *Certificate
	// Class is the message class the IM server's messages travel in on
	// this certificate (its defaults, or the described message).
	Class MessageClass
	// Quota is the certificate's counters today in the vendor's day.
	Quota CertificateQuota
	// SentToday counts the test pushes the vendor accepted for this
	// device today, by class, for the per-device caps.
	SentToday map[MessageClass]int
	// DeviceLimit is the vendor's latest per-device limit answer for this
	// device today (a cap or a rate), nil when there was none.
	DeviceLimit *Delivery
	Message     MissedMessage
	Now         time.Time
	StaleAfter  time.Duration
}

// CertificateUsable reports whether the device's certificate exists and is
// for its vendor, so vendor checks can read it.
func (in DiagnosisInput) CertificateUsable() bool {
	return in.Certificate != nil && in.Certificate.Vendor == in.Device.Vendor
}

// When is the moment to judge time windows at.
func (in DiagnosisInput) When() time.Time {
	if !in.Message.At.IsZero() {
		return in.Message.At
	}
	return in.Now
}

// expiryWarning is how early an expiring certificate is flagged.
const expiryWarning = 30 * 24 * time.Hour

// DeviceChecks are the vendor-neutral links before the vendor's own rules,
// in the order a push travels: the binding the app reported, the
// credentials it points at, the app's state, the phone's permission, and
// what vendors said about the token before.
func DeviceChecks(in DiagnosisInput) []Check {
	checks := []Check{tokenCheck(in), certificateIDCheck(in)}
	if in.Device.CertificateID != nil {
		checks = append(checks, certificateCheck(in))
	}
	if in.CertificateUsable() {
		checks = append(checks, expiryCheck(in), healthCheck(in))
		if in.Device.Vendor == VendorAPNs {
			checks = append(checks, apnsEnvironmentCheck(in))
		}
	}
	checks = append(checks, appStateCheck(in), permissionCheck(in), tokenAliveCheck(in))
	if in.DeviceLimit != nil {
		checks = append(checks, deviceLimitCheck(in))
	}
	return checks
}

// deviceLimitCheck reports a vendor's per-device limit answer today. It
// warns rather than fails: a rate passes within minutes, and a cap ends
// with the vendor's day; other devices on the certificate are not touched.
func deviceLimitCheck(in DiagnosisInput) Check {
	d := in.DeviceLimit
	return Warn("device_limit", "Per-device limit", fmt.Sprintf("%s limited this device at %s today (%s): %s",
		in.Device.Vendor.Label(), VendorClock(in.Device.Vendor, d.CreatedAt), d.Code, d.Explanation),
		"wait before sending to this device again (a cap ends with the vendor's day, "+VendorZoneName(in.Device.Vendor)+"); other devices are not affected",
		"was limited by "+in.Device.Vendor.Label()+" today").
		Says(Tf("verdict.device_limit.evidence", "Vendor", in.Device.Vendor.Text(), "Clock", ClockText(in.Device.Vendor, d.CreatedAt), "Code", d.Code, "Explanation", d.Explanation),
			Tf("verdict.device_limit.fix", "Zone", ZoneText(in.Device.Vendor)),
			Tf("verdict.device_limit.cause", "Vendor", in.Device.Vendor.Text()))
}

func tokenCheck(in DiagnosisInput) Check {
	d := in.Device
	if d.Token == "" {
		return Fail("token", "Push token", "the app never reported a push token from "+d.Vendor.Label(),
			"make the app register its vendor token after every login", "reported no push token").
			Says(Tf("verdict.token.missing.evidence", "Vendor", d.Vendor.Text()), T("verdict.token.missing.fix"), T("verdict.token.missing.cause"))
	}
	return Pass("token", "Push token", fmt.Sprintf("%s token %s reported %s ago", d.Vendor.Label(), MaskToken(d.Token), HumanDuration(in.Now.Sub(d.RegisteredAt)))).
		Says(Tf("verdict.token.pass", "Vendor", d.Vendor.Text(), "Token", MaskToken(d.Token), "Ago", in.Now.Sub(d.RegisteredAt)))
}

func certificateIDCheck(in DiagnosisInput) Check {
	if in.Device.CertificateID == nil {
		c := Fail("certificate_id", "Certificate ID", "the token was reported without a certificate ID, so the IM server cannot choose credentials for it",
			"report certificate_id with the token: the ID of the "+in.Device.Vendor.Label()+" certificate, as the Client config page lists it", "reported no certificate ID").
			Says(T("verdict.certificate_id.missing.evidence"), Tf("verdict.certificate_id.missing.fix", "Vendor", in.Device.Vendor.Text()), T("verdict.certificate_id.missing.cause"))
		c.FixLink = ClientConfigLink(in.Device)
		return c
	}
	return Pass("certificate_id", "Certificate ID", fmt.Sprintf("reported certificate #%d", *in.Device.CertificateID)).
		Says(Tf("verdict.certificate_id.pass", "ID", *in.Device.CertificateID))
}

func certificateCheck(in DiagnosisInput) Check {
	id, c := *in.Device.CertificateID, in.Certificate
	switch {
	case c == nil:
		check := Fail("certificate", "Certificate", fmt.Sprintf("certificate #%d does not exist in this app", id),
			"add the certificate, or correct the ID the app reports (the Client config page lists each vendor's certificate ID)",
			fmt.Sprintf("reports certificate #%d, which does not exist", id)).
			Says(Tf("verdict.certificate.unknown.evidence", "ID", id), T("verdict.certificate.unknown.fix"), Tf("verdict.certificate.unknown.cause", "ID", id))
		check.FixLink = ClientConfigLink(in.Device)
		return check
	case c.Vendor != in.Device.Vendor:
		fix := "report the ID of the " + in.Device.Vendor.Label() + " certificate with a " + in.Device.Vendor.Label() + " token"
		fixText := Tf("verdict.certificate.vendor.fix", "Vendor", in.Device.Vendor.Text())
		if pushKitVersions(c.Vendor, in.Device.Vendor) {
			fix += " (Push Kit v1/v2, vendor huawei, reaches Android and HarmonyOS up to 4.x; v3, vendor harmony, only HarmonyOS NEXT: each takes its own credentials and tokens)"
			fixText = Tf("verdict.certificate.vendor.fix_push_kit", "Vendor", in.Device.Vendor.Text())
		}
		return Fail("certificate", "Certificate", fmt.Sprintf("certificate #%d is for %s, but the token is from %s", id, c.Vendor.Label(), in.Device.Vendor.Label()),
			fix, fmt.Sprintf("reports the %s certificate #%d with a %s token", c.Vendor.Label(), id, in.Device.Vendor.Label())).
			Says(Tf("verdict.certificate.vendor.evidence", "ID", id, "CertVendor", c.Vendor.Text(), "Vendor", in.Device.Vendor.Text()), fixText,
				Tf("verdict.certificate.vendor.cause", "ID", id, "CertVendor", c.Vendor.Text(), "Vendor", in.Device.Vendor.Text()))
	}
	return Pass("certificate", "Certificate", fmt.Sprintf("#%d %q, %s, %s", id, c.Name, c.Vendor.Label(), c.Environment)).
		Says(Tf("verdict.certificate.pass", "ID", id, "Name", fmt.Sprintf("%q", c.Name), "Vendor", c.Vendor.Text(), "Environment", c.Environment))
}

// pushKitVersions reports a Huawei certificate with a HarmonyOS NEXT
// token or the reverse: the two Push Kit APIs people mistake for one.
func pushKitVersions(a, b Vendor) bool {
	return (a == VendorHuawei && b == VendorHarmony) || (a == VendorHarmony && b == VendorHuawei)
}

func expiryCheck(in DiagnosisInput) Check {
	c := in.Certificate
	switch {
	case c.ExpiresAt == nil:
		return Pass("certificate_expiry", "Certificate expiry", "these credentials do not expire").Says(T("verdict.certificate_expiry.never"))
	case !c.ExpiresAt.After(in.Now):
		return Fail("certificate_expiry", "Certificate expiry", fmt.Sprintf("certificate #%d expired on %s", c.ID, c.ExpiresAt.Format(time.DateOnly)),
			"export a new certificate and upload it to #"+fmt.Sprint(c.ID)+" (the ID stays the same)", fmt.Sprintf("uses certificate #%d, which expired", c.ID)).
			Says(Tf("verdict.certificate_expiry.expired.evidence", "ID", c.ID, "Date", c.ExpiresAt.Format(time.DateOnly)),
				Tf("verdict.certificate_expiry.expired.fix", "ID", c.ID), Tf("verdict.certificate_expiry.expired.cause", "ID", c.ID))
	case c.ExpiresWithin(in.Now, expiryWarning):
		return Warn("certificate_expiry", "Certificate expiry", fmt.Sprintf("certificate #%d expires in %s, on %s", c.ID, HumanDuration(c.ExpiresAt.Sub(in.Now)), c.ExpiresAt.Format(time.DateOnly)),
			"renew it now and upload the new one to the same certificate ID", fmt.Sprintf("uses certificate #%d, which expires soon", c.ID)).
			Says(Tf("verdict.certificate_expiry.soon.evidence", "ID", c.ID, "In", c.ExpiresAt.Sub(in.Now), "Date", c.ExpiresAt.Format(time.DateOnly)),
				T("verdict.certificate_expiry.soon.fix"), Tf("verdict.certificate_expiry.soon.cause", "ID", c.ID))
	}
	return Pass("certificate_expiry", "Certificate expiry", "valid until "+c.ExpiresAt.Format(time.DateOnly)).
		Says(Tf("verdict.certificate_expiry.valid", "Date", c.ExpiresAt.Format(time.DateOnly)))
}

func healthCheck(in DiagnosisInput) Check {
	c := in.Certificate
	switch {
	case c.CheckOK == nil || c.CheckedAt == nil:
		return Pass("certificate_health", "Certificate health", "not tested yet: Test connection on the certificate page asks the vendor").
			Says(T("verdict.certificate_health.untested"))
	case !*c.CheckOK:
		return Fail("certificate_health", "Certificate health", fmt.Sprintf("the last Test connection, %s ago, failed: %s", HumanDuration(in.Now.Sub(*c.CheckedAt)), c.CheckMessage),
			"fix the credentials on certificate #"+fmt.Sprint(c.ID)+" and run Test connection again", fmt.Sprintf("uses certificate #%d, which failed its last check", c.ID)).
			Says(Tf("verdict.certificate_health.failed.evidence", "Ago", in.Now.Sub(*c.CheckedAt), "Message", c.CheckMessage),
				Tf("verdict.certificate_health.failed.fix", "ID", c.ID), Tf("verdict.certificate_health.failed.cause", "ID", c.ID))
	}
	return Pass("certificate_health", "Certificate health", fmt.Sprintf("Test connection passed %s ago", HumanDuration(in.Now.Sub(*c.CheckedAt)))).
		Says(Tf("verdict.certificate_health.passed", "Ago", in.Now.Sub(*c.CheckedAt)))
}

// apnsEnvironmentCheck compares the build's aps-environment with the APNs
// host the certificate sends to: a token belongs to one of them, and the
// other answers BadDeviceToken.
func apnsEnvironmentCheck(in DiagnosisInput) Check {
	const id, title = "apns_environment", "APNs environment"
	build, c := in.Device.Environment, in.Certificate
	switch {
	case build == "":
		return Warn(id, title, "the device did not report its build environment, so a sandbox/production mix-up cannot be ruled out",
			"report environment: development for Xcode builds, production for TestFlight and App Store builds", "did not report its APNs environment").
			Says(T("verdict.apns_environment.unknown.evidence"), T("verdict.apns_environment.unknown.fix"), T("verdict.apns_environment.unknown.cause"))
	case c.Environment == CertSandbox:
		return Pass(id, title, string(build)+" build; the sandbox emulator accepts tokens of both environments (real pushes need a "+string(build)+" certificate)").
			Says(Tf("verdict.apns_environment.sandbox", "Build", build))
	case string(build) != string(c.Environment):
		return Fail(id, title, fmt.Sprintf("a %s build's token sent through the %s APNs host of certificate #%d: APNs answers BadDeviceToken", build, c.Environment, c.ID),
			"report the ID of a "+string(build)+" certificate from this build, or test with a "+string(c.Environment)+" build (Xcode builds are development; TestFlight and App Store are production)",
			fmt.Sprintf("is a %s build on a %s certificate", build, c.Environment)).
			Says(Tf("verdict.apns_environment.mismatch.evidence", "Build", build, "Environment", c.Environment, "ID", c.ID),
				Tf("verdict.apns_environment.mismatch.fix", "Build", build, "Environment", c.Environment),
				Tf("verdict.apns_environment.mismatch.cause", "Build", build, "Environment", c.Environment))
	}
	return Pass(id, title, string(build)+" build on a "+string(c.Environment)+" certificate").
		Says(Tf("verdict.apns_environment.pass", "Build", build, "Environment", c.Environment))
}

func appStateCheck(in DiagnosisInput) Check {
	const id, title = "app_state", "App state"
	d := in.Device
	since := HumanDuration(in.Now.Sub(d.StateSince))
	switch {
	case d.State == StateLoggedOut:
		return Fail(id, title, "logged out "+since+" ago: the binding is cleared and the IM server sends no offline push",
			"log in on the device again; the app registers its token after login", "is logged out").
			Says(Tf("verdict.app_state.logged_out.evidence", "Ago", in.Now.Sub(d.StateSince)), T("verdict.app_state.logged_out.fix"), T("verdict.app_state.logged_out.cause"))
	case d.State == StateKicked:
		return Fail(id, title, "kicked "+since+" ago by a login elsewhere: the IM server sends no offline push to this device",
			"log in on this device again (the other login keeps its own pushes)", "was kicked by another login").
			Says(Tf("verdict.app_state.kicked.evidence", "Ago", in.Now.Sub(d.StateSince)), T("verdict.app_state.kicked.fix"), T("verdict.app_state.kicked.cause"))
	case d.State == StateForeground && !d.Stale(in.Now, in.StaleAfter):
		return Fail(id, title, "in the foreground, last heard "+HumanDuration(in.Now.Sub(d.LastSeenAt))+" ago: the IM server delivers messages online and sends no offline push",
			"nothing to fix if the app shows the message; test offline push with the app in the background, or send with mode force",
			"is in the foreground (messages arrive online)").
			Says(Tf("verdict.app_state.foreground.evidence", "Ago", in.Now.Sub(d.LastSeenAt)), T("verdict.app_state.foreground.fix"), T("verdict.app_state.foreground.cause"))
	case d.State == StateForeground:
		return Warn(id, title, "reported foreground but silent for "+HumanDuration(in.Now.Sub(d.LastSeenAt))+": the IM server times such clients out and sends offline push",
			"make the app report background when it leaves the foreground, so pushes are not delayed by the timeout", "reported foreground and went silent").
			Says(Tf("verdict.app_state.silent.evidence", "Silent", in.Now.Sub(d.LastSeenAt)), T("verdict.app_state.silent.fix"), T("verdict.app_state.silent.cause"))
	}
	unread, text := "", Tf("verdict.app_state.background", "Since", in.Now.Sub(d.StateSince))
	if d.Unread > 0 {
		unread = fmt.Sprintf(", %d unread", d.Unread)
		text = Tf("verdict.app_state.background_unread", "Since", in.Now.Sub(d.StateSince), "Unread", d.Unread)
	}
	return Pass(id, title, "in the background for "+since+unread+": the IM server sends offline push").Says(text)
}

func permissionCheck(in DiagnosisInput) Check {
	const id, title = "notifications", "Notification permission"
	switch n := in.Device.NotificationsEnabled; {
	case n == nil:
		return Warn(id, title, "the app did not report whether notifications are allowed",
			"report notifications_enabled with the registration (NotificationManagerCompat.areNotificationsEnabled / UNUserNotificationCenter settings)", "did not report its notification permission").
			Says(T("verdict.notifications.unknown.evidence"), T("verdict.notifications.unknown.fix"), T("verdict.notifications.unknown.cause"))
	case !*n:
		return Fail(id, title, "notifications are turned off for the app on the device: the vendor accepts pushes but the phone shows nothing",
			"the user enables notifications for the app in the phone's Settings; the app can open that page for them", "has notifications turned off").
			Says(T("verdict.notifications.off.evidence"), T("verdict.notifications.off.fix"), T("verdict.notifications.off.cause"))
	}
	return Pass(id, title, "notifications are allowed on the device").Says(T("verdict.notifications.allowed"))
}

func tokenAliveCheck(in DiagnosisInput) Check {
	const id, title = "token_alive", "Token validity"
	d := in.Device
	if d.TokenDeadAt != nil {
		return Fail(id, title, fmt.Sprintf("%s answered %s ago that this token is invalid: %s", d.Vendor.Label(), HumanDuration(in.Now.Sub(*d.TokenDeadAt)), d.TokenDeadReason),
			"the app must fetch a new token from the vendor SDK and register again; the new registration clears this", "has a token the vendor rejected").
			Says(Tf("verdict.token_alive.dead.evidence", "Vendor", d.Vendor.Text(), "Ago", in.Now.Sub(*d.TokenDeadAt), "Reason", d.TokenDeadReason),
				T("verdict.token_alive.dead.fix"), T("verdict.token_alive.dead.cause"))
	}
	return Pass(id, title, "no vendor has rejected this token").Says(T("verdict.token_alive.pass"))
}

// QuotaCheck reads the certificate's counters today for the class its
// messages travel in: the vendor's own over-quota answer, or the daily
// quota the admin entered.
func QuotaCheck(in DiagnosisInput) Check {
	const id, title = "quota", "Daily quota"
	c := in.Certificate
	u := in.Quota.Of(in.Class)
	reset := "the vendor's day resets at midnight " + VendorZoneName(in.Device.Vendor)
	switch {
	case u.ExhaustedAt != nil:
		return Fail(id, title, fmt.Sprintf("%s answered over quota (%s) for %s at %s today: more are refused until tomorrow",
			c.Vendor.Label(), u.ExhaustedCode, in.Class.Label(), VendorClock(c.Vendor, *u.ExhaustedAt)),
			"wait for the reset ("+reset+"), move IM messages to the service class, or ask the vendor for a higher quota", fmt.Sprintf("uses certificate #%d, which is over its vendor quota today", c.ID)).
			Says(Tf("verdict.quota.refused.evidence", "Vendor", c.Vendor.Text(), "Code", u.ExhaustedCode, "Class", in.Class.Text(), "Clock", ClockText(c.Vendor, *u.ExhaustedAt)),
				Tf("verdict.quota.refused.fix", "Zone", ZoneText(in.Device.Vendor)), Tf("verdict.quota.refused.cause", "ID", c.ID))
	case u.Limit == nil:
		return Pass(id, title, fmt.Sprintf("%s: %d sent today through #%d; no daily quota entered (admins enter the vendor console's figure on the Limits page)", in.Class.Label(), u.Sent, c.ID)).
			Says(Tf("verdict.quota.no_limit", "Class", in.Class.Text(), "Sent", u.Sent, "ID", c.ID))
	case u.Sent >= *u.Limit:
		return Fail(id, title, fmt.Sprintf("%d of %d %s used today on #%d: the vendor refuses the rest", u.Sent, *u.Limit, in.Class.Label(), c.ID),
			"wait for the reset ("+reset+") or raise the quota in the vendor console", fmt.Sprintf("uses certificate #%d, whose daily quota is used up", c.ID)).
			Says(Tf("verdict.quota.used_up.evidence", "Sent", u.Sent, "Limit", *u.Limit, "Class", in.Class.Text(), "ID", c.ID),
				Tf("verdict.quota.used_up.fix", "Zone", ZoneText(in.Device.Vendor)), Tf("verdict.quota.used_up.cause", "ID", c.ID))
	case u.Percent() >= QuotaWarnPercent:
		return Warn(id, title, fmt.Sprintf("%d of %d %s used today on #%d (%d%%)", u.Sent, *u.Limit, in.Class.Label(), c.ID, u.Percent()),
			"hold test pushes until tomorrow, or raise the quota in the vendor console", "uses a certificate near its daily quota").
			Says(Tf("verdict.quota.near.evidence", "Sent", u.Sent, "Limit", *u.Limit, "Class", in.Class.Text(), "ID", c.ID, "Percent", u.Percent()),
				T("verdict.quota.near.fix"), T("verdict.quota.near.cause"))
	}
	return Pass(id, title, fmt.Sprintf("%d of %d %s used today on #%d", u.Sent, *u.Limit, in.Class.Label(), c.ID)).
		Says(Tf("verdict.quota.pass", "Sent", u.Sent, "Limit", *u.Limit, "Class", in.Class.Text(), "ID", c.ID))
}

// MessageChecks look at the message the user missed, when it was
// described.
func MessageChecks(in DiagnosisInput) []Check {
	if !in.Message.Given() {
		return nil
	}
	const id, title = "message", "The missed message"
	if in.Message.Type == "custom" && in.Message.Desc == "" {
		return []Check{Fail(id, title, "a custom message without offlinePushInfo.desc: the IM server does not push it at all",
			"set offlinePushInfo desc (and title) when sending custom messages that should notify", "gets no offline push for custom messages without desc").
			Says(T("verdict.message.custom_no_desc.evidence"), T("verdict.message.custom_no_desc.fix"), T("verdict.message.custom_no_desc.cause"))}
	}
	return []Check{Pass(id, title, "a "+in.Message.Type+" message the IM server pushes offline").Says(Tf("verdict.message.pass", "Type", in.Message.Type))}
}

// VendorZoneName says in which time the vendor's days are counted.
func VendorZoneName(v Vendor) string {
	if v == VendorAPNs || v == VendorFCM {
		return "UTC"
	}
	return "Beijing time"
}
