package handlers

import (
	"net/url"

	"github.com/pushcheck/pushcheck/models"
)

// pathUnescape decodes a path parameter: echo hands them over as they
// appear in the URL, and user IDs may contain any character.
func pathUnescape(raw string) (string, error) {
	s, err := url.PathUnescape(raw)
	if err != nil {
		return "", models.Invalid("path", "the URL is not properly escaped")
	}
	return s, nil
}
