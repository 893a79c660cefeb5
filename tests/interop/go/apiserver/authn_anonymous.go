package main

// Anonymous requests (request/anonymous): with --anonymous-auth (the default) every request that
// carried no credential is system:anonymous; the structured form in --authentication-config,
//
//	{"anonymous": {"enabled": true, "conditions": [{"path": "/livez"}, …]}}
//
// limits that to the listed paths, compared with req.URL.Path exactly: on any other path the
// anonymous authenticator says "not mine" (nil, false, nil), so the request gets 401. The two forms
// cannot be combined. Also here: the health paths that the default RBAC (system:public-info-viewer)
// lets everyone read, authenticated or not.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

type anonymousConfig struct {
	Enabled    bool `json:"enabled"`
	Conditions []struct {
		Path string `json:"path"`
	} `json:"conditions"`
}

// readAnonymousConfig reads the `anonymous` part of an AuthenticationConfiguration file (JSON);
// nil when the file has none.
func readAnonymousConfig(path string) (*anonymousConfig, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file struct {
		Anonymous *anonymousConfig `json:"anonymous"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("%s: not a JSON AuthenticationConfiguration (the stand-in reads JSON only): %v", path, err)
	}
	if a := file.Anonymous; a != nil && !a.Enabled && len(a.Conditions) > 0 {
		return nil, fmt.Errorf("%s: anonymous.conditions are only allowed when anonymous.enabled is true (the stand-in's wording)", path)
	}
	return file.Anonymous, nil
}

// anonymousFor is request/anonymous's authenticator: every path when paths is empty, else only those.
func anonymousFor(paths []string) requestAuthenticator {
	allowed := map[string]bool{}
	for _, p := range paths {
		allowed[p] = true
	}
	return requestAuthenticatorFunc(func(r *http.Request) (*userInfo, bool, error) {
		if len(allowed) > 0 && !allowed[r.URL.Path] {
			return nil, false, nil
		}
		u := anonymous
		return &u, true, nil
	})
}

// registerHealthChecks serves /livez, /readyz and /healthz ("ok") to anyone the chain lets in.
func registerHealthChecks(mux *http.ServeMux, handle func(func(http.ResponseWriter, *http.Request, userInfo)) http.HandlerFunc) {
	for _, p := range []string{"/livez", "/readyz", "/healthz"} {
		mux.HandleFunc(p, handle(func(w http.ResponseWriter, r *http.Request, u userInfo) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte("ok"))
		}))
	}
}
