package clientconfig

import (
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// flutterConfig is the Dart PushAppInfo of the TUIKit push plugin
// (tim_ui_kit_push_plugin, lib/model/appInfo.dart: hw_buz_id, mi_buz_id,
// mi_app_id, mi_app_key, mz_buz_id, mz_app_id, mz_app_key, vivo_buz_id,
// oppo_buz_id, oppo_app_key, oppo_app_secret, google_buz_id, apple_buz_id,
// honor_buz_id), with the Android manifest and the iOS entitlement the
// plugin's native sides still read.
func flutterConfig(app models.App, certs []models.Certificate) writer {
	w, parts := androidWriter(certs)
	a := chooseAPNs(certs)
	a.lacks(&w)
	w.add(Snippet{ID: "flutter-dart", Title: "Dart PushAppInfo", Language: "dart", File: "lib/push_config.dart", Text: dartAppInfo(app, parts, a)})
	w.add(Snippet{ID: "flutter-manifest", Title: "Android manifest entries", Language: "xml", File: "android/app/src/main/AndroidManifest.xml, inside <application>", Text: manifestEntries(app, parts)})
	w.add(entitlements("flutter-entitlements", "ios/Runner/Runner.entitlements"))
	return w
}

func dartAppInfo(app models.App, parts []part, a apnsBuilds) string {
	var b strings.Builder
	split := idOrZero(a.development) != idOrZero(a.production)
	if split {
		b.WriteString("import 'package:flutter/foundation.dart'; // kReleaseMode, for apple_buz_id\n\n")
	}
	lineComments(&b, "", "Push IDs of \""+app.Name+"\" from pushcheck's Client config, as the TUIKit push",
		"plugin's PushAppInfo takes them: each *_buz_id is the certificate ID to report with",
		"that vendor's token. Huawei's, Honor's and vivo's app IDs are read from the Android",
		"manifest (next snippet) and agconnect-services.json. No server secret is here.")
	b.WriteString("final PushAppInfo pushAppInfo = PushAppInfo(\n")
	for _, p := range parts {
		lineComments(&b, "  ", p.heading("")...)
		_, dart := prefixes(p.vendor)
		b.WriteString("  " + dart + "_buz_id: " + p.idLiteral() + ",\n")
		for _, v := range p.values {
			if v.dart != "" {
				b.WriteString("  " + v.dart + ": " + quoted(v.literal(), true) + "," + todoNote(v, "//") + "\n")
			}
		}
	}
	lineComments(&b, "  ", "APNs development builds: "+buildNote(a.development, "development"),
		"APNs release builds: "+buildNote(a.production, "production"))
	apple := idOrZero(a.production)
	if split {
		apple = "kReleaseMode ? " + idOrZero(a.production) + " : " + idOrZero(a.development)
	}
	b.WriteString("  apple_buz_id: " + apple + ",\n);\n")
	return b.String()
}
