package models

import (
	"strings"
	"testing"
)

// A notification group is checked for Huawei and Honor, and refused with
// the field named.
func TestNotificationGroupIsValidated(t *testing.T) {
	cases := []struct {
		name  string
		req   PushRequest
		field string
	}{
		{"Huawei group", PushRequest{Huawei: &HuaweiPushOptions{Group: "c2c_bob"}}, ""},
		{"Honor group", PushRequest{Honor: &HonorPushOptions{Group: "群聊 42"}}, ""},
		{"Huawei group with a trailing space", PushRequest{Huawei: &HuaweiPushOptions{Group: "c2c_bob "}}, "huawei.group"},
		{"Honor group too long", PushRequest{Honor: &HonorPushOptions{Group: strings.Repeat("群", maxGroup+1)}}, "honor.group"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := validateVendorOptions(tc.req)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if e, ok := AsError(err); !ok || e.Field != tc.field {
				t.Fatalf("error %v, want field %s", err, tc.field)
			}
		})
	}
}
