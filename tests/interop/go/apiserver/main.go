// A stand-in for kube-apiserver's client-certificate authentication, for tests only.
//
// A real kube-apiserver cannot run on the test machines, so this small HTTPS server authenticates
// requests the way kube-apiserver's x509 authenticator does (staging/src/k8s.io/apiserver/pkg/
// authentication/request/x509): the TLS layer only *requests* a client certificate; the
// authenticator verifies it with crypto/x509 against --client-ca-file with KeyUsages ClientAuth and
// the client's chain as intermediates; CN becomes the user name, every O a group, and
// system:authenticated is added. A certificate that fails verification gets 401 Unauthorized; no
// certificate (or an empty CN) leaves the request anonymous (system:anonymous), which the
// authorizer then refuses with 403. It answers just what the lessons use: SelfSubjectReview
// (kubectl auth whoami), GET /api, and namespaced pod lists that only the groups given with
// -allow-group may read. With -credential-id it also reports, as kube-apiserver 1.32 and later do,
// the extra "authentication.kubernetes.io/credential-id": ["X509SHA256=<hex SHA-256 of the
// certificate>"] (x509.go's CommonNameUserConversion).
package main

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
)

type userInfo struct {
	Username string              `json:"username"`
	Groups   []string            `json:"groups,omitempty"`
	Extra    map[string][]string `json:"extra,omitempty"`
}

// reportCredentialID is -credential-id: behave like kube-apiserver 1.32 and later.
var reportCredentialID bool

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

var anonymous = userInfo{Username: "system:anonymous", Groups: []string{"system:unauthenticated"}}

func writeJSON(w http.ResponseWriter, code int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, code int, reason, message string, details map[string]string) {
	writeJSON(w, code, status{Kind: "Status", APIVersion: "v1", Metadata: map[string]string{},
		Status: "Failure", Message: message, Reason: reason, Details: details, Code: code})
}

// authenticate returns the user of the request, or an error when a certificate was sent but
// does not verify (kube-apiserver then answers 401 rather than falling back to anonymous).
func authenticate(r *http.Request, roots *x509.CertPool) (userInfo, error) {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return anonymous, nil
	}
	leaf := r.TLS.PeerCertificates[0]
	intermediates := x509.NewCertPool()
	for _, c := range r.TLS.PeerCertificates[1:] {
		intermediates.AddCert(c)
	}
	opts := x509.VerifyOptions{
		Roots:         roots,
		Intermediates: intermediates,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if _, err := leaf.Verify(opts); err != nil {
		return userInfo{}, fmt.Errorf("verifying certificate SN=%s, SKID=%x, AKID=%x failed: %w",
			leaf.SerialNumber, leaf.SubjectKeyId, leaf.AuthorityKeyId, err)
	}
	if leaf.Subject.CommonName == "" {
		return anonymous, nil
	}
	groups := append([]string{}, leaf.Subject.Organization...)
	groups = append(groups, "system:authenticated")
	u := userInfo{Username: leaf.Subject.CommonName, Groups: groups}
	if reportCredentialID {
		sum := sha256.Sum256(leaf.Raw)
		u.Extra = map[string][]string{
			"authentication.kubernetes.io/credential-id": {"X509SHA256=" + hex.EncodeToString(sum[:])},
		}
	}
	return u, nil
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
	flag.BoolVar(&reportCredentialID, "credential-id", false,
		"report the certificate's credential ID in the user's extra, as kube-apiserver 1.32+ does")
	flag.Parse()

	caPEM, err := os.ReadFile(*clientCA)
	if err != nil {
		log.Fatalf("reading -client-ca-file: %v", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		log.Fatalf("-client-ca-file %s holds no PEM certificate", *clientCA)
	}
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
			u, err := authenticate(r, roots)
			if err != nil {
				log.Printf("Unable to authenticate the request: %v", err)
				fail(w, http.StatusUnauthorized, "Unauthorized", "Unauthorized", nil)
				return
			}
			log.Printf("%s %s user=%q groups=%q", r.Method, r.URL.Path, u.Username, u.Groups)
			fn(w, r, u)
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
