package main

// The request-header (front-proxy) authenticator, first in kube-apiserver's chain
// (pkg/kubeapiserver/authenticator/config.go Config.New: request header, then x509, then tokens).
// From staging/src/k8s.io/apiserver/pkg/authentication/request/headerrequest/requestheader.go and
// request/x509/x509.go (Verifier):
//   - no client certificate → not mine (nil, false, nil);
//   - the certificate is verified against --requestheader-client-ca-file with KeyUsages ClientAuth
//     (x509request.DefaultVerifyOptions) and the peer's other certificates as intermediates; a
//     failure is an error, "verifying certificate SN=…, SKID=AB:CD…, AKID=… failed: …" (certificateIdentifier);
//   - a non-empty --requestheader-allowed-names must contain the CN, else the error
//     "x509: subject with cn=<CN> is not in the allowed list"; empty allows any CN of that CA;
//   - no non-empty username header → not mine (the x509 authenticator then tries the same
//     certificate against --client-ca-file);
//   - user = the first non-empty username header (in flag order), uid = the first non-empty uid
//     header, groups = every non-empty value of every group header (a value "a,b" is one group),
//     extra: every header whose name starts (in any case) with a prefix, key = the rest lower-cased
//     then url.PathUnescape'd (kept as is when that fails), values appended in order;
//   - the identity headers are removed from the request (ClearAuthenticationHeaders).
// kube-apiserver's defaults come from kubeadm, not from the flags: kubeadm sets X-Remote-User,
// X-Remote-Group and X-Remote-Extra- and no uid header (RemoteRequestHeaderUID: beta in 1.33).

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
)

type requestHeaderAuthenticator struct {
	roots           *x509.CertPool
	allowedNames    []string
	usernameHeaders []string
	uidHeaders      []string
	groupHeaders    []string
	extraPrefixes   []string
}

func (a requestHeaderAuthenticator) AuthenticateRequest(r *http.Request) (*userInfo, bool, error) {
	leaf, err := verifiedPeer(r, a.roots)
	if leaf == nil || err != nil {
		return nil, false, err
	}
	if len(a.allowedNames) > 0 {
		allowed := false
		for _, n := range a.allowedNames {
			allowed = allowed || n == leaf.Subject.CommonName
		}
		if !allowed {
			return nil, false, fmt.Errorf("x509: subject with cn=%s is not in the allowed list", leaf.Subject.CommonName)
		}
	}
	name := firstHeaderValue(r.Header, a.usernameHeaders)
	if name == "" {
		return nil, false, nil
	}
	u := &userInfo{Username: name, UID: firstHeaderValue(r.Header, a.uidHeaders)}
	for _, h := range a.groupHeaders {
		for _, v := range r.Header[http.CanonicalHeaderKey(h)] {
			if v != "" {
				u.Groups = append(u.Groups, v)
			}
		}
	}
	for _, prefix := range a.extraPrefixes {
		for h, vv := range r.Header {
			if !hasPrefixFold(h, prefix) {
				continue
			}
			key := strings.ToLower(h[len(prefix):])
			if k, err := url.PathUnescape(key); err == nil {
				key = k
			}
			if u.Extra == nil {
				u.Extra = map[string][]string{}
			}
			u.Extra[key] = append(u.Extra[key], vv...)
		}
	}
	for _, h := range append(append(append([]string{}, a.usernameHeaders...), a.uidHeaders...), a.groupHeaders...) {
		r.Header.Del(h)
	}
	for _, prefix := range a.extraPrefixes {
		for h := range r.Header {
			if hasPrefixFold(h, prefix) {
				delete(r.Header, h)
			}
		}
	}
	return u, true, nil
}

// hexPairs is x509's sliceToHexString (certificateIdentifier): upper-case hex pairs joined by ':'.
func hexPairs(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(parts, ":")
}

func firstHeaderValue(h http.Header, names []string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// requestHeaderFlags are the --requestheader-* flags (pkg/kubeapiserver/options/authentication.go,
// RequestHeaderAuthenticationOptions): string slices, comma-separated.
type requestHeaderFlags struct {
	clientCAFile, allowedNames, usernameHeaders, uidHeaders, groupHeaders, extraPrefixes string
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// authenticator reads the CA bundle and checks, as BuiltInAuthenticationOptions.Validate does
// (1.35 and later), that a CA shared with --client-ca-file comes with allowed names.
func (f requestHeaderFlags) authenticator(clientCA []*x509.Certificate) (requestAuthenticator, error) {
	roots, certs, err := readCertPool(f.clientCAFile)
	if err != nil {
		return nil, err
	}
	allowed := splitList(f.allowedNames)
	if len(allowed) == 0 {
		for _, a := range clientCA {
			for _, b := range certs {
				if a.Equal(b) {
					return nil, fmt.Errorf("--requestheader-client-ca-file and --client-ca-file contain overlapping certificates; --requestheader-allowed-names must be specified to ensure regular client certificates cannot set authenticating proxy headers for arbitrary users")
				}
			}
		}
	}
	uid := splitList(f.uidHeaders)
	return requestHeaderAuthenticator{roots: roots, allowedNames: allowed,
		usernameHeaders: splitList(f.usernameHeaders), uidHeaders: uid,
		groupHeaders: splitList(f.groupHeaders), extraPrefixes: splitList(f.extraPrefixes)}, nil
}

// readCertPool reads a PEM CA bundle (certutil.CertsFromFile).
func readCertPool(path string) (*x509.CertPool, []*x509.Certificate, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("error reading %s: %v", path, err)
	}
	pool := x509.NewCertPool()
	var certs []*x509.Certificate
	for {
		var block *pem.Block
		block, raw = pem.Decode(raw)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, nil, fmt.Errorf("error loading certs from  %s: %v", path, err)
		}
		pool.AddCert(c)
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, nil, fmt.Errorf("error loading certs from  %s: data does not contain any valid RSA or ECDSA certificates", path)
	}
	return pool, certs, nil
}
