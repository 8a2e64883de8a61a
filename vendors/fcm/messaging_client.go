package fcm

import (
	"context"
	"fmt"
	"net/http"
	"reflect"

	"firebase.google.com/go/v4/messaging"
	"google.golang.org/api/option"
)

// newMessagingClient builds the Admin SDK's FCM client the way
// firebase.App.Messaging does, without the firebase root package.
//
// Why: the root package imports every Firebase product (Firestore, Cloud
// Storage, Realtime Database…), and with them gRPC's xDS stack, Envoy's
// control-plane types and OpenTelemetry: about 230 packages whose code
// and init-time registrations cost the console about 11 MB of resident
// memory idle, for a client it uses only for FCM. messaging.NewClient takes its
// configuration as a *internal.MessagingConfig, a type of the SDK's
// internal package that this module may not name, so it is made through
// reflection from NewClient's own signature. The fields it sets are the
// three App.Messaging sets; TestMessagingConfigShape fails if the SDK
// changes them.
func newMessagingClient(ctx context.Context, projectID string, hc *http.Client) (*messaging.Client, error) {
	newClient := reflect.ValueOf(messaging.NewClient)
	confType := newClient.Type().In(1) // *internal.MessagingConfig
	if confType.Kind() != reflect.Pointer || confType.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("firebase messaging: NewClient takes %s, not a config struct", confType)
	}
	conf := reflect.New(confType.Elem())
	set := map[string]any{
		"Opts":      []option.ClientOption{option.WithHTTPClient(hc)},
		"ProjectID": projectID,
		"Version":   sdkVersion,
	}
	for name, v := range set {
		f := conf.Elem().FieldByName(name)
		if !f.IsValid() || !f.CanSet() || !reflect.TypeOf(v).AssignableTo(f.Type()) {
			return nil, fmt.Errorf("firebase messaging: the SDK's config has no settable %s of type %T", name, v)
		}
		f.Set(reflect.ValueOf(v))
	}
	out := newClient.Call([]reflect.Value{reflect.ValueOf(ctx), conf})
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, err
	}
	return out[0].Interface().(*messaging.Client), nil
}

// sdkVersion is the Admin SDK's version in go.mod, which the root
// package's firebase.Version would give; TestMessagingConfigShape fails
// when go.mod moves to another.
const sdkVersion = "4.19.0"
