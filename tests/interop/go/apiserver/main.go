// A stand-in for kube-apiserver's authentication layer, for tests only.
//
// A real kube-apiserver cannot run on the test machines, so this small HTTPS server (Go standard
// library only) authenticates requests the way kube-apiserver does, one file per authenticator,
// named and assembled in kube-apiserver's order (authn_union.go):
//
//	authn_requestheader.go   --requestheader-*: a front proxy's certificate, then its X-Remote-* headers
//	authn_x509.go            --client-ca-file: client certificates (CN → user, O → groups)
//	authn_bearertoken.go     the Authorization header
//	authn_token_union.go     the token union and its 10-second success cache, over
//	  authn_tokenfile.go       --token-auth-file
//	  authn_serviceaccount.go  legacy and bound service-account tokens (--service-account-*)
//	  authn_bootstrap.go       --enable-bootstrap-token-auth (Secrets from -objects-file)
//	  authn_oidc.go            --oidc-* flags or -authentication-config (JSON; no CEL)
//	  authn_webhook.go         --authentication-token-webhook-* (the kubeconfig read as JSON; its own cache)
//	authn_anonymous.go       --anonymous-auth, or anonymous with path conditions in -authentication-config
//
// then system:authenticated, and anonymous only when no credential was sent; a refused credential
// gets kube-apiserver's 401 Status and the cause is only logged ("Unable to authenticate the
// request: …"). It answers just what the lessons use: SelfSubjectReview (kubectl auth whoami),
// discovery, and namespaced pod lists that only the groups given with -allow-group may read. It is
// a stand-in, not Kubernetes: authorization is that list of groups, and the Impersonate-* headers
// (filter_impersonation.go) are checked against the RBAC objects of -rbac-file.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"
)

type status struct {
	Kind       string            `json:"kind"`
	APIVersion string            `json:"apiVersion"`
	Metadata   map[string]string `json:"metadata"`
	Status     string            `json:"status"`
	Message    string            `json:"message"`
	Reason     string            `json:"reason"`
	Details    map[string]string `json:"details,omitempty"`
	Code       int               `json:"code"`
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

type warningsKey struct{}

// addWarning queues a Warning header (kube-apiserver's warning.AddWarning).
func addWarning(r *http.Request, text string) {
	if w, ok := r.Context().Value(warningsKey{}).(*[]string); ok {
		*w = append(*w, text)
	}
}

func writeJSON(w http.ResponseWriter, code int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, code int, reason, message string, details map[string]string) {
	writeJSON(w, code, status{Kind: "Status", APIVersion: "v1", Metadata: map[string]string{},
		Status: "Failure", Message: message, Reason: reason, Details: details, Code: code})
}

func forbidden(w http.ResponseWriter, u userInfo, verb, what string) {
	fail(w, http.StatusForbidden, "Forbidden",
		fmt.Sprintf("%s is forbidden: User %q cannot %s", what, u.Username, verb), nil)
}

func main() {
	addr := flag.String("listen", "127.0.0.1:0", "address to listen on (loopback only)")
	certFile := flag.String("tls-cert-file", "", "serving certificate (PEM)")
	keyFile := flag.String("tls-private-key-file", "", "serving key (PEM)")
	clientCA := flag.String("client-ca-file", "", "CA bundle that client certificates must chain to")
	allow := flag.String("allow-group", "", "comma-separated groups allowed to list pods")
	credentialID := flag.Bool("credential-id", false,
		"report the certificate's (and an OIDC token's jti) credential ID in the user's extra, as kube-apiserver 1.32+ does")
	tokenAuthFile := flag.String("token-auth-file", "", "static token file (CSV), as --token-auth-file")
	bootstrap := flag.Bool("enable-bootstrap-token-auth", false, "accept bootstrap tokens (Secrets in kube-system)")
	objectsFile := flag.String("objects-file", "", "JSON v1 List of ServiceAccounts, Pods, Secrets and Nodes (read on every lookup)")
	var saKeyFiles, saIssuers listFlag
	flag.Var(&saKeyFiles, "service-account-key-file", "PEM keys that verify service-account tokens (repeatable)")
	flag.Var(&saIssuers, "service-account-issuer", "accepted service-account token issuer (repeatable)")
	apiAudiences := flag.String("api-audiences", "", "comma-separated API audiences (default: the issuers)")
	saLookup := flag.Bool("service-account-lookup", true, "check that legacy tokens' Secrets still exist")
	anonymousAuth := flag.Bool("anonymous-auth", true, "requests without credentials are system:anonymous")
	var oidc oidcFlags
	flag.StringVar(&oidc.issuerURL, "oidc-issuer-url", "", "as --oidc-issuer-url (https only)")
	flag.StringVar(&oidc.clientID, "oidc-client-id", "", "as --oidc-client-id")
	flag.StringVar(&oidc.caFile, "oidc-ca-file", "", "as --oidc-ca-file: the CA the issuer's certificate chains to")
	flag.StringVar(&oidc.usernameClaim, "oidc-username-claim", "", "as --oidc-username-claim (default sub)")
	flag.StringVar(&oidc.usernamePrefix, "oidc-username-prefix", "", "as --oidc-username-prefix (default <issuer>#, unless the claim is email; - for none)")
	flag.StringVar(&oidc.groupsClaim, "oidc-groups-claim", "", "as --oidc-groups-claim")
	flag.StringVar(&oidc.groupsPrefix, "oidc-groups-prefix", "", "as --oidc-groups-prefix")
	flag.StringVar(&oidc.signingAlgs, "oidc-signing-algs", "", "as --oidc-signing-algs (default RS256)")
	flag.Var(&oidc.requiredClaims, "oidc-required-claim", "as --oidc-required-claim key=value (repeatable)")
	authenticationConfig := flag.String("authentication-config", "", "as --authentication-config, in JSON (jwt authenticators without CEL)")
	oidcRetry := flag.Duration("oidc-init-retry", 10*time.Second, "how often an uninitialised OIDC authenticator retries discovery (kube-apiserver: 10s)")
	webhookConfig := flag.String("authentication-token-webhook-config-file", "", "as --authentication-token-webhook-config-file (the kubeconfig in JSON)")
	webhookTTL := flag.Duration("authentication-token-webhook-cache-ttl", 2*time.Minute, "as --authentication-token-webhook-cache-ttl")
	webhookVersion := flag.String("authentication-token-webhook-version", "v1beta1", "as --authentication-token-webhook-version (v1 or v1beta1)")
	webhookBackoff := flag.Duration("webhook-retry-backoff", 500*time.Millisecond, "the first retry delay of the webhook (kube-apiserver: 500ms, not a flag there)")
	flag.DurationVar(&tokenSuccessTTL, "token-success-cache-ttl", 10*time.Second,
		"how long a token success is cached (kube-apiserver: 10s, not a flag there; for tests)")
	var rh requestHeaderFlags
	flag.StringVar(&rh.clientCAFile, "requestheader-client-ca-file", "", "as --requestheader-client-ca-file: the CA bundle a front proxy's client certificate must chain to")
	flag.StringVar(&rh.allowedNames, "requestheader-allowed-names", "", "as --requestheader-allowed-names (comma-separated CNs; empty: any)")
	flag.StringVar(&rh.usernameHeaders, "requestheader-username-headers", "", "as --requestheader-username-headers (comma-separated)")
	flag.StringVar(&rh.uidHeaders, "requestheader-uid-headers", "", "as --requestheader-uid-headers (comma-separated)")
	flag.StringVar(&rh.groupHeaders, "requestheader-group-headers", "", "as --requestheader-group-headers (comma-separated)")
	flag.StringVar(&rh.extraPrefixes, "requestheader-extra-headers-prefix", "", "as --requestheader-extra-headers-prefix (comma-separated)")
	rbacFile := flag.String("rbac-file", "", "JSON v1 List of ClusterRoles, ClusterRoleBindings, Roles and RoleBindings that the impersonation filter checks")
	flag.Parse()

	config := authConfig{anonymous: *anonymousAuth}
	if *authenticationConfig != "" { // the structured anonymous configuration (authn_anonymous.go)
		a, err := readAnonymousConfig(*authenticationConfig)
		if err != nil {
			log.Fatalf("Error: %v", err)
		}
		if a != nil {
			flag.Visit(func(f *flag.Flag) {
				if f.Name == "anonymous-auth" {
					log.Fatalf("Error: anonymous is configured in -authentication-config and -anonymous-auth is set: use one (the stand-in's wording)")
				}
			})
			config.anonymous = a.Enabled
			for _, c := range a.Conditions {
				config.anonymousPaths = append(config.anonymousPaths, c.Path)
			}
		}
	}
	if *clientCA != "" {
		caPEM, err := os.ReadFile(*clientCA)
		if err != nil {
			log.Fatalf("reading -client-ca-file: %v", err)
		}
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM(caPEM) {
			log.Fatalf("-client-ca-file %s holds no PEM certificate", *clientCA)
		}
		config.x509 = x509Authenticator{roots: roots, credentialID: *credentialID}
	}
	if rh.clientCAFile != "" { // part 5: the front proxy, before x509 (authn_requestheader.go)
		var clientCerts []*x509.Certificate
		if *clientCA != "" {
			_, clientCerts, _ = readCertPool(*clientCA)
		}
		a, err := rh.authenticator(clientCerts)
		if err != nil {
			log.Fatalf("Error: %v", err)
		}
		config.requestHeader = a
	}
	var rbac rbacTable
	if *rbacFile != "" {
		var err error
		if rbac, err = readRBACFile(*rbacFile); err != nil {
			log.Fatalf("Error: %v", err)
		}
	}
	store := objectStore{path: *objectsFile}
	if *tokenAuthFile != "" {
		tokens, err := readTokenFile(*tokenAuthFile)
		if err != nil {
			log.Fatalf("Error: %v", err)
		}
		config.tokens = append(config.tokens, tokens)
	}
	if len(saKeyFiles) > 0 {
		keys, err := readKeyFiles(saKeyFiles)
		if err != nil {
			log.Fatalf("Error: %v", err)
		}
		auds := []string(saIssuers)
		if *apiAudiences != "" {
			auds = strings.Split(*apiAudiences, ",")
		}
		config.tokens = append(config.tokens,
			serviceAccountAuthenticator{issuers: map[string]bool{legacyIssuer: true}, keys: keys, implicitAuds: auds,
				legacy: true, lookup: *saLookup, store: store})
		if len(saIssuers) > 0 {
			issuers := map[string]bool{}
			for _, i := range saIssuers {
				issuers[i] = true
			}
			config.tokens = append(config.tokens,
				serviceAccountAuthenticator{issuers: issuers, keys: keys, implicitAuds: auds, store: store})
		}
	}
	if *bootstrap {
		config.tokens = append(config.tokens, bootstrapAuthenticator{store: store})
	}
	if oidc.issuerURL != "" || oidc.clientID != "" || *authenticationConfig != "" {
		if *authenticationConfig != "" && (oidc.issuerURL != "" || oidc.clientID != "") {
			log.Fatalf("Error: authentication-config file and oidc-* flags are mutually exclusive")
		}
		var jwts []jwtAuthenticatorConfig
		var algs []string
		if *authenticationConfig != "" {
			var err error
			if jwts, err = readAuthenticationConfig(*authenticationConfig); err != nil {
				log.Fatalf("Error: %v", err)
			}
			for alg := range allowedSigningAlgs {
				algs = append(algs, alg)
			}
			sort.Strings(algs)
		} else {
			a, flagAlgs, err := oidc.authenticator()
			if err != nil {
				log.Fatalf("Error: %v", err)
			}
			jwts, algs = []jwtAuthenticatorConfig{a}, flagAlgs
		}
		for _, j := range jwts {
			a, err := newOIDCAuthenticator(j, algs, *credentialID, *oidcRetry)
			if err != nil {
				log.Fatalf("Error: %v", err)
			}
			config.tokens = append(config.tokens, a)
		}
	}
	if *webhookConfig != "" { // 6. the token webhook (authn_webhook.go), last in the union
		auds := []string(saIssuers)
		if *apiAudiences != "" {
			auds = strings.Split(*apiAudiences, ",")
		}
		a, err := newWebhookAuthenticator(*webhookConfig, *webhookVersion, *webhookTTL, auds, *webhookBackoff)
		if err != nil {
			log.Fatalf("Error: %v", err)
		}
		config.tokens = append(config.tokens, a)
	}
	authenticator := newAuthenticator(config)
	serving, err := tls.LoadX509KeyPair(*certFile, *keyFile)
	if err != nil {
		log.Fatalf("loading the serving certificate: %v", err)
	}
	allowed := map[string]bool{}
	for _, g := range strings.Split(*allow, ",") {
		if g != "" {
			allowed[g] = true
		}
	}

	mux := http.NewServeMux()
	handle := func(fn func(http.ResponseWriter, *http.Request, userInfo)) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			var warnings []string
			r = r.WithContext(context.WithValue(r.Context(), warningsKey{}, &warnings))
			u, ok, err := authenticator.AuthenticateRequest(r)
			for _, text := range warnings {
				w.Header().Add("Warning", fmt.Sprintf("299 - %q", text))
			}
			if err != nil || !ok {
				if err != nil {
					log.Printf("Unable to authenticate the request: %v", err)
				}
				fail(w, http.StatusUnauthorized, "Unauthorized", "Unauthorized", nil)
				return
			}
			if *u, ok = impersonate(w, r, *u, rbac); !ok { // filter_impersonation.go
				return
			}
			log.Printf("%s %s user=%q uid=%q groups=%q extra=%q", r.Method, r.URL.Path, u.Username, u.UID, u.Groups, u.Extra)
			fn(w, r, *u)
		}
	}
	isAuthenticated := func(u userInfo) bool { return u.Username != anonymous.Username }

	// Discovery, as system:discovery grants it: to authenticated users only.
	discovery := func(body func(r *http.Request) interface{}) http.HandlerFunc {
		return handle(func(w http.ResponseWriter, r *http.Request, u userInfo) {
			if !isAuthenticated(u) {
				fail(w, http.StatusForbidden, "Forbidden",
					fmt.Sprintf("forbidden: User %q cannot get path %q", u.Username, r.URL.Path), nil)
				return
			}
			writeJSON(w, http.StatusOK, body(r))
		})
	}
	mux.HandleFunc("/api", discovery(func(r *http.Request) interface{} {
		return map[string]interface{}{
			"kind": "APIVersions", "versions": []string{"v1"},
			"serverAddressByClientCIDRs": []map[string]string{{"clientCIDR": "0.0.0.0/0", "serverAddress": r.Host}},
		}
	}))
	mux.HandleFunc("/api/v1", discovery(func(r *http.Request) interface{} {
		return map[string]interface{}{
			"kind": "APIResourceList", "groupVersion": "v1",
			"resources": []map[string]interface{}{{
				"name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod",
				"verbs": []string{"get", "list"}, "shortNames": []string{"po"},
			}},
		}
	}))
	mux.HandleFunc("/apis", discovery(func(r *http.Request) interface{} {
		gv := map[string]string{"groupVersion": "authentication.k8s.io/v1", "version": "v1"}
		return map[string]interface{}{
			"kind": "APIGroupList", "apiVersion": "v1",
			"groups": []map[string]interface{}{{
				"name": "authentication.k8s.io", "versions": []map[string]string{gv}, "preferredVersion": gv,
			}},
		}
	}))
	review := func(version string) http.HandlerFunc {
		return handle(func(w http.ResponseWriter, r *http.Request, u userInfo) {
			if r.Method != http.MethodPost {
				fail(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "only POST is served here", nil)
				return
			}
			if !isAuthenticated(u) {
				forbidden(w, u, "create resource \"selfsubjectreviews\" in API group \"authentication.k8s.io\" at the cluster scope",
					"selfsubjectreviews.authentication.k8s.io")
				return
			}
			_, _ = io.Copy(io.Discard, r.Body)
			writeJSON(w, http.StatusCreated, map[string]interface{}{
				"kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/" + version,
				"metadata": map[string]string{},
				"status":   map[string]interface{}{"userInfo": u},
			})
		})
	}
	mux.HandleFunc("/apis/authentication.k8s.io/v1", discovery(func(r *http.Request) interface{} {
		return map[string]interface{}{
			"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "authentication.k8s.io/v1",
			"resources": []map[string]interface{}{{
				"name": "selfsubjectreviews", "singularName": "selfsubjectreview", "namespaced": false,
				"kind": "SelfSubjectReview", "verbs": []string{"create"},
			}},
		}
	}))
	mux.HandleFunc("/apis/authentication.k8s.io/v1/selfsubjectreviews", review("v1"))
	registerHealthChecks(mux, handle)
	mux.HandleFunc("/api/v1/namespaces/", handle(func(w http.ResponseWriter, r *http.Request, u userInfo) {
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v1/namespaces/"), "/")
		if len(parts) != 2 || parts[1] != "pods" {
			fail(w, http.StatusNotFound, "NotFound", "the server could not find the requested resource", nil)
			return
		}
		ok := false
		for _, g := range u.Groups {
			ok = ok || allowed[g]
		}
		if !ok {
			forbidden(w, u, fmt.Sprintf("list resource \"pods\" in API group \"\" in the namespace %q", parts[0]), "pods")
			return
		}
		writeJSON(w, http.StatusOK, map[string]interface{}{
			"kind": "PodList", "apiVersion": "v1", "metadata": map[string]string{"resourceVersion": "1"},
			"items": []interface{}{},
		})
	}))
	mux.HandleFunc("/", handle(func(w http.ResponseWriter, r *http.Request, u userInfo) {
		fail(w, http.StatusNotFound, "NotFound", "the server could not find the requested resource", nil)
	}))

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		log.Fatalf("refusing to listen on %s: loopback only", host)
	}
	server := &http.Server{
		Handler: mux,
		TLSConfig: &tls.Config{
			Certificates: []tls.Certificate{serving},
			ClientAuth:   tls.RequestClientCert,
			MinVersion:   tls.VersionTLS12,
		},
		ErrorLog: log.New(os.Stderr, "", 0),
	}
	fmt.Printf("listening on https://%s\n", ln.Addr().String())
	log.Fatal(server.ServeTLS(ln, "", ""))
}
