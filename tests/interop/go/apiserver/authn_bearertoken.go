package main

// The bearer-token request authenticator (request/bearertoken/bearertoken.go): TrimSpace the
// Authorization header, SplitN on " " into 3, the scheme "bearer" in any case, the token is the
// second part. An empty second part ("Bearer  x", two spaces) is no credential at all, with a
// warning. No authenticator accepting the token and none failing gives "invalid bearer token".
// On success the header is removed.

import (
	"errors"
	"net/http"
	"strings"
)

var errInvalidBearerToken = errors.New("invalid bearer token")

const extraSpaceWarning = "the provided Authorization header contains extra space before the bearer token, and is ignored"

type bearerToken struct{ auth tokenAuthenticator }

func (b bearerToken) AuthenticateRequest(r *http.Request) (*userInfo, bool, error) {
	auth := strings.TrimSpace(r.Header.Get("Authorization"))
	if auth == "" {
		return nil, false, nil
	}
	parts := strings.SplitN(auth, " ", 3)
	if len(parts) < 2 || strings.ToLower(parts[0]) != "bearer" {
		return nil, false, nil
	}
	token := parts[1]
	if len(token) == 0 {
		addWarning(r, extraSpaceWarning)
		return nil, false, nil
	}
	u, ok, err := b.auth.AuthenticateToken(token)
	if ok {
		r.Header.Del("Authorization")
	}
	if !ok && err == nil {
		err = errInvalidBearerToken
	}
	return u, ok, err
}
