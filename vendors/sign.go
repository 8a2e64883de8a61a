package vendors

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// The Android vendors sign their auth requests with plain digests over
// concatenated strings; the helpers live here once for all of them.

// MD5Hex is lowercase hex MD5 of the concatenated parts (vivo's auth sign:
// appId + appKey + timestamp + appSecret, docs/vendors/vivo.md §1).
func MD5Hex(parts ...string) string {
	sum := md5.Sum([]byte(strings.Join(parts, "")))
	return hex.EncodeToString(sum[:])
}

// SHA256Hex is lowercase hex SHA-256 of the concatenated parts (OPPO's auth
// sign: app_key + timestamp + master_secret, §6.1).
func SHA256Hex(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "")))
	return hex.EncodeToString(sum[:])
}

// SortedParamsMD5 is Meizu's request sign (§8.1): MD5 over every parameter
// as raw (not URL-encoded) "key=value", sorted by key and concatenated
// without separators, followed by the AppSecret.
func SortedParamsMD5(params map[string]string, secret string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + params[k])
	}
	return MD5Hex(b.String(), secret)
}
