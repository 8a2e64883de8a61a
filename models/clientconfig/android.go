package clientconfig

import (
	"fmt"
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

func androidConfig(app models.App, certs []models.Certificate) writer {
	w, parts := androidWriter(certs)
	w.add(Snippet{ID: "android-kotlin", Title: "Kotlin constants", Language: "kotlin", File: "PrivateConstants.kt", Text: kotlinConstants(app, parts)})
	w.add(Snippet{ID: "android-java", Title: "Java constants", Language: "java", File: "PrivateConstants.java", Text: javaConstants(app, parts)})
	w.add(Snippet{ID: "android-manifest", Title: "Manifest entries", Language: "xml", File: "app/src/main/AndroidManifest.xml, inside <application>", Text: manifestEntries(app, parts)})
	return w
}

// constantsIntro opens the Kotlin and Java files.
func constantsIntro(app models.App) []string {
	return []string{
		"Push IDs of \"" + app.Name + "\" from pushcheck's Client config. Each *_PUSH_BUZID is the",
		"certificate ID to report as certificate_id with that vendor's token (Tencent IM's",
		"businessID); *_PUSH_APPID, _APPKEY and _APPSECRET are what the vendor's client SDK",
		"takes. Names follow TUIKit's PrivateConstants. No server secret is in this file.",
	}
}

// androidSDK says in one line how each vendor's client SDK takes its IDs.
func androidSDK(p part) string {
	switch p.vendor {
	case models.VendorFCM:
		project := ""
		if p.cert != nil && p.cert.Settings.ProjectID != "" {
			project = " of project " + p.cert.Settings.ProjectID
		}
		return "FirebaseMessaging.getInstance().token; google-services.json" + project + " (Firebase console → Project settings) goes in app/"
	case models.VendorHuawei:
		return `HmsInstanceId.getInstance(context).getToken(HW_PUSH_APPID, "HCM"); agconnect-services.json (AppGallery Connect → Project settings) goes in app/`
	case models.VendorHonor:
		return "the SDK reads the manifest's com.hihonor.push.app_id (SDK 7.x: mcs-services.json from the Honor console, in app/)"
	case models.VendorXiaomi:
		return "MiPushClient.registerPush(context, XM_PUSH_APPID, XM_PUSH_APPKEY)"
	case models.VendorOPPO:
		return "HeytapPushManager.register(context, OPPO_PUSH_APPKEY, OPPO_PUSH_APPSECRET, callback)"
	case models.VendorVivo:
		return "PushClient.getInstance(context).initialize(); the SDK reads the AppID and AppKey from the manifest"
	case models.VendorMeizu:
		return "PushManager.register(context, MZ_PUSH_APPID, MZ_PUSH_APPKEY)"
	}
	return ""
}

// constant is one declaration in the language: the ID (a long) or a
// string value.
type constant func(name string, id bool, literal string) string

// writeConstants writes each vendor's constants, its heading first.
func writeConstants(b *strings.Builder, parts []part, decl constant, dollar bool) {
	for i, p := range parts {
		if i > 0 {
			b.WriteString("\n")
		}
		lineComments(b, "    ", p.heading(androidSDK(p))...)
		constant, _ := prefixes(p.vendor)
		prefix := constant + "_PUSH_"
		b.WriteString("    " + decl(prefix+"BUZID", true, p.idLiteral()+"L") + "\n")
		for _, v := range p.values {
			b.WriteString("    " + decl(prefix+v.key, false, quoted(v.literal(), dollar)) + todoNote(v, "//") + "\n")
		}
	}
}

func kotlinConstants(app models.App, parts []part) string {
	var b strings.Builder
	lineComments(&b, "", constantsIntro(app)...)
	b.WriteString("object PrivateConstants {\n")
	writeConstants(&b, parts, func(name string, _ bool, literal string) string {
		return "const val " + name + " = " + literal
	}, true)
	b.WriteString("}\n")
	return b.String()
}

func javaConstants(app models.App, parts []part) string {
	var b strings.Builder
	lineComments(&b, "", constantsIntro(app)...)
	b.WriteString("public final class PrivateConstants {\n    private PrivateConstants() {}\n\n")
	writeConstants(&b, parts, func(name string, id bool, literal string) string {
		kind := "String"
		if id {
			kind = "long"
		}
		return "public static final " + kind + " " + name + " = " + literal + ";"
	}, false)
	b.WriteString("}\n")
	return b.String()
}

// metaData is one manifest entry: the vendor SDK's name for it and the
// value it holds.
type metaData struct {
	name   string
	value  value
	prefix string // Huawei's SDK wants "appid=" before the number
}

// manifestData are the entries the vendors' SDKs read from the manifest:
// Huawei's (an older way beside agconnect-services.json), Honor's and
// vivo's, whose client values live nowhere else.
func manifestData(p part) []metaData {
	find := func(key string) value {
		for _, v := range p.values {
			if v.key == key {
				return v
			}
		}
		return value{}
	}
	switch p.vendor {
	case models.VendorHuawei:
		return []metaData{{name: "com.huawei.hms.client.appid", value: find("APPID"), prefix: "appid="}}
	case models.VendorHonor:
		return []metaData{{name: "com.hihonor.push.app_id", value: find("APPID")}}
	case models.VendorVivo:
		return []metaData{{name: "com.vivo.push.api_key", value: find("APPKEY")}, {name: "com.vivo.push.app_id", value: find("APPID")}}
	}
	return nil
}

func manifestEntries(app models.App, parts []part) string {
	var b strings.Builder
	b.WriteString("<!-- " + note("Push IDs of \""+app.Name+"\" from pushcheck's Client config: the vendors whose SDK reads the manifest.") + " -->\n")
	for _, p := range parts {
		entries := manifestData(p)
		if len(entries) == 0 {
			continue
		}
		b.WriteString("<!-- " + note(p.title()) + " -->\n")
		for _, m := range entries {
			if m.value.text == "" {
				b.WriteString("<!-- TODO: " + note(m.value.where) + " -->\n")
			}
			fmt.Fprintf(&b, "<meta-data android:name=%q android:value=\"%s\" />\n", m.name, xmlAttr(m.prefix+m.value.literal()))
		}
	}
	return b.String()
}
