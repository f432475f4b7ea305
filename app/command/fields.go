package command

import (
	"fmt"
	"net/url"
)

func fieldIndex(name string, i int) string { return fmt.Sprintf("%s[%d]", name, i) }

func subField(name string, i int, sub string) string { return fmt.Sprintf("%s[%d].%s", name, i, sub) }

func checkWebhookURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", s)
	}
	return nil
}
