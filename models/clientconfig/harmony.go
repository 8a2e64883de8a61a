package clientconfig

import (
	"strings"

	"github.com/pushcheck/pushcheck/models"
)

// harmonyConfig is what a HarmonyOS NEXT app (Push Kit v3) needs: the
// certificate ID of a harmony certificate to report with the token from
// pushService.getToken(), and the client ID Push Kit reads from
// module.json5. Phones on HarmonyOS 2–4 run the Android app and its
// Huawei (Push Kit v1) certificate instead.
func harmonyConfig(app models.App, certs []models.Certificate) writer {
	var w writer
	cert, others := choose(certs, models.VendorHarmony, releaseOrder()...)
	p := part{vendor: models.VendorHarmony, cert: cert, others: others, values: clientValues(models.VendorHarmony, cert)}
	p.lacks(&w)
	w.add(Snippet{ID: "harmony-arkts", Title: "ArkTS constant", Language: "arkts", File: "entry/src/main/ets/common/PushConfig.ets", Text: arktsConstant(app, p)})
	w.add(Snippet{ID: "harmony-module", Title: "module.json5 client ID", Language: "json5", File: "entry/src/main/module.json5, inside \"module\"", Text: moduleClientID(p)})
	return w
}

func arktsConstant(app models.App, p part) string {
	var b strings.Builder
	lineComments(&b, "", "HarmonyOS NEXT push ID of \""+app.Name+"\" from pushcheck's Client config. Report",
		"HARMONY_CERTIFICATE_ID as certificate_id, with platform \"harmony\", vendor \"harmony\"",
		"and the token from pushService.getToken() (@kit.PushKit), at every start.")
	lineComments(&b, "", p.heading("")...)
	b.WriteString("export const HARMONY_CERTIFICATE_ID: number = " + p.idLiteral() + ";\n")
	return b.String()
}

func moduleClientID(p part) string {
	v := p.values[0]
	var b strings.Builder
	lineComments(&b, "", "Push Kit reads the app's client ID from the module's metadata.")
	b.WriteString("\"metadata\": [\n  {\n    \"name\": \"client_id\",\n")
	b.WriteString("    \"value\": " + quoted(v.literal(), false) + todoNote(v, "//") + "\n  }\n]\n")
	return b.String()
}
