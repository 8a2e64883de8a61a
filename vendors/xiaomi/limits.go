package xiaomi

// Mi Push's documented limits (vendor-facts.md §5.2-5.3).
const (
	maxTitle       = 49  // characters: the title must be shorter than 50
	maxDescription = 127 // characters: shorter than 128
	maxExtras      = 10  // custom extra.* key/values
	maxExtraValue  = 1024
)

// hostOf is the Mi Push host of a certificate's region; a device is only
// reached through the host of the region it registered in.
func hostOf(region string) string {
	switch region {
	case "global":
		return "sgp-api.xmpush.global.xiaomi.com"
	case "ru":
		return "ru-api.xmpush.global.xiaomi.com"
	case "in":
		return "idmb-api.xmpush.global.xiaomi.com"
	case "eu":
		return "fr-api.xmpush.global.xiaomi.com"
	}
	return "api.xmpush.xiaomi.com"
}

func allHosts() []string {
	hosts := make([]string, 0, len(regions()))
	for _, r := range regions() {
		hosts = append(hosts, hostOf(r))
	}
	return hosts
}
