package clientconfig

import (
	"strings"
	"testing"

	"github.com/pushcheck/pushcheck/models"
)

// demoCertificates is the demo app's set: one sandbox certificate per
// vendor, a second OPPO one, and the client values of a finished setup
// except Meizu's AppKey and HarmonyOS's client ID.
func demoCertificates() []models.Certificate {
	cert := func(id int64, v models.Vendor, name string, s models.CertificateSettings) models.Certificate {
		return models.Certificate{ID: id, Vendor: v, Name: name, Environment: models.CertSandbox, Settings: s}
	}
	return []models.Certificate{
		cert(10012, models.VendorHarmony, "Sandbox HarmonyOS NEXT", models.CertificateSettings{}),
		cert(10001, models.VendorAPNs, "Sandbox APNs", models.CertificateSettings{BundleID: "com.example.im"}),
		cert(10002, models.VendorFCM, "Sandbox FCM", models.CertificateSettings{ProjectID: "demo-project"}),
		cert(10003, models.VendorHuawei, "Sandbox Huawei", models.CertificateSettings{AppID: "104000001"}),
		cert(10004, models.VendorHonor, "Sandbox Honor", models.CertificateSettings{AppID: "104000002"}),
		cert(10005, models.VendorXiaomi, "Sandbox Xiaomi", models.CertificateSettings{ClientAppID: "2882303761520000001", ClientAppKey: "5102000000001"}),
		cert(10006, models.VendorOPPO, "Sandbox OPPO", models.CertificateSettings{AppKey: "demoOppoAppKey", ClientAppSecret: "demoOppoAppSecret"}),
		cert(10007, models.VendorVivo, "Sandbox vivo", models.CertificateSettings{AppID: "104000003", AppKey: "demoVivoAppKey"}),
		cert(10008, models.VendorMeizu, "Sandbox Meizu", models.CertificateSettings{AppID: "104000004"}),
		cert(10009, models.VendorOPPO, "Sandbox OPPO without channel", models.CertificateSettings{AppKey: "demoOppoAppKey2"}),
	}
}

var demoApp = models.App{ID: 1, Name: "Demo IM"}

func snippet(t *testing.T, c Config, id string) string {
	t.Helper()
	s, ok := c.Snippet(id)
	if !ok {
		t.Fatalf("%s has no snippet %s", c.Platform, id)
	}
	return s.Text
}

func mustContain(t *testing.T, where, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", where, w, text)
		}
	}
}

func TestAndroidSnippetsCarryEachVendorsIDs(t *testing.T) {
	c := Build(Android, demoApp, demoCertificates())
	kotlin, java, manifest := snippet(t, c, "android-kotlin"), snippet(t, c, "android-java"), snippet(t, c, "android-manifest")
	mustContain(t, "Kotlin", kotlin,
		"const val GOOGLE_FCM_PUSH_BUZID = 10002L\n", "const val HW_PUSH_BUZID = 10003L\n", `const val HW_PUSH_APPID = "104000001"`,
		"const val HONOR_PUSH_BUZID = 10004L\n", `const val HONOR_PUSH_APPID = "104000002"`,
		"const val XM_PUSH_BUZID = 10005L\n", `const val XM_PUSH_APPID = "2882303761520000001"`, `const val XM_PUSH_APPKEY = "5102000000001"`,
		"const val OPPO_PUSH_BUZID = 10006L\n", `const val OPPO_PUSH_APPKEY = "demoOppoAppKey"`, `const val OPPO_PUSH_APPSECRET = "demoOppoAppSecret"`,
		"const val VIVO_PUSH_BUZID = 10007L\n", `const val VIVO_PUSH_APPID = "104000003"`, `const val VIVO_PUSH_APPKEY = "demoVivoAppKey"`,
		"const val MZ_PUSH_BUZID = 10008L\n", `const val MZ_PUSH_APPID = "104000004"`,
		// The second OPPO certificate is named, not chosen.
		`other OPPO certificates: #10009 "Sandbox OPPO without channel" (sandbox)`)
	mustContain(t, "Java", java, "public static final long XM_PUSH_BUZID = 10005L;", `public static final String OPPO_PUSH_APPSECRET = "demoOppoAppSecret";`,
		"public static final long VIVO_PUSH_BUZID = 10007L;")
	mustContain(t, "manifest", manifest, `<meta-data android:name="com.huawei.hms.client.appid" android:value="appid=104000001" />`,
		`<meta-data android:name="com.hihonor.push.app_id" android:value="104000002" />`,
		`<meta-data android:name="com.vivo.push.api_key" android:value="demoVivoAppKey" />`,
		`<meta-data android:name="com.vivo.push.app_id" android:value="104000003" />`)
	for _, s := range []string{kotlin, java, manifest} {
		if strings.Contains(s, "10001") || strings.Contains(s, "10012") {
			t.Errorf("an Android snippet names the APNs or HarmonyOS certificate:\n%s", s)
		}
	}
	checkKotlin(t, kotlin)
	checkJava(t, java)
	checkXML(t, "manifest", `<application xmlns:android="http://schemas.android.com/apk/res/android">`+manifest+`</application>`)
}

func TestMissingValuesBecomePlaceholdersAndAreListed(t *testing.T) {
	c := Build(Android, demoApp, demoCertificates())
	kotlin := snippet(t, c, "android-kotlin")
	mustContain(t, "Kotlin", kotlin, `const val MZ_PUSH_APPKEY = "TODO" // TODO: Flyme push platform`)
	want := Missing{Vendor: models.VendorMeizu, CertificateID: 10008, Field: "meizu.client_app_key", What: "Meizu AppKey"}
	if len(c.Missing) != 1 || c.Missing[0].Field != want.Field || c.Missing[0].CertificateID != want.CertificateID || !strings.Contains(c.Missing[0].Where, "Flyme") {
		t.Fatalf("missing: %+v", c.Missing)
	}

	// Without Xiaomi's certificate its ID is 0 and its values TODOs; the
	// list asks for the certificate, not for values it cannot hold yet.
	var noXiaomi []models.Certificate
	for _, cert := range demoCertificates() {
		if cert.Vendor != models.VendorXiaomi {
			noXiaomi = append(noXiaomi, cert)
		}
	}
	c = Build(Flutter, demoApp, noXiaomi)
	dart := snippet(t, c, "flutter-dart")
	mustContain(t, "Dart", dart, "  mi_buz_id: 0,\n", `  mi_app_id: "TODO", // TODO: Xiaomi open platform`, "Xiaomi: no certificate yet")
	var asks []string
	for _, m := range c.Missing {
		if m.Vendor == models.VendorXiaomi {
			asks = append(asks, m.What)
		}
	}
	if strings.Join(asks, ";") != "a Xiaomi certificate" {
		t.Fatalf("Xiaomi's TODOs: %q", asks)
	}
	checkDart(t, dart)

	c = Build(Harmony, demoApp, demoCertificates())
	mustContain(t, "module.json5", snippet(t, c, "harmony-module"), `"value": "TODO" // TODO: AppGallery Connect`)
	if len(c.Missing) != 1 || c.Missing[0].Field != "harmony.client_id" {
		t.Fatalf("HarmonyOS missing: %+v", c.Missing)
	}
}

// A release build reports the production certificate, a debug build the
// development one; a sandbox certificate stands in for either, and a
// missing one is a TODO of 0.
func TestIOSBuildsReportTheirEnvironmentsCertificate(t *testing.T) {
	certs := append(demoCertificates(),
		models.Certificate{ID: 10020, Vendor: models.VendorAPNs, Name: "iOS production", Environment: models.CertProduction, Topic: "com.example.im"})
	swift := snippet(t, Build(IOS, demoApp, certs), "ios-swift")
	dev, prod, _ := strings.Cut(swift, "#else")
	mustContain(t, "debug branch", dev, "static let certificateID: Int64 = 10001\n", `static let apsEnvironment = "development"`, "real pushes need a development certificate")
	mustContain(t, "release branch", prod, "static let certificateID: Int64 = 10020\n", `static let apsEnvironment = "production"`, "topic com.example.im")
	checkBraces(t, "Swift", swift, '{', '}')

	c := Build(IOS, demoApp, []models.Certificate{certs[len(certs)-1]})
	swift = snippet(t, c, "ios-swift")
	dev, _, _ = strings.Cut(swift, "#else")
	mustContain(t, "debug branch without a development certificate", dev, "static let certificateID: Int64 = 0\n", "TODO: no APNs development certificate")
	if len(c.Missing) != 1 || c.Missing[0].What != "an APNs development certificate" {
		t.Fatalf("missing: %+v", c.Missing)
	}
	checkXML(t, "entitlements", snippet(t, c, "ios-entitlements"))
	mustContain(t, "entitlements", snippet(t, c, "ios-entitlements"), "<key>aps-environment</key>\n\t<string>development</string>")

	dart := snippet(t, Build(Flutter, demoApp, certs), "flutter-dart")
	mustContain(t, "Dart", dart, "import 'package:flutter/foundation.dart';", "  apple_buz_id: kReleaseMode ? 10020 : 10001,\n")
	checkDart(t, dart)
}

func TestFlutterIsShapedLikePushAppInfo(t *testing.T) {
	c := Build(Flutter, demoApp, demoCertificates())
	dart := snippet(t, c, "flutter-dart")
	mustContain(t, "Dart", dart, "final PushAppInfo pushAppInfo = PushAppInfo(\n",
		"  google_buz_id: 10002,\n", "  hw_buz_id: 10003,\n", "  honor_buz_id: 10004,\n", "  mi_buz_id: 10005,\n",
		`  mi_app_id: "2882303761520000001",`, `  mi_app_key: "5102000000001",`, "  oppo_buz_id: 10006,\n",
		`  oppo_app_key: "demoOppoAppKey",`, `  oppo_app_secret: "demoOppoAppSecret",`, "  vivo_buz_id: 10007,\n",
		"  mz_buz_id: 10008,\n", `  mz_app_id: "104000004",`, "  apple_buz_id: 10001,\n")
	if strings.Contains(dart, "kReleaseMode") {
		t.Errorf("one APNs certificate for both builds needs no kReleaseMode:\n%s", dart)
	}
	checkDart(t, dart)
	mustContain(t, "Flutter manifest", snippet(t, c, "flutter-manifest"), `android:name="com.vivo.push.app_id" android:value="104000003"`)
	snippet(t, c, "flutter-entitlements")
}

func TestHarmonyReportsTheHarmonyCertificate(t *testing.T) {
	certs := demoCertificates()
	certs[0].Settings.ClientID = "111222333"
	c := Build(Harmony, demoApp, certs)
	mustContain(t, "ArkTS", snippet(t, c, "harmony-arkts"), "export const HARMONY_CERTIFICATE_ID: number = 10012;\n", "pushService.getToken()")
	module := snippet(t, c, "harmony-module")
	mustContain(t, "module.json5", module, `"name": "client_id"`, `"value": "111222333"`)
	if len(c.Missing) != 0 {
		t.Fatalf("missing: %+v", c.Missing)
	}
	checkJSON5(t, module)
}

// Values are escaped for each language and names flattened in comments,
// whatever an admin typed.
func TestOddValuesStayValidCode(t *testing.T) {
	odd := `k"$\<&'x`
	certs := []models.Certificate{{ID: 10006, Vendor: models.VendorOPPO, Name: "OPPO -- \"test\"\n*/ \\u000a", Environment: models.CertProduction,
		Settings: models.CertificateSettings{AppKey: odd}}, {ID: 10007, Vendor: models.VendorVivo, Name: "vivo <!-- -- -->", Environment: models.CertProduction,
		Settings: models.CertificateSettings{AppID: "1", AppKey: odd}}}
	c := Build(Android, models.App{ID: 1, Name: "A \"B\"\nC"}, certs)
	kotlin, java := snippet(t, c, "android-kotlin"), snippet(t, c, "android-java")
	checkKotlin(t, kotlin)
	checkJava(t, java)
	if got := stringValue(t, java, "OPPO_PUSH_APPKEY"); got != odd {
		t.Errorf("Java literal reads back as %q", got)
	}
	mustContain(t, "Kotlin", kotlin, `"k\"\$\\<&'x"`)
	manifest := snippet(t, c, "android-manifest")
	checkXML(t, "manifest", `<application xmlns:android="http://schemas.android.com/apk/res/android">`+manifest+`</application>`)
	if got := xmlAttribute(t, manifest, "com.vivo.push.api_key"); got != odd {
		t.Errorf("manifest value reads back as %q", got)
	}
	mustContain(t, "Dart", snippet(t, Build(Flutter, demoApp, certs), "flutter-dart"), `oppo_app_key: "k\"\$\\<&'x",`)
}

func TestParsePlatform(t *testing.T) {
	for in, want := range map[string]Platform{"": Android, "android": Android, "ios": IOS, "flutter": Flutter, "harmony": Harmony} {
		if got, err := ParsePlatform(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	_, err := ParsePlatform("web")
	if e, ok := models.AsError(err); !ok || e.Code != models.CodeInvalid || e.Field != "platform" {
		t.Fatalf("unknown platform: %v", err)
	}
}
