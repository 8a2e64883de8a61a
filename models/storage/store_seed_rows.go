package storage

import (
	"fmt"

	"github.com/pushcheck/pushcheck/models"
)

// The shape of the seeded rows. Shares are percentages, roughly those of a
// Chinese-market IM app: APNs for iPhones, then the Android vendors by
// market share, FCM for the phones sold abroad.
func seedVendors() []seedChoice {
	return []seedChoice{
		{30, "'apns'"}, {20, "'huawei'"}, {12, "'xiaomi'"}, {12, "'oppo'"}, {12, "'vivo'"},
		{6, "'honor'"}, {5, "'fcm'"}, {3, "'meizu'"},
	}
}

func seedStates() []seedChoice {
	return []seedChoice{{30, "'foreground'"}, {60, "'background'"}, {10, "'logged_out'"}}
}

// The furthest stage of seeded deliveries.
func seedStages() []seedChoice {
	return []seedChoice{
		{15, "'accepted'"}, {40, "'delivered'"}, {10, "'received'"}, {7, "'displayed'"}, {5, "'clicked'"},
		{8, "'skipped'"}, {8, "'rejected'"}, {4, "'failed'"}, {3, "'undelivered'"},
	}
}

// devices inserts devices lo..hi of the plan. The series yields them in
// order, so IDs follow device numbers without the cost of a sort.
func (q seedSQL) devices(p SeedPlan, lo, hi int64) string {
	certs := "CASE vendor"
	for _, v := range models.AllVendors() {
		if id, ok := p.Certificates[v]; ok {
			certs += fmt.Sprintf(" WHEN '%s' THEN %d", v, id)
		}
	}
	certs += " END"
	// A foreground device is mostly seen in the last ten minutes; the rest
	// are spread over the whole period, so "stale" finds some.
	seen := fmt.Sprintf("CASE WHEN state = 'foreground' AND %s < 70 THEN (n * 7919) %% 600 ELSE (n * 7919) %% %d END", bucket("n", multFresh), seedSpread)
	return fmt.Sprintf(`INSERT INTO devices (app_id, device_id, user_id, platform, vendor, token, certificate_id, environment,
	app_version, os_version, rom, model, sdk_version, notifications_enabled, locale, token_dead_at, token_dead_reason,
	state, unread, state_since, registered_at, last_seen_at, created_at)
SELECT %d, %s, %s, CASE vendor WHEN 'apns' THEN 'ios' ELSE 'android' END, vendor, %s, %s,
	CASE WHEN vendor <> 'apns' THEN '' WHEN n %% 10 = 3 THEN 'development' ELSE 'production' END,
	'6.' || CAST(n %% 4 AS TEXT) || '.0', %s, %s, %s, '8.1.6', (n %% 20 <> 7),
	CASE WHEN vendor IN ('apns', 'fcm') AND n %% 3 = 0 THEN 'en-US' ELSE 'zh-CN' END,
	CASE WHEN n %% 100 = 37 THEN %s END,
	CASE WHEN n %% 100 = 37 THEN 'Unregistered: the app was uninstalled or the token rotated' ELSE '' END,
	state, CASE state WHEN 'background' THEN n %% 20 ELSE 0 END, %s, %s, %s, %s
FROM (SELECT n, vendor, state, h1, h2, seen, seen + (n * 104729) %% (%d - seen) AS registered
	FROM (SELECT n, vendor, state, h1, h2, %s AS seen
		FROM (SELECT n, %s AS vendor, %s AS state, %s AS h1, %s AS h2 FROM %s) AS s1) AS s2) AS s3`,
		p.AppID, q.padded("d", "n", p.deviceWidth()), q.padded("u", fmt.Sprintf("(n - 1) %% %d + 1", p.Users), p.userWidth()),
		seedToken, certs, seedOSVersion, seedROM, seedModel,
		q.ago("seen / 2"),
		q.ago("seen"), q.ago("registered"), q.ago("seen"), q.ago("registered"),
		seedSpread+1, seen,
		pick(bucket("n", multVendor), seedVendors()), pick(bucket("n", multState), seedStates()),
		q.hex32("a", "n"), q.hex32("b", "n"), q.series(lo, hi, "g"))
}

// seedToken is a token of each vendor's shape (APNs: 64 hex digits),
// made of the row's two hex strings h1 and h2. None contains a word the
// sandbox emulators read as a script ("unregistered", "quota", …).
const seedToken = `CASE vendor
	WHEN 'apns' THEN h1 || h2
	WHEN 'fcm' THEN substr(h1, 1, 11) || ':APA91b' || h2 || h1
	WHEN 'huawei' THEN 'IQAAAACy0' || h1 || h2
	WHEN 'honor' THEN 'AQAAAACy0' || h1 || substr(h2, 1, 16)
	WHEN 'xiaomi' THEN substr(h1, 1, 22) || substr(h2, 1, 22)
	WHEN 'oppo' THEN 'CN_' || h1
	WHEN 'vivo' THEN '1607' || substr(h1, 1, 19)
	ELSE 'UCI' || h1 END`

const seedOSVersion = `CASE WHEN vendor = 'apns' THEN (CASE WHEN n % 3 = 0 THEN '17.6' ELSE '18.2' END) ELSE CAST(12 + n % 4 AS TEXT) END`

const seedROM = `CASE vendor WHEN 'huawei' THEN 'HarmonyOS 4.2' WHEN 'honor' THEN 'MagicOS 8.0' WHEN 'xiaomi' THEN 'HyperOS 1.0'
	WHEN 'oppo' THEN 'ColorOS 14' WHEN 'vivo' THEN 'OriginOS 4' WHEN 'meizu' THEN 'Flyme 11' ELSE '' END`

const seedModel = `CASE vendor
	WHEN 'apns' THEN (CASE n % 3 WHEN 0 THEN 'iPhone 13' WHEN 1 THEN 'iPhone 15' ELSE 'iPhone 16 Pro' END)
	WHEN 'fcm' THEN (CASE n % 2 WHEN 0 THEN 'Pixel 8' ELSE 'Galaxy S24' END)
	WHEN 'huawei' THEN (CASE n % 2 WHEN 0 THEN 'Mate 60' ELSE 'nova 12' END)
	WHEN 'honor' THEN 'Magic6'
	WHEN 'xiaomi' THEN (CASE n % 2 WHEN 0 THEN 'Xiaomi 14' ELSE 'Redmi Note 13' END)
	WHEN 'oppo' THEN (CASE n % 2 WHEN 0 THEN 'Find X7' ELSE 'Reno11' END)
	WHEN 'vivo' THEN (CASE n % 2 WHEN 0 THEN 'X100' ELSE 'iQOO 12' END)
	ELSE 'Meizu 21' END`

// deviceEvents writes the timelines of devices lo..hi: first "registered",
// last the device's current state, foreground/background (and a few token
// changes) in between, spaced evenly from registration to last seen.
func (q seedSQL) deviceEvents(p SeedPlan, lo, hi int64) string {
	base, extra := p.Events/p.Devices, p.Events%p.Devices
	dn := q.number("d.device_id", 1)
	per := fmt.Sprintf("(%d + CASE WHEN %s <= %d THEN 1 ELSE 0 END)", base, dn, extra)
	reg, seen := q.epoch("d.registered_at"), q.epoch("d.last_seen_at")
	return fmt.Sprintf(`INSERT INTO device_events (app_id, device_pk, device_id, user_id, kind, detail, created_at)
SELECT d.app_id, d.id, d.device_id, d.user_id,
	CASE WHEN e.n = 1 THEN 'registered'
		WHEN e.n = %[1]s THEN (CASE d.state WHEN 'logged_out' THEN 'logout' ELSE d.state END)
		WHEN %[2]s < 8 THEN 'token_changed'
		WHEN (%[1]s - e.n) %% 2 = 1 THEN 'foreground' ELSE 'background' END,
	'',
	%[3]s
FROM devices d JOIN %[4]s ON e.n <= %[1]s
WHERE d.app_id = %[5]d AND d.device_id BETWEEN '%[6]s' AND '%[7]s'
ORDER BY d.id, e.n`,
		per, bucket(fmt.Sprintf("%s * 16 + e.n", dn), multEvent),
		q.at(fmt.Sprintf("%[1]s + CASE WHEN %[3]s > 1 THEN (%[2]s - %[1]s) * (e.n - 1) / (%[3]s - 1) ELSE 0 END", reg, seen, per)),
		q.series(1, base+1, "e"), p.AppID, p.DeviceID(lo), p.DeviceID(hi))
}

// pushes writes pushes lo..hi, each to one user, newest last. The one
// argument is the operator's email.
func (q seedSQL) pushes(p SeedPlan, lo, hi int64) string {
	return fmt.Sprintf(`INSERT INTO pushes (app_id, operator_id, operator_email, target, mode, dry_run, message, created_at)
SELECT %d, %d, ?, 'user:' || %s, CASE WHEN n %% 5 = 0 THEN 'force' ELSE 'as_im_server' END, FALSE,
	'{"title":"Scale test ' || CAST(n AS TEXT) || '","desc":"You have a new message"}', %s
FROM %s ORDER BY n`,
		p.AppID, p.OperatorID, q.padded("u", fmt.Sprintf("(n - 1) * 7919 %% %d + 1", p.Users), p.userWidth()),
		q.ago(fmt.Sprintf("60 + (%d - n) * %d / %d", p.Pushes, seedSpread, p.Pushes)), q.series(lo, hi, "g"))
}

// deliveries writes the deliveries of the app's pushes first..last: one to
// five of the target user's devices each, with stages spread.
func (q seedSQL) deliveries(p SeedPlan, first, last int64) string {
	user := q.number("p.target", len("user:u"))
	created := q.epoch("x.created_at")
	return fmt.Sprintf(`INSERT INTO deliveries (id, push_id, app_id, device_pk, device_id, user_id, vendor, certificate_id, class,
	status, kind, http_status, code, explanation, fix, vendor_message_id, unique_id, latency_ms, request, response, warnings,
	created_at, sent_at, finished_at, stage, stage_rank, stage_at, token_hash, plan)
SELECT 'dlv_' || substr(%[1]s, 1, 26), x.id, x.app_id, d.id, d.device_id, d.user_id, d.vendor, d.certificate_id, 'standard',
	CASE WHEN x.stage IN ('skipped', 'rejected', 'failed') THEN x.stage ELSE 'accepted' END,
	CASE x.stage WHEN 'skipped' THEN '' WHEN 'rejected' THEN 'dead_token' WHEN 'failed' THEN 'transient' ELSE 'accepted' END,
	CASE x.stage WHEN 'skipped' THEN 0 WHEN 'failed' THEN 0 WHEN 'rejected' THEN 400 ELSE 200 END,
	CASE x.stage WHEN 'skipped' THEN 'foreground' WHEN 'rejected' THEN 'invalid_token' WHEN 'failed' THEN 'timeout' ELSE '' END,
	CASE x.stage WHEN 'skipped' THEN 'The app is in the foreground: the IM server delivers online, not by push'
		WHEN 'rejected' THEN 'The token is no longer valid: the app was uninstalled or the token rotated'
		WHEN 'failed' THEN 'The vendor did not answer in time' ELSE '' END,
	'',
	CASE WHEN x.stage IN ('skipped', 'rejected', 'failed') THEN '' ELSE 'msg_' || %[2]s END,
	'', CASE WHEN x.stage = 'skipped' THEN 0 ELSE 40 + x.id %% 300 END, '', '', '[]',
	x.created_at, CASE WHEN x.stage = 'skipped' THEN NULL ELSE x.created_at END, %[3]s, x.stage,
	CASE x.stage WHEN 'delivered' THEN 3 WHEN 'undelivered' THEN 3 WHEN 'received' THEN 4 WHEN 'displayed' THEN 5 WHEN 'clicked' THEN 6 ELSE 2 END,
	%[4]s, '', CASE WHEN x.stage = 'skipped' THEN '' ELSE 'receipt requested' END
FROM (SELECT p.id, p.app_id, p.created_at, j.n AS j, %[5]s AS u, %[6]s AS stage
	FROM pushes p JOIN %[7]s ON j.n <= %[8]s
	WHERE p.app_id = %[9]d AND p.id BETWEEN %[10]d AND %[11]d) AS x
JOIN devices d ON d.app_id = x.app_id AND d.device_id = %[12]s
ORDER BY x.id, x.j`,
		q.hex32("dlv", fmt.Sprintf("x.id * 8 + x.j + %d", p.AppID<<32)), q.hex32("msg", "x.id * 8 + x.j"),
		q.at(fmt.Sprintf("%s + CASE WHEN x.stage = 'skipped' THEN 0 ELSE 1 END", created)),
		q.at(fmt.Sprintf("%s + %s - 1", created, seedEventCount("x.stage"))),
		user, pick(bucket("p.id * 8 + j.n", multStage), seedStages()),
		q.series(0, 4, "j"), bucket("p.id", multPushSize)+" % 5",
		p.AppID, first, last,
		q.padded("d", fmt.Sprintf("x.u + x.j * %d", p.Users), p.deviceWidth()))
}

// seedEventCount is how many trace steps lead to a stage: queued, sent,
// the vendor's answer (all three read from the delivery's row), the
// receipt, then each ack; a skipped delivery has only its "skipped".
func seedEventCount(stage string) string {
	return fmt.Sprintf(`CASE %s WHEN 'skipped' THEN 1 WHEN 'delivered' THEN 4 WHEN 'undelivered' THEN 4
	WHEN 'received' THEN 5 WHEN 'displayed' THEN 6 WHEN 'clicked' THEN 7 ELSE 3 END`, stage)
}

// deliveryEvents writes the events of each delivery's trace up to its
// stage, a second apart: the receipt (step 4) and the acks.
func (q seedSQL) deliveryEvents(p SeedPlan, first, last int64) string {
	at := q.at(fmt.Sprintf("%s + e.n - 1", q.epoch("d.created_at")))
	return fmt.Sprintf(`INSERT INTO delivery_events (app_id, delivery_id, vendor, certificate_id, stage, source, code, explanation,
	vendor_message_id, token, raw, at, received_at)
SELECT d.app_id, d.id, d.vendor, d.certificate_id,
	CASE e.n WHEN 4 THEN (CASE d.stage WHEN 'undelivered' THEN 'undelivered' ELSE 'delivered' END)
		WHEN 5 THEN 'received' WHEN 6 THEN 'displayed' ELSE 'clicked' END,
	CASE WHEN e.n = 4 THEN 'receipt' ELSE 'device' END,
	'', '', d.vendor_message_id, '', '', %[1]s, %[1]s
FROM deliveries d JOIN %[2]s ON e.n <= %[3]s
WHERE d.app_id = %[4]d AND d.push_id BETWEEN %[5]d AND %[6]d
ORDER BY d.push_id, d.id, e.n`,
		at, q.series(4, 7, "e"), seedEventCount("d.stage"), p.AppID, first, last)
}
