// Package vendors will hold the push channels: the interface every vendor
// satisfies, the registry by vendor name, and the one clients HTTP client
// factory, with one sub-package per vendor (apns, fcm, huawei, honor,
// xiaomi, oppo, vivo, meizu). The device registry already knows the eight
// vendors by name (models.Vendor); senders arrive with the certificates.
package vendors
