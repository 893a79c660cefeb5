package main

// The webhook token authenticator, last in the token union: k8s.io/apiserver
// plugin/pkg/authenticator/token/webhook/webhook.go over pkg/util/webhook (GenericWebhook) and
// client-go's REST client, with the standard library instead. As kube-apiserver does, it
//   - reads the webhook kubeconfig (-authentication-token-webhook-config-file; in JSON here — Go has
//     no YAML reader, and `kubectl config view --raw -o json --kubeconfig <file>` turns the site's
//     YAML into it): current-context → cluster.server (the exact URL POSTed to) and
//     certificate-authority(-data), user client-certificate(-data)/client-key(-data);
//   - POSTs a TokenReview in -authentication-token-webhook-version (default v1beta1) with
//     spec.audiences = the API audiences (-api-audiences, else the service-account issuers), a 30 s
//     timeout, and retries with backoff (500 ms × 1.5, jitter 0.2, 5 attempts) on a connection reset,
//     429, 504, a 5xx other than 503, or Retry-After (DefaultShouldRetry);
//   - treats an unreachable webhook, a non-2xx answer and a body that is not a TokenReview of that
//     version as an error (logged "Failed to make webhook authenticator request: …"; a 401);
//   - checks audiences (status.audiences, else the API audiences, must intersect the request's, else
//     not this authenticator's token), then authenticated (false + error → that error; false alone →
//     not mine), then copies the user;
//   - caches (token/cache, cache.New(wh, false, ttl, ttl)): ok and not-authenticated answers for
//     -authentication-token-webhook-cache-ttl (default 2m), keyed by audiences and token; errors not.
// The texts for non-2xx answers are apimachinery's NewGenericServerResponse; src/tokens/webhook-authenticator.ts
// models the same steps and the tests hold the two equal.

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	mathrand "math/rand"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

type webhookKubeconfig struct {
	Clusters []struct {
		Name    string `json:"name"`
		Cluster struct {
			Server                   string `json:"server"`
			CertificateAuthority     string `json:"certificate-authority"`
			CertificateAuthorityData string `json:"certificate-authority-data"`
		} `json:"cluster"`
	} `json:"clusters"`
	Users []struct {
		Name string `json:"name"`
		User struct {
			ClientCertificate     string `json:"client-certificate"`
			ClientCertificateData string `json:"client-certificate-data"`
			ClientKey             string `json:"client-key"`
			ClientKeyData         string `json:"client-key-data"`
			Token                 string `json:"token"`
		} `json:"user"`
	} `json:"users"`
	Contexts []struct {
		Name    string `json:"name"`
		Context struct {
			Cluster string `json:"cluster"`
			User    string `json:"user"`
		} `json:"context"`
	} `json:"contexts"`
	CurrentContext string `json:"current-context"`
}

type tokenReviewUser struct {
	Username string              `json:"username,omitempty"`
	UID      string              `json:"uid,omitempty"`
	Groups   []string            `json:"groups,omitempty"`
	Extra    map[string][]string `json:"extra,omitempty"`
}

type tokenReviewStatus struct {
	Authenticated bool            `json:"authenticated,omitempty"`
	User          tokenReviewUser `json:"user,omitempty"`
	Audiences     []string        `json:"audiences,omitempty"`
	Error         string          `json:"error,omitempty"`
}

// tokenReview is authentication.k8s.io TokenReview (v1 and v1beta1 have the same fields).
type tokenReview struct {
	Kind       string `json:"kind,omitempty"`
	APIVersion string `json:"apiVersion,omitempty"`
	Metadata   struct {
		CreationTimestamp *string `json:"creationTimestamp"`
	} `json:"metadata"`
	Spec struct {
		Token     string   `json:"token,omitempty"`
		Audiences []string `json:"audiences,omitempty"`
	} `json:"spec"`
	Status tokenReviewStatus `json:"status,omitempty"`
}

type webhookAuthenticator struct {
	url          string
	client       *http.Client
	bearer       string
	version      string
	implicitAuds []string
	ttl          time.Duration
	backoff      time.Duration
	key          []byte
	mu           sync.Mutex
	cache        map[string]webhookCacheEntry
}

type webhookCacheEntry struct {
	user    *userInfo
	ok      bool
	expires time.Time
}

func pemFrom(data, file, what string) ([]byte, error) {
	if data != "" {
		b, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			return nil, fmt.Errorf("%s-data is not base64: %v", what, err)
		}
		return b, nil
	}
	if file != "" {
		return os.ReadFile(file)
	}
	return nil, nil
}

// newWebhookAuthenticator reads the kubeconfig as client-go's loader would for these fields.
func newWebhookAuthenticator(path, version string, ttl time.Duration, implicitAuds []string, backoff time.Duration) (*webhookAuthenticator, error) {
	if version != "v1" && version != "v1beta1" {
		return nil, fmt.Errorf("unsupported authentication webhook version %q, supported versions are %q, %q", version, "v1", "v1beta1")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var kc webhookKubeconfig
	if err := json.Unmarshal(raw, &kc); err != nil {
		return nil, fmt.Errorf("%s: %v (the stand-in reads kubeconfigs as JSON: kubectl config view --raw -o json)", path, err)
	}
	if kc.CurrentContext == "" {
		return nil, errors.New("invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable")
	}
	var clusterName, userName string
	found := false
	for _, c := range kc.Contexts {
		if c.Name == kc.CurrentContext {
			clusterName, userName, found = c.Context.Cluster, c.Context.User, true
		}
	}
	if !found {
		return nil, fmt.Errorf("invalid configuration: context was not found for specified context: %s", kc.CurrentContext)
	}
	a := &webhookAuthenticator{version: version, ttl: ttl, implicitAuds: implicitAuds, backoff: backoff,
		cache: map[string]webhookCacheEntry{}}
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
	for _, c := range kc.Clusters {
		if c.Name != clusterName {
			continue
		}
		a.url = c.Cluster.Server
		ca, err := pemFrom(c.Cluster.CertificateAuthorityData, c.Cluster.CertificateAuthority, "certificate-authority")
		if err != nil {
			return nil, err
		}
		if ca != nil {
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(ca) {
				return nil, errors.New("unable to load root certificates: unable to parse bytes as PEM block")
			}
			tlsConfig.RootCAs = pool
		}
	}
	if a.url == "" {
		return nil, errors.New("invalid configuration: no server found for cluster " + strconv.Quote(clusterName))
	}
	for _, u := range kc.Users {
		if u.Name != userName {
			continue
		}
		certPEM, err := pemFrom(u.User.ClientCertificateData, u.User.ClientCertificate, "client-certificate")
		if err != nil {
			return nil, err
		}
		keyPEM, err := pemFrom(u.User.ClientKeyData, u.User.ClientKey, "client-key")
		if err != nil {
			return nil, err
		}
		if certPEM != nil || keyPEM != nil {
			pair, err := tls.X509KeyPair(certPEM, keyPEM)
			if err != nil {
				return nil, err
			}
			tlsConfig.Certificates = []tls.Certificate{pair}
		}
		a.bearer = u.User.Token
	}
	a.client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsConfig}}
	a.key = make([]byte, 32)
	if _, err := rand.Read(a.key); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *webhookAuthenticator) AuthenticateToken(token string) (*userInfo, bool, error) {
	mac := hmac.New(sha256.New, a.key)
	fmt.Fprintf(mac, "%#v|", a.implicitAuds)
	mac.Write([]byte(token))
	k := string(mac.Sum(nil))
	a.mu.Lock()
	if e, ok := a.cache[k]; ok && time.Now().Before(e.expires) {
		a.mu.Unlock()
		return e.user, e.ok, nil
	}
	a.mu.Unlock()
	u, ok, err := a.review(token)
	if err == nil && a.ttl > 0 {
		a.mu.Lock()
		a.cache[k] = webhookCacheEntry{user: u, ok: ok, expires: time.Now().Add(a.ttl)}
		a.mu.Unlock()
	}
	return u, ok, err
}

func (a *webhookAuthenticator) review(token string) (*userInfo, bool, error) {
	var req tokenReview
	req.Kind = "TokenReview"
	req.APIVersion = "authentication.k8s.io/" + a.version
	req.Spec.Token = token
	req.Spec.Audiences = a.implicitAuds // the request context's audiences are the API audiences
	body, _ := json.Marshal(req)
	var status *tokenReviewStatus
	var err error
	delay := a.backoff
	for attempt := 1; attempt <= 5; attempt++ {
		var retry bool
		status, retry, err = a.post(body)
		if err == nil || !retry || attempt == 5 {
			break
		}
		time.Sleep(time.Duration(float64(delay) * (1 + 0.2*mathrand.Float64())))
		delay = time.Duration(float64(delay) * 1.5)
	}
	if err != nil {
		log.Printf("Failed to make webhook authenticator request: %v", err)
		return nil, false, err
	}
	if len(a.implicitAuds) > 0 {
		got := a.implicitAuds
		if len(status.Audiences) > 0 {
			got = status.Audiences
		}
		match := false
		for _, w := range a.implicitAuds {
			for _, g := range got {
				match = match || w == g
			}
		}
		if !match {
			return nil, false, nil
		}
	}
	if !status.Authenticated {
		if status.Error != "" {
			return nil, false, errors.New(status.Error)
		}
		return nil, false, nil
	}
	u := &userInfo{Username: status.User.Username, UID: status.User.UID, Groups: status.User.Groups, Extra: status.User.Extra}
	return u, true, nil
}

// post makes one request and reads the answer as client-go's Result.Into would.
func (a *webhookAuthenticator) post(body []byte) (*tokenReviewStatus, bool, error) {
	req, err := http.NewRequest(http.MethodPost, a.url, bytes.NewReader(body))
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, */*")
	if a.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+a.bearer)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, errors.Is(err, syscall.ECONNRESET), err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	ct := resp.Header.Get("Content-Type")
	if resp.StatusCode < 200 || resp.StatusCode > 206 {
		retry := resp.Header.Get("Retry-After") != "" || resp.StatusCode == 429 || resp.StatusCode == 504 ||
			(resp.StatusCode >= 500 && resp.StatusCode != 503)
		var st struct {
			Kind, Status, Message string
		}
		if json.Unmarshal(data, &st) == nil && st.Kind == "Status" && st.Status == "Failure" {
			return nil, retry, errors.New(st.Message)
		}
		msg := "unknown"
		if ct == "" || strings.HasPrefix(strings.TrimSpace(ct), "text/") {
			msg = strings.TrimSpace(string(data[:min(len(data), 1024)]))
		}
		return nil, retry, errors.New(genericServerResponse(resp.StatusCode, msg))
	}
	if len(data) == 0 {
		return nil, false, fmt.Errorf("0-length response with status code: %d and content type: %s", resp.StatusCode, ct)
	}
	var kinds struct {
		Kind       string `json:"kind"`
		APIVersion string `json:"apiVersion"`
	}
	if err := json.Unmarshal(data, &kinds); err != nil {
		return nil, false, fmt.Errorf("couldn't get version/kind; json parse error: %v", err)
	}
	want := "authentication.k8s.io/" + a.version
	kind, apiVersion := kinds.Kind, kinds.APIVersion
	if kind == "" {
		kind = "TokenReview"
	}
	if apiVersion == "" {
		apiVersion = want
	}
	if kind == "TokenReview" && apiVersion != want &&
		(apiVersion == "authentication.k8s.io/v1" || apiVersion == "authentication.k8s.io/v1beta1") {
		return nil, false, fmt.Errorf("converting (%s.TokenReview) to (%s.TokenReview): unknown conversion",
			strings.TrimPrefix(apiVersion, "authentication.k8s.io/"), a.version)
	}
	if kind != "TokenReview" || apiVersion != want {
		return nil, false, fmt.Errorf("no kind %q is registered for version %q", kind, apiVersion)
	}
	var review tokenReview
	if err := json.Unmarshal(data, &review); err != nil {
		return nil, false, err
	}
	return &review.Status, false, nil
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// genericServerResponse is apimachinery's errors.NewGenericServerResponse message for a POST
// without a resource (the webhook client names none).
func genericServerResponse(code int, serverMessage string) string {
	switch code {
	case http.StatusConflict:
		return "the server reported a conflict"
	case http.StatusNotFound:
		return "the server could not find the requested resource"
	case http.StatusBadRequest:
		return "the server rejected our request for an unknown reason"
	case http.StatusUnauthorized:
		return "the server has asked for the client to provide credentials"
	case http.StatusForbidden, http.StatusUnsupportedMediaType:
		return serverMessage
	case http.StatusNotAcceptable:
		if serverMessage == "" || serverMessage == "unknown" {
			return "the server was unable to respond with a content type that the client supports"
		}
		return serverMessage
	case http.StatusMethodNotAllowed:
		return "the server does not allow this method on the requested resource"
	case http.StatusUnprocessableEntity:
		return "the server rejected our request due to an error in our request"
	case http.StatusServiceUnavailable:
		return "the server is currently unable to handle the request"
	case http.StatusGatewayTimeout:
		return "the server was unable to return a response in the time allotted, but may still be processing the request"
	case http.StatusTooManyRequests:
		return "the server has received too many requests and has asked us to try again later"
	}
	if code >= 500 {
		return fmt.Sprintf("an error on the server (%q) has prevented the request from succeeding", serverMessage)
	}
	return fmt.Sprintf("the server responded with the status code %d but did not return more information", code)
}
