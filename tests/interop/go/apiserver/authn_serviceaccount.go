package main

// Service-account tokens (pkg/serviceaccount/jwt.go, claims.go, legacy.go), with the JWS checked
// by the standard library instead of go-jose (RS*/PS* via crypto/rsa, PS* with the salt length
// equal to the hash as JWS requires, ES* via crypto/ecdsa on the raw r‖s). Two authenticators
// share the code: the legacy one accepts only issuer "kubernetes/serviceaccount" and checks the
// Secret holding the token (with -service-account-lookup); the bound one accepts the
// -service-account-issuer list and checks exp/nbf/iat with go-jose's 1-minute leeway and the
// ServiceAccount and bound Pod/Secret/Node from -objects-file. Error texts are kube-apiserver's.

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"time"
)

const legacyIssuer = "kubernetes/serviceaccount"

var (
	errNoKeys        = errors.New("invalid signature, no keys found")
	errCryptoFailure = errors.New("go-jose/go-jose: error in cryptographic primitive")
	leeway           = time.Minute
)

type saKey struct {
	kid string
	key crypto.PublicKey
}

// readKeyFiles reads --service-account-key-file: every PEM public key, certificate or private key.
func readKeyFiles(paths []string) ([]saKey, error) {
	var keys []saKey
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		found := 0
		for {
			var block *pem.Block
			block, raw = pem.Decode(raw)
			if block == nil {
				break
			}
			var pub crypto.PublicKey
			switch block.Type {
			case "PUBLIC KEY":
				pub, err = x509.ParsePKIXPublicKey(block.Bytes)
			case "CERTIFICATE":
				var c *x509.Certificate
				if c, err = x509.ParseCertificate(block.Bytes); err == nil {
					pub = c.PublicKey
				}
			case "RSA PRIVATE KEY":
				var k *rsa.PrivateKey
				if k, err = x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
					pub = &k.PublicKey
				}
			case "EC PRIVATE KEY":
				var k *ecdsa.PrivateKey
				if k, err = x509.ParseECPrivateKey(block.Bytes); err == nil {
					pub = &k.PublicKey
				}
			case "PRIVATE KEY":
				var k interface{}
				if k, err = x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
					pub = k.(interface{ Public() crypto.PublicKey }).Public()
				}
			default:
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %v", p, err)
			}
			der, err := x509.MarshalPKIXPublicKey(pub)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", p, err)
			}
			sum := sha256.Sum256(der)
			keys = append(keys, saKey{kid: base64.RawURLEncoding.EncodeToString(sum[:]), key: pub})
			found++
		}
		if found == 0 {
			return nil, fmt.Errorf("data does not contain any valid RSA or ECDSA public keys: %s", p)
		}
	}
	return keys, nil
}

func b64(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// verifyJWS is go-jose's Verify for one key: any failure is ErrCryptoFailure.
func verifyJWS(alg string, key crypto.PublicKey, input, sig []byte) error {
	hashes := map[string]crypto.Hash{"256": crypto.SHA256, "384": crypto.SHA384, "512": crypto.SHA512}
	if len(alg) != 5 {
		return errCryptoFailure
	}
	h, ok := hashes[alg[2:]]
	if !ok {
		return errCryptoFailure
	}
	hasher := h.New()
	hasher.Write(input)
	digest := hasher.Sum(nil)
	switch k := key.(type) {
	case *rsa.PublicKey:
		switch alg[:2] {
		case "RS":
			if rsa.VerifyPKCS1v15(k, h, digest, sig) == nil {
				return nil
			}
		case "PS":
			if rsa.VerifyPSS(k, h, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}) == nil {
				return nil
			}
		}
	case *ecdsa.PublicKey:
		curves := map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()}
		if curves[alg] != k.Curve {
			return errCryptoFailure
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*size {
			return errCryptoFailure
		}
		r := new(big.Int).SetBytes(sig[:size])
		s := new(big.Int).SetBytes(sig[size:])
		if ecdsa.Verify(k, digest, r, s) {
			return nil
		}
	}
	return errCryptoFailure
}

type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*a = audience{s}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	*a = list
	return nil
}

type numericDate int64

func (n *numericDate) UnmarshalJSON(b []byte) error {
	f, err := json.Number(string(b)).Float64()
	if err != nil {
		return fmt.Errorf("go-jose/go-jose/jwt: expected number timestamp: %v", err)
	}
	*n = numericDate(f)
	return nil
}

type ref struct {
	Name string `json:"name"`
	UID  string `json:"uid"`
}

type claims struct {
	Issuer    string       `json:"iss"`
	Subject   string       `json:"sub"`
	Audience  audience     `json:"aud"`
	Expiry    *numericDate `json:"exp"`
	NotBefore *numericDate `json:"nbf"`
	IssuedAt  *numericDate `json:"iat"`
	ID        string       `json:"jti"`
	K8s       struct {
		Namespace string `json:"namespace"`
		Svcacct   ref    `json:"serviceaccount"`
		Pod       *ref   `json:"pod"`
		Secret    *ref   `json:"secret"`
		Node      *ref   `json:"node"`
	} `json:"kubernetes.io"`
	LegacyNamespace string `json:"kubernetes.io/serviceaccount/namespace"`
	LegacySecret    string `json:"kubernetes.io/serviceaccount/secret.name"`
	LegacySAName    string `json:"kubernetes.io/serviceaccount/service-account.name"`
	LegacySAUID     string `json:"kubernetes.io/serviceaccount/service-account.uid"`
}

type serviceAccountAuthenticator struct {
	issuers      map[string]bool
	keys         []saKey
	implicitAuds []string
	legacy       bool
	lookup       bool
	store        objectStore
}

func (j serviceAccountAuthenticator) hasCorrectIssuer(token string) bool {
	if strings.HasPrefix(strings.TrimSpace(token), "{") {
		return false
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return false
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return false
	}
	var c struct {
		Issuer string `json:"iss"`
	}
	if json.Unmarshal(payload, &c) != nil {
		return false
	}
	return j.issuers[c.Issuer]
}

func (j serviceAccountAuthenticator) AuthenticateToken(token string) (*userInfo, bool, error) {
	if !j.hasCorrectIssuer(token) {
		return nil, false, nil
	}
	parts := strings.Split(token, ".")
	rawHeader, err1 := b64(parts[0])
	sig, err2 := b64(parts[2])
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err1 != nil || err2 != nil || json.Unmarshal(rawHeader, &header) != nil {
		return nil, false, nil // jwt.ParseSigned failed: not a JWS
	}
	var keys []saKey
	for _, k := range j.keys {
		if header.Kid == "" || k.kid == header.Kid {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, false, errNoKeys
	}
	payload, _ := b64(parts[1])
	var c claims
	var errs []error
	found := false
	for _, k := range keys {
		if err := verifyJWS(header.Alg, k.key, []byte(parts[0]+"."+parts[1]), sig); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := json.Unmarshal(payload, &c); err != nil {
			errs = append(errs, err)
			continue
		}
		found = true
		break
	}
	if !found {
		return nil, false, newAggregate(errs)
	}
	if !j.issuers[c.Issuer] {
		return nil, false, fmt.Errorf("token issuer %q is invalid", c.Issuer)
	}
	tokenAuds := []string(c.Audience)
	if len(tokenAuds) == 0 {
		tokenAuds = j.implicitAuds
	}
	var matched []string
	for _, a := range tokenAuds {
		for _, b := range j.implicitAuds {
			if a == b {
				matched = append(matched, a)
			}
		}
	}
	if len(matched) == 0 && len(j.implicitAuds) != 0 {
		return nil, false, fmt.Errorf("token audiences %q is invalid for the target audiences %q", tokenAuds, j.implicitAuds)
	}
	if j.legacy {
		return j.validateLegacy(token, &c)
	}
	return j.validateBound(&c)
}

func (j serviceAccountAuthenticator) validateBound(c *claims) (*userInfo, bool, error) {
	now := time.Now()
	at := func(n *numericDate) time.Time { return time.Unix(int64(*n), 0) }
	if c.NotBefore != nil && now.Add(leeway).Before(at(c.NotBefore)) {
		return nil, false, errors.New("service account token is not valid yet")
	}
	if c.Expiry != nil && now.Add(-leeway).After(at(c.Expiry)) {
		return nil, false, errors.New("service account token has expired")
	}
	if c.IssuedAt != nil && now.Add(leeway).Before(at(c.IssuedAt)) {
		return nil, false, errors.New("service account token is issued in the future")
	}
	deletedBefore := now.Add(-leeway)
	deleted := func(o *object) bool {
		return o.Metadata.DeletionTimestamp != nil && o.Metadata.DeletionTimestamp.Before(deletedBefore)
	}
	ns, sa := c.K8s.Namespace, c.K8s.Svcacct
	account, err := j.store.get("ServiceAccount", ns, sa.Name)
	if err != nil {
		return nil, false, err
	}
	if account.Metadata.UID != sa.UID {
		return nil, false, fmt.Errorf("service account UID (%s) does not match claim (%s)", account.Metadata.UID, sa.UID)
	}
	if deleted(account) {
		return nil, false, fmt.Errorf("service account %s/%s has been deleted", ns, sa.Name)
	}
	invalidated := errors.New("service account token has been invalidated")
	if r := c.K8s.Secret; r != nil {
		s, err := j.store.get("Secret", ns, r.Name)
		if err != nil {
			return nil, false, invalidated
		}
		if r.UID != s.Metadata.UID {
			return nil, false, fmt.Errorf("secret UID (%s) does not match service account secret ref claim (%s)", s.Metadata.UID, r.UID)
		}
		if deleted(s) {
			return nil, false, invalidated
		}
	}
	u := &userInfo{
		Username: "system:serviceaccount:" + ns + ":" + sa.Name,
		UID:      sa.UID,
		Groups:   []string{"system:serviceaccounts", "system:serviceaccounts:" + ns},
		Extra:    map[string][]string{},
	}
	if r := c.K8s.Pod; r != nil {
		p, err := j.store.get("Pod", ns, r.Name)
		if err != nil {
			return nil, false, invalidated
		}
		if r.UID != p.Metadata.UID {
			return nil, false, fmt.Errorf("pod UID (%s) does not match service account pod ref claim (%s)", p.Metadata.UID, r.UID)
		}
		if deleted(p) {
			return nil, false, invalidated
		}
		if r.Name != "" && r.UID != "" {
			u.Extra["authentication.kubernetes.io/pod-name"] = []string{r.Name}
			u.Extra["authentication.kubernetes.io/pod-uid"] = []string{r.UID}
		}
	}
	if r := c.K8s.Node; r != nil {
		if c.K8s.Pod == nil {
			n, err := j.store.get("Node", "", r.Name)
			if err != nil {
				return nil, false, invalidated
			}
			if r.UID != n.Metadata.UID {
				return nil, false, fmt.Errorf("node UID (%s) does not match service account node ref claim (%s)", n.Metadata.UID, r.UID)
			}
			if deleted(n) {
				return nil, false, invalidated
			}
		}
		if r.Name != "" {
			u.Extra["authentication.kubernetes.io/node-name"] = []string{r.Name}
			if r.UID != "" {
				u.Extra["authentication.kubernetes.io/node-uid"] = []string{r.UID}
			}
		}
	}
	if c.ID != "" {
		u.Extra["authentication.kubernetes.io/credential-id"] = []string{"JTI=" + c.ID}
	}
	if len(u.Extra) == 0 {
		u.Extra = nil
	}
	return u, true, nil
}

func (j serviceAccountAuthenticator) validateLegacy(token string, c *claims) (*userInfo, bool, error) {
	switch {
	case c.Subject == "":
		return nil, false, errors.New("sub claim is missing")
	case c.LegacyNamespace == "":
		return nil, false, errors.New("namespace claim is missing")
	case c.LegacySecret == "":
		return nil, false, errors.New("secretName claim is missing")
	case c.LegacySAName == "":
		return nil, false, errors.New("serviceAccountName claim is missing")
	case c.LegacySAUID == "":
		return nil, false, errors.New("serviceAccountUID claim is missing")
	}
	ns, name := c.LegacyNamespace, c.LegacySAName
	if c.Subject != "system:serviceaccount:"+ns+":"+name {
		return nil, false, errors.New("sub claim is invalid")
	}
	if j.lookup {
		secret, err := j.store.get("Secret", ns, c.LegacySecret)
		if err != nil || secret.Metadata.DeletionTimestamp != nil {
			return nil, false, errors.New("Token has been invalidated")
		}
		if subtle.ConstantTimeCompare([]byte(secret.value("token")), []byte(token)) == 0 {
			return nil, false, errors.New("Token does not match server's copy")
		}
		account, err := j.store.get("ServiceAccount", ns, name)
		if err != nil {
			return nil, false, err
		}
		if account.Metadata.DeletionTimestamp != nil {
			return nil, false, fmt.Errorf("ServiceAccount %s/%s has been deleted", ns, name)
		}
		if account.Metadata.UID != c.LegacySAUID {
			return nil, false, fmt.Errorf("ServiceAccount UID (%s) does not match claim (%s)", account.Metadata.UID, c.LegacySAUID)
		}
		const invalidSince = "kubernetes.io/legacy-token-invalid-since"
		if secret.Metadata.Labels[invalidSince] != "" {
			return nil, false, fmt.Errorf("the token in secret %s/%s for service account %s/%s has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the '%s' label from the secret to temporarily allow use of this token", ns, c.LegacySecret, ns, name, invalidSince)
		}
	}
	return &userInfo{
		Username: "system:serviceaccount:" + ns + ":" + name,
		UID:      c.LegacySAUID,
		Groups:   []string{"system:serviceaccounts", "system:serviceaccounts:" + ns},
	}, true, nil
}
