package meizu

// Flyme Push's documented limits (vendor-facts.md §8.2-8.3).
const (
	maxTitle   = 32  // characters
	maxContent = 100 // characters
	maxPushIDs = 100 // per request (2025 doc; older docs said 1000)
)

const (
	hostCN   = "server-api-push.meizu.com"
	hostIntl = "server-api-push.in.meizu.com"
	sendPath = "/garcia/api/server/push/varnished/pushByPushId"
)

func hostOf(region string) string {
	if region == "intl" {
		return hostIntl
	}
	return hostCN
}
