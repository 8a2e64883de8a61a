// Package fcm is the Firebase Cloud Messaging (HTTP v1) channel, through
// firebase.google.com/go/v4.
package fcm

import "github.com/pushcheck/pushcheck/models"

// Channel is Google FCM.
type Channel struct{}

// New builds the channel.
func New() *Channel { return &Channel{} }

// Vendor names the channel.
func (*Channel) Vendor() models.Vendor { return models.VendorFCM }
