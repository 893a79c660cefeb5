package main

// The request-level chain kube-apiserver builds (pkg/kubeapiserver/authenticator/config.go
// Config.New), in its order, and the wrappers around it:
//   request union (request/union): each authenticator in turn; an error is remembered and the next
//     tried; the first ok wins; otherwise the aggregated errors;
//   AuthenticatedGroupAdder (request/group): system:authenticated appended;
//   FailOnError + anonymous (request/anonymous): only (nil, false, nil) — no credential at all —
//     becomes system:anonymous; any error is a 401.

import "net/http"

type unionRequest struct {
	handlers    []requestAuthenticator
	failOnError bool
}

func (u unionRequest) AuthenticateRequest(r *http.Request) (*userInfo, bool, error) {
	var errs []error
	for _, h := range u.handlers {
		info, ok, err := h.AuthenticateRequest(r)
		if err != nil {
			if u.failOnError {
				return info, ok, err
			}
			errs = append(errs, err)
			continue
		}
		if ok {
			return info, ok, nil
		}
	}
	return nil, false, newAggregate(errs)
}

type authenticatedGroupAdder struct{ inner requestAuthenticator }

func (a authenticatedGroupAdder) AuthenticateRequest(r *http.Request) (*userInfo, bool, error) {
	info, ok, err := a.inner.AuthenticateRequest(r)
	if err != nil || !ok {
		return info, ok, err
	}
	if info.Username == "system:anonymous" {
		return info, ok, nil
	}
	for _, g := range info.Groups {
		if g == "system:authenticated" || g == "system:unauthenticated" {
			return info, ok, nil
		}
	}
	copied := *info
	copied.Groups = append(append([]string{}, info.Groups...), "system:authenticated")
	return &copied, true, nil
}

var anonymous = userInfo{Username: "system:anonymous", Groups: []string{"system:unauthenticated"}}

// authConfig is what the flags switched on.
type authConfig struct {
	requestHeader  requestAuthenticator // part 5: --requestheader-* (authn_requestheader.go)
	x509           requestAuthenticator // --client-ca-file
	tokens         []tokenAuthenticator // in the token union's order, see newTokenUnion
	anonymous      bool                 // --anonymous-auth, or anonymous.enabled of -authentication-config
	anonymousPaths []string             // anonymous.conditions (authn_anonymous.go); empty: every path
}

// newAuthenticator assembles the chain as Config.New does.
func newAuthenticator(c authConfig) requestAuthenticator {
	var chain []requestAuthenticator
	if c.requestHeader != nil { // 1. front proxy
		chain = append(chain, c.requestHeader)
	}
	if c.x509 != nil { // 2. client certificates
		chain = append(chain, c.x509)
	}
	if len(c.tokens) > 0 { // 3. Authorization: Bearer, over the cached token union
		chain = append(chain, bearerToken{auth: newTokenCache(tokenUnion(c.tokens), tokenSuccessTTL)})
	}
	var auth requestAuthenticator = authenticatedGroupAdder{unionRequest{handlers: chain}}
	if c.anonymous {
		auth = unionRequest{handlers: []requestAuthenticator{auth, anonymousFor(c.anonymousPaths)}, failOnError: true}
	}
	return auth
}
