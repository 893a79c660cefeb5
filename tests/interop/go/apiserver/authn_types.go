package main

// The interfaces of k8s.io/apiserver/pkg/authentication/authenticator, reduced to what the
// stand-in needs: a request authenticator and a token authenticator both answer (user, ok, err),
// where (nil, false, nil) means "no credential of mine here" and a non-nil err means "mine, but
// refused" — the difference that decides between anonymous and 401.

import "net/http"

type userInfo struct {
	Username string              `json:"username"`
	UID      string              `json:"uid,omitempty"`
	Groups   []string            `json:"groups,omitempty"`
	Extra    map[string][]string `json:"extra,omitempty"`
}

type requestAuthenticator interface {
	AuthenticateRequest(r *http.Request) (*userInfo, bool, error)
}

type tokenAuthenticator interface {
	AuthenticateToken(token string) (*userInfo, bool, error)
}

type requestAuthenticatorFunc func(r *http.Request) (*userInfo, bool, error)

func (f requestAuthenticatorFunc) AuthenticateRequest(r *http.Request) (*userInfo, bool, error) {
	return f(r)
}

// aggregate is utilerrors.NewAggregate(list).Error(): one message as is, several de-duplicated
// and joined in brackets; nil for an empty list.
type aggregate []error

func newAggregate(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return aggregate(errs)
}

func (a aggregate) Error() string {
	if len(a) == 1 {
		return a[0].Error()
	}
	seen := map[string]bool{}
	result := ""
	for _, e := range a {
		msg := e.Error()
		if seen[msg] {
			continue
		}
		if len(seen) > 0 {
			result += ", "
		}
		seen[msg] = true
		result += msg
	}
	if len(seen) == 1 {
		return result
	}
	return "[" + result + "]"
}
