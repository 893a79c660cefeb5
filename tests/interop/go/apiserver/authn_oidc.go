package main

// The JWT (OIDC) token authenticator: k8s.io/apiserver plugin/pkg/authenticator/token/oidc/oidc.go
// over go-oidc v2 (NewProvider, IDTokenVerifier.Verify, remoteKeySet), with the standard library
// instead of go-oidc and go-jose. Configured by kube-apiserver's --oidc-* flags (converted as
// ToAuthenticationConfig does: the "<issuer>#" username prefix unless the claim is email or the
// prefix is "-"; RS256 only unless -oidc-signing-algs) or by -authentication-config (a JSON
// AuthenticationConfiguration; then all nine algorithms). Like kube-apiserver it starts at once and
// initialises in the background: it fetches {issuer}/.well-known/openid-configuration over HTTPS
// (trusting -oidc-ca-file or the file's certificateAuthority), requires its "issuer" to equal the URL
// string-exactly, and retries every -oidc-init-retry (kube-apiserver: 10 s) until then; tokens of
// that issuer get "oidc: authenticator not initialized" meanwhile. The JWKS is fetched on first use
// and again whenever no cached key verifies a token and the cache has expired (no Cache-Control:
// at once), as remoteKeySet does. Claim mappings and rules by claim and prefix are applied; CEL is
// not in Go's standard library, so a configuration with any expression is refused at start.

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

var allowedSigningAlgs = map[string]bool{
	"RS256": true, "RS384": true, "RS512": true, "ES256": true, "ES384": true, "ES512": true,
	"PS256": true, "PS384": true, "PS512": true,
}

// jwtAuthenticatorConfig is apiserver.JWTAuthenticator (v1 field names), read from JSON.
type jwtAuthenticatorConfig struct {
	Issuer struct {
		URL                  string   `json:"url"`
		DiscoveryURL         string   `json:"discoveryURL"`
		CertificateAuthority string   `json:"certificateAuthority"`
		Audiences            []string `json:"audiences"`
		AudienceMatchPolicy  string   `json:"audienceMatchPolicy"`
	} `json:"issuer"`
	ClaimValidationRules []struct {
		Claim         string `json:"claim"`
		RequiredValue string `json:"requiredValue"`
		Expression    string `json:"expression"`
		Message       string `json:"message"`
	} `json:"claimValidationRules"`
	ClaimMappings struct {
		Username prefixedClaim `json:"username"`
		Groups   prefixedClaim `json:"groups"`
		UID      struct {
			Claim      string `json:"claim"`
			Expression string `json:"expression"`
		} `json:"uid"`
		Extra []struct {
			Key             string `json:"key"`
			ValueExpression string `json:"valueExpression"`
		} `json:"extra"`
	} `json:"claimMappings"`
	UserValidationRules []struct {
		Expression string `json:"expression"`
		Message    string `json:"message"`
	} `json:"userValidationRules"`
}

type prefixedClaim struct {
	Claim      string  `json:"claim"`
	Prefix     *string `json:"prefix"`
	Expression string  `json:"expression"`
}

type oidcFlags struct {
	issuerURL, clientID, caFile, usernameClaim, usernamePrefix, groupsClaim, groupsPrefix, signingAlgs string
	requiredClaims                                                                                     listFlag
}

// fromFlags is ToAuthenticationConfig for the --oidc-* flags (and validateOIDCOptions' first rule).
func (f oidcFlags) authenticator() (jwtAuthenticatorConfig, []string, error) {
	var a jwtAuthenticatorConfig
	if f.issuerURL == "" || f.clientID == "" {
		return a, nil, errors.New("oidc-issuer-url and oidc-client-id must be specified together when any oidc-* flags are set")
	}
	a.Issuer.URL = f.issuerURL
	a.Issuer.Audiences = []string{f.clientID}
	if f.caFile != "" {
		pem, err := os.ReadFile(f.caFile)
		if err != nil {
			return a, nil, err
		}
		a.Issuer.CertificateAuthority = string(pem)
	}
	claim := f.usernameClaim
	if claim == "" {
		claim = "sub"
	}
	prefix := f.usernamePrefix
	if prefix == "" && claim != "email" {
		prefix = f.issuerURL + "#"
	}
	if prefix == "-" {
		prefix = ""
	}
	a.ClaimMappings.Username = prefixedClaim{Claim: claim, Prefix: &prefix}
	if f.groupsClaim != "" {
		gp := f.groupsPrefix
		a.ClaimMappings.Groups = prefixedClaim{Claim: f.groupsClaim, Prefix: &gp}
	}
	for _, kv := range f.requiredClaims {
		parts := strings.SplitN(kv, "=", 2)
		if len(parts) != 2 {
			return a, nil, fmt.Errorf("invalid --oidc-required-claim %q: want key=value", kv)
		}
		a.ClaimValidationRules = append(a.ClaimValidationRules, struct {
			Claim         string `json:"claim"`
			RequiredValue string `json:"requiredValue"`
			Expression    string `json:"expression"`
			Message       string `json:"message"`
		}{Claim: parts[0], RequiredValue: parts[1]})
	}
	algs := []string{"RS256"}
	if f.signingAlgs != "" {
		algs = strings.Split(f.signingAlgs, ",")
	}
	return a, algs, nil
}

// readAuthenticationConfig reads a JSON AuthenticationConfiguration's jwt list.
func readAuthenticationConfig(path string) ([]jwtAuthenticatorConfig, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file struct {
		APIVersion string                   `json:"apiVersion"`
		Kind       string                   `json:"kind"`
		JWT        []jwtAuthenticatorConfig `json:"jwt"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("%s: not a JSON AuthenticationConfiguration (the stand-in reads JSON only): %v", path, err)
	}
	if file.Kind != "AuthenticationConfiguration" || !strings.HasPrefix(file.APIVersion, "apiserver.config.k8s.io/") {
		return nil, fmt.Errorf("%s: kind %q, apiVersion %q is not an AuthenticationConfiguration", path, file.Kind, file.APIVersion)
	}
	for i, a := range file.JWT {
		m := a.ClaimMappings
		cel := m.Username.Expression != "" || m.Groups.Expression != "" || m.UID.Expression != "" || len(m.Extra) > 0 || len(a.UserValidationRules) > 0
		for _, r := range a.ClaimValidationRules {
			cel = cel || r.Expression != ""
		}
		if cel {
			return nil, fmt.Errorf("jwt[%d] uses CEL expressions, which this stand-in cannot evaluate (Go's standard library has no CEL): the site's CEL unit tests judge them", i)
		}
		if m.Username.Claim != "" && m.Username.Prefix == nil {
			return nil, fmt.Errorf("jwt[%d].claimMappings.username.prefix: Required value: prefix is required when claim is set. It can be set to an empty string to disable prefixing", i)
		}
		if m.Groups.Claim != "" && m.Groups.Prefix == nil {
			return nil, fmt.Errorf("jwt[%d].claimMappings.groups.prefix: Required value: prefix is required when claim is set. It can be set to an empty string to disable prefixing", i)
		}
		if len(a.Issuer.Audiences) > 1 && a.Issuer.AudienceMatchPolicy != "MatchAny" {
			return nil, fmt.Errorf("jwt[%d].issuer.audienceMatchPolicy: Invalid value: %q: audienceMatchPolicy must be MatchAny for multiple audiences", i, a.Issuer.AudienceMatchPolicy)
		}
	}
	return file.JWT, nil
}

type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	N   string `json:"n"`
	E   string `json:"e"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

type cachedKey struct {
	kid string
	key crypto.PublicKey
}

type oidcAuthenticator struct {
	config       jwtAuthenticatorConfig
	algs         []string
	client       *http.Client
	credentialID bool

	mu      sync.Mutex
	jwksURI string // set once initialised
	keys    []cachedKey
	expiry  time.Time
}

func newOIDCAuthenticator(a jwtAuthenticatorConfig, algs []string, credentialID bool, retry time.Duration) (*oidcAuthenticator, error) {
	for _, alg := range algs {
		if !allowedSigningAlgs[alg] {
			return nil, fmt.Errorf("oidc: unsupported signing alg: %q", alg)
		}
	}
	var roots *x509.CertPool
	if a.Issuer.CertificateAuthority != "" {
		roots = x509.NewCertPool()
		if !roots.AppendCertsFromPEM([]byte(a.Issuer.CertificateAuthority)) {
			return nil, errors.New("Failed to read the CA contents: data does not contain any valid RSA or ECDSA certificates")
		}
	} else {
		log.Printf("OIDC: No x509 certificates provided, will use host's root CA set")
	}
	o := &oidcAuthenticator{config: a, algs: algs, credentialID: credentialID,
		client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}}
	go func() {
		for {
			err := o.initialise()
			if err == nil {
				return
			}
			log.Printf("oidc authenticator: initializing plugin: %v", err)
			time.Sleep(retry)
		}
	}()
	return o, nil
}

func (o *oidcAuthenticator) get(url string) ([]byte, error) {
	resp, err := o.client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("unable to read response body: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", resp.Status, body)
	}
	return body, nil
}

// initialise is go-oidc's NewProvider (with the discoveryURL rewrite of oidc.New).
func (o *oidcAuthenticator) initialise() error {
	url := strings.TrimSuffix(o.config.Issuer.URL, "/") + "/.well-known/openid-configuration"
	if o.config.Issuer.DiscoveryURL != "" {
		url = o.config.Issuer.DiscoveryURL
	}
	body, err := o.get(url)
	if err != nil {
		return err
	}
	var p struct {
		Issuer  string `json:"issuer"`
		JWKSURL string `json:"jwks_uri"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return fmt.Errorf("oidc: failed to decode provider discovery object: %v", err)
	}
	if p.Issuer != o.config.Issuer.URL {
		return fmt.Errorf("oidc: issuer did not match the issuer returned by provider, expected %q got %q", o.config.Issuer.URL, p.Issuer)
	}
	o.mu.Lock()
	o.jwksURI = p.JWKSURL
	o.mu.Unlock()
	log.Printf("oidc authenticator: initialized for issuer %q, keys at %s", p.Issuer, p.JWKSURL)
	return nil
}

func b64int(s string) *big.Int {
	b, _ := base64.RawURLEncoding.DecodeString(s)
	return new(big.Int).SetBytes(b)
}

func (o *oidcAuthenticator) fetchKeys() error {
	o.mu.Lock()
	uri := o.jwksURI
	o.mu.Unlock()
	body, err := o.get(uri)
	if err != nil {
		return fmt.Errorf("oidc: get keys failed %v", err)
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal(body, &set); err != nil {
		return fmt.Errorf("oidc: failed to decode keys: %v %s", err, body)
	}
	var keys []cachedKey
	for _, k := range set.Keys {
		switch k.Kty {
		case "RSA":
			keys = append(keys, cachedKey{k.Kid, &rsa.PublicKey{N: b64int(k.N), E: int(b64int(k.E).Int64())}})
		case "EC":
			curves := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}
			if c, ok := curves[k.Crv]; ok {
				keys = append(keys, cachedKey{k.Kid, &ecdsa.PublicKey{Curve: c, X: b64int(k.X), Y: b64int(k.Y)}})
			}
		}
	}
	o.mu.Lock()
	o.keys = keys
	o.expiry = time.Now() // no cache headers honoured: the keys expire at once, as with none sent
	o.mu.Unlock()
	log.Printf("oidc authenticator: fetched %d key(s) from %s", len(keys), uri)
	return nil
}

// verifySignature is remoteKeySet.verify: cached keys first, then one refetch.
func (o *oidcAuthenticator) verifySignature(alg, kid string, input, sig []byte) error {
	try := func() bool {
		o.mu.Lock()
		keys := o.keys
		o.mu.Unlock()
		for _, k := range keys {
			if (kid == "" || k.kid == kid) && verifyJWS(alg, k.key, input, sig) == nil {
				return true
			}
		}
		return false
	}
	if try() {
		return nil
	}
	o.mu.Lock()
	fresh := !time.Now().Add(30 * time.Second).After(o.expiry)
	o.mu.Unlock()
	if fresh {
		return errors.New("failed to verify id token signature")
	}
	if err := o.fetchKeys(); err != nil {
		return fmt.Errorf("fetching keys %v", err)
	}
	if try() {
		return nil
	}
	return errors.New("failed to verify id token signature")
}

// oidcAudience is go-oidc's audience: a string or a list of strings.
type oidcAudience []string

func (a *oidcAudience) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*a = oidcAudience{s}
		return nil
	}
	var auds []string
	if err := json.Unmarshal(b, &auds); err != nil {
		return err
	}
	*a = auds
	return nil
}

// jsonTime is go-oidc's: a number (or numeric string) of Unix seconds.
type jsonTime time.Time

func (j *jsonTime) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	var unix int64
	if t, err := n.Int64(); err == nil {
		unix = t
	} else {
		f, err := n.Float64()
		if err != nil {
			return err
		}
		unix = int64(f)
	}
	*j = jsonTime(time.Unix(unix, 0))
	return nil
}

type idToken struct {
	Issuer    string       `json:"iss"`
	Subject   string       `json:"sub"`
	Audience  oidcAudience `json:"aud"`
	Expiry    jsonTime     `json:"exp"`
	IssuedAt  jsonTime     `json:"iat"`
	NotBefore *jsonTime    `json:"nbf"`
}

func untrustedOIDCIssuer(token string) (string, error) {
	if strings.HasPrefix(strings.TrimSpace(token), "{") {
		return "", errors.New("token is not compact JWT")
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", errors.New("malformed token")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", err
	}
	var c struct {
		Issuer string `json:"iss"`
	}
	if err := json.Unmarshal(payload, &c); err != nil {
		return "", err
	}
	if c.Issuer == "accounts.google.com" {
		return "https://accounts.google.com", nil
	}
	return c.Issuer, nil
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, " ") + "]"
}

// verify is IDTokenVerifier.Verify and idTokenVerifier.verifyAudience.
func (o *oidcAuthenticator) verify(raw string) (map[string]json.RawMessage, error) {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return nil, errors.New("oidc: malformed jwt: square/go-jose: compact JWS format must have three parts")
	}
	headerJSON, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	sig, err2 := base64.RawURLEncoding.DecodeString(parts[2])
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err1 != nil || err2 != nil || json.Unmarshal(headerJSON, &header) != nil {
		return nil, errors.New("oidc: malformed jwt: square/go-jose: compact JWS format must have three parts")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("oidc: malformed jwt: oidc: malformed jwt payload: %v", err)
	}
	var t idToken
	if err := json.Unmarshal(payload, &t); err != nil {
		return nil, fmt.Errorf("oidc: failed to unmarshal claims: %v", err)
	}
	a := o.config.Issuer
	if t.Issuer != a.URL {
		return nil, fmt.Errorf("oidc: id token issued by a different provider, expected %q got %q", a.URL, t.Issuer)
	}
	if len(a.Audiences) == 1 {
		found := false
		for _, x := range t.Audience {
			found = found || x == a.Audiences[0]
		}
		if !found {
			return nil, fmt.Errorf("oidc: expected audience %q got %s", a.Audiences[0], quoteList(t.Audience))
		}
	}
	now := time.Now()
	if time.Time(t.Expiry).Before(now) {
		return nil, fmt.Errorf("oidc: token is expired (Token Expiry: %v)", time.Time(t.Expiry))
	}
	if t.NotBefore != nil && now.Add(time.Minute).Before(time.Time(*t.NotBefore)) {
		return nil, fmt.Errorf("oidc: current time %v before the nbf (not before) time: %v", now, time.Time(*t.NotBefore))
	}
	allowed := false
	for _, alg := range o.algs {
		allowed = allowed || alg == header.Alg
	}
	if !allowed {
		return nil, fmt.Errorf("oidc: id token signed with unsupported algorithm, expected %s got %q", quoteList(o.algs), header.Alg)
	}
	if err := o.verifySignature(header.Alg, header.Kid, []byte(parts[0]+"."+parts[1]), sig); err != nil {
		return nil, fmt.Errorf("failed to verify signature: %v", err)
	}
	if len(a.Audiences) > 1 {
		found := false
		for _, x := range t.Audience {
			for _, want := range a.Audiences {
				found = found || x == want
			}
		}
		if !found {
			sorted := append([]string(nil), a.Audiences...)
			sort.Strings(sorted)
			return nil, fmt.Errorf("oidc: expected audience in %s got %s", quoteList(sorted), quoteList(t.Audience))
		}
	}
	var c map[string]json.RawMessage
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, fmt.Errorf("oidc: parse claims: %v", err)
	}
	return c, nil
}

func unmarshalClaim(c map[string]json.RawMessage, name string, v interface{}) error {
	raw, ok := c[name]
	if !ok {
		return errors.New("claim not present")
	}
	return json.Unmarshal(raw, v)
}

// stringOrArray is oidc.go's: groups as a list of strings or one string.
type stringOrArray []string

func (s *stringOrArray) UnmarshalJSON(b []byte) error {
	var a []string
	if err := json.Unmarshal(b, &a); err == nil {
		*s = a
		return nil
	}
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	*s = []string{str}
	return nil
}

func (o *oidcAuthenticator) AuthenticateToken(token string) (*userInfo, bool, error) {
	iss, err := untrustedOIDCIssuer(token)
	if err != nil || iss != o.config.Issuer.URL {
		return nil, false, nil
	}
	o.mu.Lock()
	ready := o.jwksURI != ""
	o.mu.Unlock()
	if !ready {
		return nil, false, errors.New("oidc: authenticator not initialized")
	}
	c, err := o.verify(token)
	if err != nil {
		return nil, false, fmt.Errorf("oidc: verify token: %v", err)
	}
	m := o.config.ClaimMappings
	var username string
	if err := unmarshalClaim(c, m.Username.Claim, &username); err != nil {
		return nil, false, fmt.Errorf("oidc: parse username claims %q: %v", m.Username.Claim, err)
	}
	if m.Username.Claim == "email" {
		if _, ok := c["email_verified"]; ok {
			var verified bool
			if err := unmarshalClaim(c, "email_verified", &verified); err != nil {
				return nil, false, fmt.Errorf("oidc: parse 'email_verified' claim: %v", err)
			}
			if !verified {
				return nil, false, errors.New("oidc: email not verified")
			}
		}
	}
	if m.Username.Prefix != nil && *m.Username.Prefix != "" {
		username = *m.Username.Prefix + username
	}
	info := &userInfo{Username: username}
	if m.Groups.Claim != "" {
		if _, ok := c[m.Groups.Claim]; ok {
			var groups stringOrArray
			if err := unmarshalClaim(c, m.Groups.Claim, &groups); err != nil {
				return nil, false, fmt.Errorf("oidc: parse groups claim %q: %v", m.Groups.Claim, err)
			}
			for i, g := range groups {
				if m.Groups.Prefix != nil {
					groups[i] = *m.Groups.Prefix + g
				}
			}
			info.Groups = groups
		}
	}
	if m.UID.Claim != "" {
		if err := unmarshalClaim(c, m.UID.Claim, &info.UID); err != nil {
			return nil, false, fmt.Errorf("oidc: parse uid claim %q: %v", m.UID.Claim, err)
		}
	}
	var jti string
	if o.credentialID && unmarshalClaim(c, "jti", &jti) == nil && jti != "" {
		info.Extra = map[string][]string{"authentication.kubernetes.io/credential-id": {"JTI=" + jti}}
	}
	for _, r := range o.config.ClaimValidationRules {
		if _, ok := c[r.Claim]; !ok {
			return nil, false, fmt.Errorf("oidc: required claim %s not present in ID token", r.Claim)
		}
		var v string
		if err := unmarshalClaim(c, r.Claim, &v); err != nil {
			return nil, false, fmt.Errorf("oidc: parse claim %s: %w", r.Claim, err)
		}
		if v != r.RequiredValue {
			return nil, false, fmt.Errorf("oidc: required claim %s value does not match. Got = %s, want = %s", r.Claim, v, r.RequiredValue)
		}
	}
	return info, true, nil
}
