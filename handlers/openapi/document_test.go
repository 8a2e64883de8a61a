package openapi

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestJSONNamesTheServerAndKeepsTheOrder(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// A Host header is the client's to choose: it must stay a JSON string.
	body, err := d.JSON(`http://evil"},"x":{"a":"1`)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Paths map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Servers) != 1 || doc.Servers[0].URL != `http://evil"},"x":{"a":"1` {
		t.Errorf("openapi %q, servers %+v", doc.OpenAPI, doc.Servers)
	}
	if !bytes.HasPrefix(body, []byte("{\n  \"openapi\": \"3.1.0\",\n  \"info\"")) {
		t.Errorf("keys are not in the YAML's order: %.60s", body)
	}
	if strings.Contains(string(body), serverPlaceholder) || len(doc.Paths) < 30 {
		t.Errorf("placeholder left, or %d paths", len(doc.Paths))
	}
}

func TestScalarsKeepTheirJSONTypes(t *testing.T) {
	var n yaml.Node
	src := "a: 1\nb: -1.5\nc: true\nd: null\ne: 2026-11-30T18:43:35Z\nf: \"10001\"\ng: [x, 2]\nh: ~\ni: <dict> & \"x\"\n"
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeJSON(&buf, &n); err != nil {
		t.Fatal(err)
	}
	want := `{"a":1,"b":-1.5,"c":true,"d":null,"e":"2026-11-30T18:43:35Z","f":"10001","g":["x",2],"h":null,"i":"<dict> & \"x\""}`
	if buf.String() != want {
		t.Errorf("got  %s\nwant %s", buf.String(), want)
	}
}

func TestReferenceFollowsTheDocument(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := d.Reference()
	ops := map[string]bool{}
	for _, tag := range ref.Tags {
		if len(tag.Operations) == 0 {
			t.Errorf("tag %q has no operations", tag.Name)
		}
		for _, op := range tag.Operations {
			ops[op.ID] = true
			if op.Summary == "" || len(op.Responses) == 0 {
				t.Errorf("%s: no summary or no responses", op.ID)
			}
		}
	}
	if !ops["registerDevice"] || !ops["sendPush"] || !ops["receiveXiaomiReceipt"] {
		t.Errorf("operations missing: %v", ops)
	}
	for _, tag := range ref.Tags {
		for _, op := range tag.Operations {
			if op.ID != "sendPush" {
				continue
			}
			if op.Auth != "operatorToken" || op.Role != "operator" || op.Body == nil || op.Body.TypeRef != "PushRequest" || len(op.Body.Examples) < 3 {
				t.Errorf("sendPush: %+v", op)
			}
		}
	}
}
